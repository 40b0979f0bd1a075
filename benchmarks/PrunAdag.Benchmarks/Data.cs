namespace PrunAdag.Benchmarks;

/// <summary>Deterministic benchmark inputs.</summary>
internal static class Data
{
    public static double Gaussian(Random rng) =>
        Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());

    /// <summary>Gaussian entries scaled by 10^U(−3,3): a gradient-like spread of magnitudes with random signs.</summary>
    public static double[] GradientLike(int n, int seed)
    {
        var rng = new Random(seed);
        var v = new double[n];
        for (int i = 0; i < n; i++) v[i] = Gaussian(rng) * Math.Pow(10, 6 * rng.NextDouble() - 3);
        return v;
    }

    public static double[] Gaussians(int n, int seed)
    {
        var rng = new Random(seed);
        var v = new double[n];
        for (int i = 0; i < n; i++) v[i] = Gaussian(rng);
        return v;
    }
}
