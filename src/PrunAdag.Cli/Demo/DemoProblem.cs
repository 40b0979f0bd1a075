using MathNet.Numerics.Distributions;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Random;

namespace PrunAdag.Cli.Demo;

/// <summary>
/// The demo's random under-determined least-squares problem (the paper's random least-squares setting):
/// A (m × n) with N(0, 1/m) entries, x* ~ N(0, I), b = A x*, and x0 with exactly T nonzero Gaussian entries
/// on a random support, normalised to ‖x0‖ = 1. Kept small and private to the CLI so it can later be
/// replaced by the library's generators.
/// </summary>
internal sealed class DemoProblem
{
    private DemoProblem(Matrix<double> a, Vector<double> b, Vector<double> xStar, Vector<double> x0, int t)
    {
        A = a; B = b; XStar = xStar; X0 = x0; TargetRelevant = t;
    }

    public Matrix<double> A { get; }
    public Vector<double> B { get; }
    public Vector<double> XStar { get; }
    public Vector<double> X0 { get; }
    public int TargetRelevant { get; }

    /// <summary>
    /// Draws the problem from one Mersenne Twister seeded with <paramref name="seed"/>, in a fixed order
    /// (A row by row, then x*, then the support of x0, then its values), so a seed fixes every bit.
    /// </summary>
    public static DemoProblem Generate(int m, int n, int targetRelevant, int seed)
    {
        if (m < 1) throw new ArgumentOutOfRangeException(nameof(m), m, "m must be ≥ 1.");
        if (n < 1) throw new ArgumentOutOfRangeException(nameof(n), n, "n must be ≥ 1.");
        if (targetRelevant < 1 || targetRelevant > n)
            throw new ArgumentOutOfRangeException(nameof(targetRelevant), targetRelevant, $"TargetRelevant (T) must be in 1..n = {n}; got {targetRelevant}.");
        var rng = new MersenneTwister(seed);
        var normal = new Normal(0, 1, rng);

        // N(0, 1/m): standard deviation 1/√m.
        double sd = 1.0 / Math.Sqrt(m);
        var a = Matrix<double>.Build.Dense(m, n);
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++)
                a[i, j] = sd * normal.Sample();

        var xStar = Vector<double>.Build.Dense(n);
        for (int j = 0; j < n; j++) xStar[j] = normal.Sample();

        // b = A x*, summed in column order j = 0..n−1 for every row (explicit, so no provider changes it).
        var b = Vector<double>.Build.Dense(m);
        for (int i = 0; i < m; i++)
        {
            double s = 0;
            for (int j = 0; j < n; j++) s += a[i, j] * xStar[j];
            b[i] = s;
        }

        // Support: the first T entries of a partial Fisher–Yates shuffle of 0..n−1.
        var idx = Enumerable.Range(0, n).ToArray();
        for (int k = 0; k < targetRelevant; k++)
        {
            int r = rng.Next(k, n);
            (idx[k], idx[r]) = (idx[r], idx[k]);
        }
        var x0 = Vector<double>.Build.Dense(n);
        for (int k = 0; k < targetRelevant; k++)
        {
            double v;
            do v = normal.Sample(); while (v == 0); // "exactly T nonzero": an exact zero would lose one
            x0[idx[k]] = v;
        }
        x0 = x0 / x0.L2Norm();
        return new DemoProblem(a, b, xStar, x0, targetRelevant);
    }
}
