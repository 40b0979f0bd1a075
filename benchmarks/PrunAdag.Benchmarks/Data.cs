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

    /// <summary>
    /// The end-to-end problem: 100 × 1000 least squares with Gaussian A and b = A·x*, x* with every tenth entry
    /// Gaussian, started at x₀ = 0 (shared by <see cref="EndToEndBenchmarks"/> and <see cref="SelectionSequenceBenchmarks"/>).
    /// </summary>
    public static (LeastSquaresObjective Objective, MathNet.Numerics.LinearAlgebra.Vector<double> X0) LeastSquares100x1000()
    {
        var rng = new Random(11);
        var a = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.Dense(100, 1000, (i, j) => Gaussian(rng));
        var xStar = MathNet.Numerics.LinearAlgebra.Vector<double>.Build.Dense(1000, i => i % 10 == 0 ? Gaussian(rng) : 0.0);
        return (Objective.LeastSquares(a, a * xStar), MathNet.Numerics.LinearAlgebra.Vector<double>.Build.Dense(1000, 0.0));
    }
}
