namespace PrunAdag.Tests.Reference;

/// <summary>
/// The library's fixed summation order written out plainly, one scalar at a time (docs/benchmarks.md,
/// "Fixed-order sums"): sixteen partial sums, partial l taking the terms of the indices i ≡ l (mod 16) in
/// increasing i, each term a rounded product; then s_l + s_{l+8}, s_l + s_{l+4}, s_l + s_{l+2}, and s₀ + s₁.
/// The tests hold every vectorised path of the library (512-, 256-, 128-bit, scalar) to this statement.
/// </summary>
public static class FixedOrderReference
{
    public static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        Assert.Equal(a.Length, b.Length);
        var s = new double[16];
        for (int i = 0; i < a.Length; i++)
        {
            double term = a[i] * b[i];
            s[i % 16] = s[i % 16] + term;
        }
        for (int l = 0; l < 8; l++) s[l] = s[l] + s[l + 8];
        for (int l = 0; l < 4; l++) s[l] = s[l] + s[l + 4];
        for (int l = 0; l < 2; l++) s[l] = s[l] + s[l + 2];
        return s[0] + s[1];
    }

    /// <summary>‖a‖ for vectors whose sum of squares neither under- nor overflows.</summary>
    public static double Norm(ReadOnlySpan<double> a) => Math.Sqrt(Dot(a, a));

    /// <summary>
    /// ∇ of Σ_i φ_i(A_i·x) as the dense operator's one-pass gradient orders it: c_i = coefficient(i, Dot(A_i, x));
    /// the rows cut into <paramref name="chunks"/> equal consecutive chunks (the last one shorter), each chunk's
    /// partial gradient adding c_i·a_ij over its rows in increasing i from +0, the partials added in chunk order.
    /// </summary>
    public static double[] RowGradient(double[] a, int m, int n, double[] x, Func<int, double, double> coefficient, int chunks)
    {
        int size = (m + chunks - 1) / chunks;
        var g = new double[n];
        for (int c = 0; c < chunks; c++)
        {
            var p = new double[n];
            for (int i = c * size; i < Math.Min(m, (c + 1) * size); i++)
            {
                double ci = coefficient(i, Dot(a.AsSpan(i * n, n), x));
                for (int j = 0; j < n; j++) p[j] = p[j] + ci * a[i * n + j];
            }
            for (int j = 0; j < n; j++) g[j] = c == 0 ? p[j] : g[j] + p[j];
        }
        return g;
    }
}
