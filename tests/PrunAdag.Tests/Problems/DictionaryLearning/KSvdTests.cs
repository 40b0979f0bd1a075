using MathNet.Numerics.LinearAlgebra;
using PrunAdag.Problems.DictionaryLearning;

namespace PrunAdag.Tests.Problems.DictionaryLearning;

public class KSvdTests
{
    private static Matrix<double> PlantedSignals(int p, int k, int n, int s, int seed)
    {
        var rng = new Random(seed);
        var d = Matrix<double>.Build.Dense(p, k, (_, _) => rng.NextDouble() - 0.5).NormalizeColumns(2);
        var x = Matrix<double>.Build.Dense(k, n);
        for (int j = 0; j < n; j++)
            foreach (int a in Enumerable.Range(0, k).OrderBy(_ => rng.Next()).Take(s)) x[a, j] = rng.NextDouble() + 0.5;
        return d * x + Matrix<double>.Build.Dense(p, n, (_, _) => 1e-3 * (rng.NextDouble() - 0.5));
    }

    [Fact]
    public void Reduces_the_representation_error_over_iterations()
    {
        var y = PlantedSignals(20, 30, 400, 3, seed: 1);
        var r = KSvd.Learn(y, new KSvdSettings { Atoms = 30, Sparsity = 3, Iterations = 8, Seed = 2 });
        Assert.Equal(8, r.CodingError.Count);
        // Each atom update is a best rank-1 fit with the support fixed, so it never increases the error.
        for (int t = 0; t < 8; t++) Assert.True(r.UpdateError[t] <= r.CodingError[t] * (1 + 1e-12), $"iteration {t}");
        Assert.True(r.CodingError[^1] < 0.75 * r.CodingError[0], $"{r.CodingError[0]} -> {r.CodingError[^1]}");
        for (int j = 0; j < 30; j++) Assert.Equal(1.0, r.Dictionary.Column(j).L2Norm(), 12);
    }

    [Fact]
    public void Same_settings_give_a_bitwise_identical_dictionary()
    {
        var y = PlantedSignals(10, 12, 60, 2, seed: 3);
        var s = new KSvdSettings { Atoms = 12, Sparsity = 2, Iterations = 3, Seed = 5 };
        Assert.Equal(KSvd.Learn(y, s).Dictionary.ToColumnMajorArray(), KSvd.Learn(y, s).Dictionary.ToColumnMajorArray());
    }

    [Theory]
    [InlineData(7, 3)] [InlineData(4, 9)]
    public void Rank_one_factor_is_the_top_left_singular_vector(int p, int q)
    {
        var rng = new Random(p * q);
        var e = Matrix<double>.Build.Dense(p, q, (_, _) => rng.NextDouble() - 0.5);
        var u = KSvd.TopLeftSingularVector(e.ToColumnMajorArray(), p, q);
        var reference = e.Svd(true).U.Column(0);
        Assert.Equal(1.0, Math.Abs(Vector<double>.Build.Dense(u) * reference), 10);
    }
}
