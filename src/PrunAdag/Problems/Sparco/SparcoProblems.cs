using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Random;

namespace PrunAdag.Problems.Sparco;

/// <summary>
/// The SPARCO problems 3, 5, 7, 9 and 11 of the paper's experiment 2, re-implemented as seeded families
/// (docs/sparco.md, S0 and S3–S11): f(x) = ½‖Ax − b‖², b = A x* with no noise, A matrix-free.
/// </summary>
/// <remarks>
/// <para>Bit-exact agreement with MATLAB's instances is infeasible (docs/sparco.md, S0); one
/// <see cref="MersenneTwister"/> seeded with the seed draws each instance in the order docs/sparco.md lists for
/// the problem, then x0.</para>
/// <para>Starting point: <see cref="TestProblem.X0"/> is the start the paper describes (docs/sparco.md, S0; docs/algorithm.md, C10:
/// "a normalized starting point with exactly T nonzero entries", T = max(1, ⌊n/10⌋), drawn by
/// <see cref="SparseStart.Draw"/> after the problem's own draws). S2MPJ's own start, the all-ones vector,
/// is <see cref="S2mpjStart"/>.</para>
/// </remarks>
public static class SparcoProblems
{
    /// <summary>The supported SPARCO ids.</summary>
    public static IReadOnlyList<int> Ids { get; } = [3, 5, 7, 9, 11];

    /// <summary>S2MPJ's starting point, x⁰ = (1, …, 1).</summary>
    public static Vector<double> S2mpjStart(int n) => Vector<double>.Build.Dense(n, 1.0);

    /// <summary>Builds SPARCO problem <paramref name="id"/> (3, 5, 7, 9 or 11), named <c>sparco:id</c>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Unsupported id.</exception>
    public static TestProblem Create(int id, int seed)
    {
        var rng = new MersenneTwister(seed);
        ILinearOperator a;
        double[] xStar;
        double[]? bGiven = null;
        string description;
        switch (id)
        {
            case 3:
            {
                const int n = 1024;
                xStar = new double[2 * n];
                xStar[4] = 4 * Math.Sqrt(512); xStar[12] = 2 * Math.Sqrt(512); // c₅, c₁₃ (1-based)
                Spikes(xStar, n, n, 120, rng, sign: false);
                a = new ConcatenatedOperator(new TransposedOperator(new DctOperator(n)), new IdentityOperator(n));
                description = "cosspike: A = [Cᵀ I] (1024×2048), x* = 2 DCT coefficients + 120 Gaussian spikes";
                break;
            }
            case 5:
            {
                const int n = 1024;
                xStar = new double[2 * n];
                xStar[3] = 2 * Math.Sqrt(512); xStar[9] = 3 * Math.Sqrt(512); xStar[20] = -Math.Sqrt(512); // c₄, c₁₀, c₂₁
                Spikes(xStar, n, n, 60, rng, sign: false);
                var g = GaussianEnsemble.Create(300, n, mode: 2, rng);
                a = new ProductOperator(g, new ConcatenatedOperator(new TransposedOperator(new DctOperator(n)), new IdentityOperator(n)));
                description = "gcosspike: A = G[Cᵀ I] (300×2048), G Gaussian with unit columns, x* = 3 DCT coefficients + 60 Gaussian spikes";
                break;
            }
            case 7:
            {
                xStar = new double[2560];
                Spikes(xStar, 0, 2560, 20, rng, sign: true);
                a = GaussianEnsemble.Create(600, 2560, mode: 4, rng);
                description = "sgnspike: A = G (600×2560) Gaussian with orthonormal rows, x* = 20 ±1 spikes";
                break;
            }
            case 9:
            {
                const int n = 128;
                bGiven = BlocksSignal(n);
                xStar = new double[n];
                xStar[0] = bGiven[0];
                for (int i = 1; i < n; i++) xStar[i] = bGiven[i] - bGiven[i - 1]; // x* = H⁻¹ b, first differences
                a = new HeavisideOperator(n);
                description = "blkheavi: A = H (128×128 Heaviside), b = the Blocks signal, x* = H⁻¹ b (12 nonzeros); deterministic";
                break;
            }
            case 11:
            {
                xStar = new double[1024];
                Spikes(xStar, 0, 1024, 32, rng, sign: false);
                a = GaussianEnsemble.Create(256, 1024, mode: 0, rng);
                description = "gausspike: A = G (256×1024) raw N(0,1), x* = 32 Gaussian spikes";
                break;
            }
            default:
                throw new ArgumentOutOfRangeException(nameof(id), id, "Supported SPARCO problems: 3, 5, 7, 9, 11.");
        }

        var b = bGiven ?? new double[a.Rows];
        if (bGiven is null) a.Multiply(xStar, b);
        int t = SparseStart.TargetRelevant(a.Columns);
        return new TestProblem
        {
            Name = $"sparco:{id}",
            Kind = "least-squares",
            Seed = seed,
            Objective = Objective.LeastSquares(a, Vector<double>.Build.Dense(b)),
            X0 = SparseStart.Draw(a.Columns, t, rng),
            TargetRelevant = t,
            Solution = Vector<double>.Build.Dense(xStar),
            Description = $"S{id} {description}; no noise.",
        };
    }

    // K spikes at the first K entries of a random permutation of 0..length−1 (offset into x), then K normals
    // (or their signs) in permutation order — the draw order of docs/sparco.md, S3–S11.
    private static void Spikes(double[] x, int offset, int length, int k, Random rng, bool sign)
    {
        var positions = RandomDraws.PartialPermutation(length, k, rng);
        var values = RandomDraws.Normals(k, rng);
        for (int i = 0; i < k; i++)
            x[offset + positions[i]] = sign ? (values[i] < 0 ? -1.0 : 1.0) : values[i];
    }

    /// <summary>
    /// The Donoho–Johnstone "Blocks" signal of length N (docs/sparco.md, O5): t_i = i/N, i = 1..N,
    /// b_i = Σ_j h_j (1 + sign(t_i − p_j))/2 with sign(0) = 0.
    /// </summary>
    public static double[] BlocksSignal(int n)
    {
        if (n < 1) throw new ArgumentOutOfRangeException(nameof(n), n, "N must be at least 1.");
        double[] p = [0.10, 0.13, 0.15, 0.23, 0.25, 0.40, 0.44, 0.65, 0.76, 0.78, 0.81];
        double[] h = [4, -5, 3, -4, 5, -4.2, 2.1, 4.3, -3.1, 2.1, -4.2];
        var b = new double[n];
        for (int i = 1; i <= n; i++)
        {
            double t = (double)i / n, s = 0;
            for (int j = 0; j < p.Length; j++) s += h[j] * (1 + Math.Sign(t - p[j])) / 2.0;
            b[i - 1] = s;
        }
        return b;
    }
}
