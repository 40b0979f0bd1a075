using MathNet.Numerics.Distributions;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Random;

namespace PrunAdag.Problems;

/// <summary>
/// The paper's random under-determined least-squares problems f(x) = ½‖Ax − b‖², b = A x*, x* ~ N(0, I)
/// (docs/algorithm.md, E1; the scalings and readings the paper leaves open are C7 and C8).
/// </summary>
/// <remarks>
/// One <see cref="MersenneTwister"/> seeded with the seed generates everything, in this fixed order:
/// (1) the matrix A, drawn as described on each <see cref="MatrixClass"/> case in <see cref="Create"/>;
/// (2) x*, n standard normals; (3) x0 via <see cref="SparseStart.Draw"/> (support, then values).
/// </remarks>
public static class RandomLeastSquares
{
    /// <summary>The largest accepted m·n: 2²⁸ entries, a 2 GiB dense A (the generators also hold a copy of that size).</summary>
    public const long MaxEntries = 1L << 28;

    /// <summary>Builds one instance.</summary>
    /// <param name="cls">The matrix class A1..A6, or <see cref="MatrixClass.A5ZeroOne"/>.</param>
    /// <param name="seed">Fully determines the instance.</param>
    /// <param name="m">Rows (measurements), default 100.</param>
    /// <param name="n">Columns (unknowns), default 1000; n ≥ m.</param>
    /// <returns>A <see cref="TestProblem"/> named <c>random-ls:A1</c>..<c>random-ls:A6</c> (<c>random-ls:A5-01</c> for
    /// <see cref="MatrixClass.A5ZeroOne"/>), with x0 the paper's sparse unit-norm start (C10), T = max(1, ⌊n/10⌋) (C3)
    /// and Solution = x*.</returns>
    /// <exception cref="ArgumentOutOfRangeException">m or n not positive, m &gt; n, m·n above <see cref="MaxEntries"/>, or an unknown class.</exception>
    /// <exception cref="ArgumentException">A3 with n not a multiple of m.</exception>
    public static TestProblem Create(MatrixClass cls, int seed, int m = 100, int n = 1000)
    {
        if (m < 1) throw new ArgumentOutOfRangeException(nameof(m), m, "m must be at least 1.");
        if (n < m) throw new ArgumentOutOfRangeException(nameof(n), n, $"n must be at least m = {m} (the problems are under-determined).");
        if ((long)m * n > MaxEntries)
            throw new ArgumentOutOfRangeException(nameof(n), n, $"m·n = {(long)m * n} entries of A is more than the largest accepted {MaxEntries} (2²⁸, a 2 GiB matrix); got m = {m}, n = {n}.");
        if (!Enum.IsDefined(cls)) throw new ArgumentOutOfRangeException(nameof(cls), cls, "Unknown matrix class; use A1..A6 or A5ZeroOne.");
        if (cls == MatrixClass.A3 && n % m != 0)
            throw new ArgumentException($"Class A3 concatenates n/m orthogonal m×m blocks, so m must divide n; got m = {m}, n = {n}.", nameof(n));

        var rng = new MersenneTwister(seed);
        double[] storage = DrawMatrix(cls, m, n, rng, out int start, out string description);
        var op = new DenseOperator(m, n, storage, start);

        var xStar = RandomDraws.Normals(n, rng);
        var b = new double[m];
        op.Multiply(xStar, b);

        int t = SparseStart.TargetRelevant(n);
        var x0 = SparseStart.Draw(n, t, rng);

        return new TestProblem
        {
            Name = $"random-ls:{CatalogMember(cls)}",
            Kind = "least-squares",
            Seed = seed,
            Objective = Objective.LeastSquares(op, Vector<double>.Build.Dense(b)),
            X0 = x0,
            TargetRelevant = t,
            Solution = Vector<double>.Build.Dense(xStar),
            Description = $"{CatalogMember(cls)}: {description}, m = {m}, n = {n}; b = A x*, x* ~ N(0, I).",
        };
    }

    /// <summary>The part of the catalogue name after <c>random-ls:</c>: A1..A6, or A5-01 for <see cref="MatrixClass.A5ZeroOne"/>.</summary>
    internal static string CatalogMember(MatrixClass cls) => cls == MatrixClass.A5ZeroOne ? "A5-01" : cls.ToString();

    /// <summary>A as a row-major m×n matrix in storage whose first entry, at <paramref name="start"/>, is on a cache-line
    /// boundary (<see cref="Numerics.AlignedDoubles"/>; speed only).</summary>
    internal static double[] DrawMatrix(MatrixClass cls, int m, int n, Random rng, out int start, out string description)
    {
        // m·n ≤ MaxEntries = 2²⁸, so every index fits an int.
        var storage = Numerics.AlignedDoubles.Allocate(m * n, out start);
        var a = storage.AsSpan(start, m * n);
        switch (cls)
        {
            case MatrixClass.A1:
            {
                // Entries N(0, 1/m), drawn row by row. The 1/√m is choice C7 of docs/algorithm.md: it matches
                // the magnitudes of the paper's Table 2 (with N(0,1) entries ρ comes out ~80× larger).
                double s = 1 / Math.Sqrt(m);
                for (int i = 0; i < a.Length; i++) a[i] = s * Normal.Sample(rng, 0, 1);
                description = "Gaussian entries N(0, 1/m)";
                break;
            }
            case MatrixClass.A2:
            case MatrixClass.A4:
            {
                // The first m rows of a Haar n×n orthogonal matrix have the distribution of Qᵀ where Q is the
                // (sign-fixed) thin QR factor of an n×m Gaussian matrix: same distribution of the row space and
                // of the rows themselves, at O(n m²) instead of O(n³).
                var q = RandomDraws.HaarOrthonormalColumns(n, m, rng);
                for (int i = 0; i < m; i++)
                    for (int j = 0; j < n; j++) a[i * n + j] = q[j, i];
                description = "first m rows of a random n×n orthogonal matrix";
                if (cls == MatrixClass.A4)
                {
                    // Then one U[0.5, 2] factor per row, rows in order.
                    for (int i = 0; i < m; i++)
                    {
                        double f = 0.5 + 1.5 * rng.NextDouble();
                        for (int j = 0; j < n; j++) a[i * n + j] *= f;
                    }
                    description = "orthogonal rows (as A2) scaled by independent U[0.5, 2] factors";
                }
                break;
            }
            case MatrixClass.A3:
            {
                // n/m Haar m×m orthogonal blocks, left to right: A = [Q₁ Q₂ … Q_{n/m}].
                for (int blk = 0; blk < n / m; blk++)
                {
                    var q = RandomDraws.HaarOrthonormalColumns(m, m, rng);
                    for (int i = 0; i < m; i++)
                        for (int j = 0; j < m; j++) a[i * n + blk * m + j] = q[i, j];
                }
                description = "concatenation of n/m random m×m orthogonal matrices";
                break;
            }
            case MatrixClass.A5:
            {
                // Symmetric Bernoulli (Rademacher) entries ±1 with p = ½, row by row, scaled by 1/√m like A1
                // (docs/algorithm.md, C8): one uniform draw per entry, +1/√m below ½ and −1/√m otherwise.
                double s = 1 / Math.Sqrt(m);
                for (int i = 0; i < a.Length; i++) a[i] = rng.NextDouble() < 0.5 ? s : -s;
                description = "symmetric Bernoulli ±1 entries (p = 1/2) scaled by 1/√m";
                break;
            }
            case MatrixClass.A5ZeroOne:
            {
                // The {0, 1} reading of A5, kept for comparison (C8): the same uniform draws as A5, with 0 in
                // place of −1/√m. Its large rank-one mean part makes it much worse conditioned than the paper's A5.
                double s = 1 / Math.Sqrt(m);
                for (int i = 0; i < a.Length; i++) a[i] = rng.NextDouble() < 0.5 ? s : 0.0;
                description = "Bernoulli {0, 1} entries (p = 1/2) scaled by 1/√m (the {0, 1} reading of A5, kept for comparison)";
                break;
            }
            case MatrixClass.A6:
            {
                // m distinct row indices of the n×n orthonormal DCT-II (partial Fisher–Yates), kept in
                // increasing order; row order does not change the least-squares problem.
                var rows = RandomDraws.PartialPermutation(n, m, rng);
                Array.Sort(rows);
                for (int i = 0; i < m; i++)
                    for (int j = 0; j < n; j++) a[i * n + j] = Dct.Entry(rows[i], j, n);
                description = "m random rows of the n×n orthonormal DCT-II matrix";
                break;
            }
            default:
                throw new ArgumentOutOfRangeException(nameof(cls), cls, "Unknown matrix class.");
        }
        return storage;
    }
}
