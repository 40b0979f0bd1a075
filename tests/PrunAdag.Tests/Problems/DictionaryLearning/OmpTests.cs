using MathNet.Numerics.LinearAlgebra;
using PrunAdag.Problems.DictionaryLearning;

namespace PrunAdag.Tests.Problems.DictionaryLearning;

public class OmpTests
{
    // [I  Cᵀ] with C the orthonormal DCT-II of size 256: mutual coherence μ = √(2/256) ≈ 0.088, so OMP recovers
    // every s-sparse code with s < (1 + 1/μ)/2 ≈ 6.2 exactly (Tropp 2004, exact recovery condition).
    private static Matrix<double> IdentityAndDct(int p) =>
        Matrix<double>.Build.Dense(p, 2 * p, (i, j) => j < p
            ? (i == j ? 1.0 : 0.0)
            : (j - p == 0 ? Math.Sqrt(1.0 / p) : Math.Sqrt(2.0 / p)) * Math.Cos(Math.PI * (2 * i + 1) * (j - p) / (2.0 * p)));

    [Theory]
    [InlineData(1)] [InlineData(2)] [InlineData(3)] [InlineData(4)]
    public void Recovers_a_planted_six_sparse_code_exactly_on_an_incoherent_dictionary(int seed)
    {
        const int p = 256;
        var d = IdentityAndDct(p);
        var rng = new Random(seed);
        var x = Vector<double>.Build.Dense(2 * p);
        var support = Enumerable.Range(0, 2 * p).OrderBy(_ => rng.Next()).Take(6).ToArray();
        foreach (int j in support) x[j] = (rng.Next(2) == 0 ? -1 : 1) * (1 + rng.NextDouble());
        var code = Omp.Solve(d, d * x, sparsity: 6);
        Assert.Equal(support.OrderBy(j => j), Enumerable.Range(0, 2 * p).Where(j => code[j] != 0));
        Assert.True((code - x).AbsoluteMaximum() < 1e-12);
    }

    [Fact]
    public void Stops_early_once_the_residual_is_within_tolerance()
    {
        var d = IdentityAndDct(16);
        var x = Vector<double>.Build.Dense(32); x[3] = 2; x[20] = -1;
        var code = Omp.Solve(d, d * x, sparsity: 10, tolerance: 1e-9);
        Assert.Equal(2, code.Enumerate().Count(v => v != 0));
    }

    [Fact]
    public void Rejects_atoms_that_are_not_unit_norm()
    {
        var d = 2 * IdentityAndDct(8);
        var ex = Assert.Throws<ArgumentException>(() => Omp.Solve(d, Vector<double>.Build.Dense(8, 1.0), 2));
        Assert.Contains("unit-norm", ex.Message);
    }
}
