using MathNet.Numerics.LinearAlgebra;

namespace PrunAdag.Tests.Reference;

/// <summary>Small seeded problems for the tests (System.Random with a fixed seed is deterministic across runs).</summary>
public static class Fixtures
{
    /// <summary>A standard normal draw (Box–Muller), so the tests depend only on System.Random.</summary>
    public static double Gaussian(Random rng) =>
        Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());

    /// <summary>f(x) = ½‖Ax − b‖² with Gaussian A (m × n, entries N(0, 1/m)) and Gaussian b.</summary>
    public static LeastSquaresObjective RandomLeastSquares(int m, int n, int seed)
    {
        var rng = new Random(seed);
        var a = Matrix<double>.Build.Dense(m, n, (_, _) => Gaussian(rng) / Math.Sqrt(m));
        var b = Vector<double>.Build.Dense(m, _ => Gaussian(rng));
        return Objective.LeastSquares(a, b);
    }

    /// <summary>A random start with about a quarter of its entries exactly zero (so x_i = 0 occurs).</summary>
    public static double[] RandomStart(int n, int seed)
    {
        var rng = new Random(seed + 1000);
        return Enumerable.Range(0, n).Select(_ => rng.NextDouble() < 0.25 ? 0.0 : Gaussian(rng)).ToArray();
    }

    /// <summary>
    /// f(x) = ½ Σ d_i (x_i − c_i)² whose components come in identical pairs (i and i + n/2 share d, c and x0),
    /// so |g_i| ties persist along the whole run and exercise the tie rule of R_k at every iteration;
    /// c_i = x0_i for one pair gives g_i = 0 exactly.
    /// </summary>
    public static (Objective F, double[] X0) TiedSeparable(int half, int seed)
    {
        var rng = new Random(seed);
        var d = new double[half]; var c = new double[half]; var x0 = new double[half];
        for (int j = 0; j < half; j++)
        {
            d[j] = rng.Next(1, 4);
            c[j] = rng.Next(-3, 4) * 0.5;
            x0[j] = rng.Next(-3, 4) * 0.25;
        }
        c[0] = x0[0]; // a component that starts stationary (g = 0)
        int n = 2 * half;
        var f = Objective.Create(n,
            (x, g) => { for (int i = 0; i < n; i++) g[i] = d[i % half] * (x[i] - c[i % half]); },
            x => { double s = 0; for (int i = 0; i < n; i++) s += 0.5 * d[i % half] * (x[i] - c[i % half]) * (x[i] - c[i % half]); return s; },
            "tied separable quadratic");
        return (f, Enumerable.Range(0, n).Select(i => x0[i % half]).ToArray());
    }

    /// <summary>
    /// A "gradient" that returns the scripted vector g_k at the k-th call, whatever x is. prunAdag is OFFO and its
    /// step depends only on (x_k, g_k, the weights), so this lets a hand-worked test put each component in the
    /// case it wants to check.
    /// </summary>
    public static Objective Scripted(params double[][] gradients)
    {
        int call = 0;
        int n = gradients[0].Length;
        return Objective.Create(n, (x, g) =>
        {
            var src = gradients[Math.Min(call, gradients.Length - 1)];
            call++;
            src.CopyTo(g);
        }, name: "scripted gradients");
    }

    /// <summary>Runs a minimizer and records x_k and g_k at every iteration through the callback.</summary>
    public static (MinimizationResult Result, List<double[]> Xs, List<double[]> Gs) RunRecorded(
        Minimizer minimizer, Objective f, double[] x0)
    {
        var xs = new List<double[]>(); var gs = new List<double[]>();
        var result = minimizer.Minimize(f, Vector<double>.Build.Dense((double[])x0.Clone()), state =>
        {
            Assert.Equal(xs.Count, state.Iteration);
            xs.Add(state.X.ToArray()); gs.Add(state.Gradient.ToArray());
            return true;
        });
        return (result, xs, gs);
    }
}
