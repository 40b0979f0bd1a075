namespace PrunAdag.Problems;

/// <summary>
/// The orthonormal DCT-II matrix C (N×N) of SPARCO.md §3: C[k, j] = w_k cos(π (2j+1) k / (2N)),
/// w₀ = √(1/N), w_k = √(2/N) for k ≥ 1 (MATLAB's <c>dct</c> convention); C⁻¹ = Cᵀ.
/// </summary>
public static class Dct
{
    /// <summary>C[k, j] for 0 ≤ k, j &lt; N.</summary>
    public static double Entry(int k, int j, int n)
    {
        if (n < 1) throw new ArgumentOutOfRangeException(nameof(n), n, "N must be at least 1.");
        if ((uint)k >= (uint)n) throw new ArgumentOutOfRangeException(nameof(k), k, $"k must be in [0, {n}).");
        if ((uint)j >= (uint)n) throw new ArgumentOutOfRangeException(nameof(j), j, $"j must be in [0, {n}).");
        return Weight(k, n) * CosTable(n)[(int)((long)(2 * j + 1) * k % (4L * n))];
    }

    internal static double Weight(int k, int n) => k == 0 ? Math.Sqrt(1.0 / n) : Math.Sqrt(2.0 / n);

    // cos(π t / (2N)) for t = 0..4N−1. Reducing (2j+1)k modulo 4N before taking the cosine keeps
    // every entry accurate to an ulp (cos of a huge argument loses digits) and makes equal angles equal.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<int, double[]> Tables = new();

    private static double[] CosTable(int n) => Tables.GetOrAdd(n, static n =>
    {
        var t = new double[4 * n];
        for (int i = 0; i < t.Length; i++) t[i] = Math.Cos(Math.PI * i / (2.0 * n));
        return t;
    });

    /// <summary>The full matrix, row-major (N² doubles; 8 MB for N = 1024).</summary>
    public static double[] RowMajor(int n)
    {
        if (n < 1) throw new ArgumentOutOfRangeException(nameof(n), n, "N must be at least 1.");
        var cos = CosTable(n);
        var c = new double[(long)n * n];
        long fourN = 4L * n;
        for (int k = 0; k < n; k++)
        {
            double w = Weight(k, n);
            for (int j = 0; j < n; j++) c[(long)k * n + j] = w * cos[(int)((long)(2 * j + 1) * k % fourN)];
        }
        return c;
    }
}
