using MathNet.Numerics.LinearAlgebra;
using PrunAdag.Problems;

namespace PrunAdag.Tests.Problems;

public class RandomLeastSquaresMatrixClassTests
{
    private const int M = 100, N = 1000;

    [Fact]
    public void A1_entries_have_mean_zero_and_variance_one_over_m()
    {
        var a = ProblemAccess.DenseA(RandomLeastSquares.Create(MatrixClass.A1, seed: 11));
        var values = a.Enumerate().ToArray();
        double mean = values.Average();
        double variance = values.Select(v => (v - mean) * (v - mean)).Sum() / (values.Length - 1);
        // 10⁵ samples of N(0, 1/m): sd(mean) = 0.1/√1e5 ≈ 3.2e-4, sd(variance) = (1/m)√(2/1e5) ≈ 4.5e-5.
        // Bounds at ~6 standard deviations.
        Assert.InRange(mean, -2e-3, 2e-3);
        Assert.InRange(variance, 1.0 / M - 3e-4, 1.0 / M + 3e-4);
    }

    [Fact]
    public void A2_rows_are_orthonormal()
    {
        var a = ProblemAccess.DenseA(RandomLeastSquares.Create(MatrixClass.A2, seed: 12));
        Assert.True((a * a.Transpose() - Matrix<double>.Build.DenseIdentity(M)).Enumerate().Max(Math.Abs) < 1e-12);
    }

    [Fact]
    public void A3_is_a_concatenation_of_orthogonal_square_blocks()
    {
        var a = ProblemAccess.DenseA(RandomLeastSquares.Create(MatrixClass.A3, seed: 13));
        for (int blk = 0; blk < N / M; blk++)
        {
            var q = a.SubMatrix(0, M, blk * M, M);
            Assert.True((q.TransposeThisAndMultiply(q) - Matrix<double>.Build.DenseIdentity(M)).Enumerate().Max(Math.Abs) < 1e-12);
            Assert.True((q * q.Transpose() - Matrix<double>.Build.DenseIdentity(M)).Enumerate().Max(Math.Abs) < 1e-12);
        }
    }

    [Fact]
    public void A3_requires_m_to_divide_n()
    {
        var ex = Assert.Throws<ArgumentException>(() => RandomLeastSquares.Create(MatrixClass.A3, 1, m: 30, n: 100));
        Assert.Contains("divide", ex.Message);
    }

    [Fact]
    public void A4_rows_are_orthogonal_with_norms_between_half_and_two()
    {
        var a = ProblemAccess.DenseA(RandomLeastSquares.Create(MatrixClass.A4, seed: 14));
        var gram = a * a.Transpose();
        for (int i = 0; i < M; i++)
        {
            Assert.InRange(Math.Sqrt(gram[i, i]), 0.5, 2.0);
            for (int j = 0; j < M; j++)
                if (i != j) Assert.True(Math.Abs(gram[i, j]) < 1e-12, $"rows {i}, {j}: {gram[i, j]}");
        }
        // Unequal norms: the factors are not all the same.
        Assert.True(Enumerable.Range(0, M).Select(i => gram[i, i]).Distinct().Count() > M / 2);
    }

    [Fact]
    public void A5_entries_are_zero_or_one_over_sqrt_m_in_roughly_equal_numbers()
    {
        var a = ProblemAccess.DenseA(RandomLeastSquares.Create(MatrixClass.A5, seed: 15));
        double s = 1 / Math.Sqrt(M);
        var values = a.Enumerate().ToArray();
        Assert.All(values, v => Assert.True(v == 0 || v == s, $"entry {v}"));
        double fraction = values.Count(v => v != 0) / (double)values.Length;
        Assert.InRange(fraction, 0.49, 0.51); // sd = 0.5/√1e5 ≈ 1.6e-3
    }

    [Fact]
    public void A6_rows_are_distinct_rows_of_the_orthonormal_dct_and_orthonormal()
    {
        var a = ProblemAccess.DenseA(RandomLeastSquares.Create(MatrixClass.A6, seed: 16));
        var used = new HashSet<int>();
        for (int i = 0; i < M; i++)
        {
            // Identify the frequency k from the row itself, then compare with the cosine formula.
            int match = -1;
            for (int k = 0; k < N && match < 0; k++)
            {
                double w = k == 0 ? Math.Sqrt(1.0 / N) : Math.Sqrt(2.0 / N);
                bool same = true;
                for (int j = 0; j < N && same; j++)
                    same = Math.Abs(a[i, j] - w * Math.Cos(Math.PI * (2 * j + 1) * k / (2.0 * N))) < 1e-12;
                if (same) match = k;
            }
            Assert.True(match >= 0, $"row {i} is not a row of the DCT-II matrix");
            Assert.True(used.Add(match), $"row {i} repeats frequency {match}");
        }
        Assert.True((a * a.Transpose() - Matrix<double>.Build.DenseIdentity(M)).Enumerate().Max(Math.Abs) < 1e-12);
    }

    [Theory]
    [InlineData(MatrixClass.A1)] [InlineData(MatrixClass.A2)] [InlineData(MatrixClass.A3)]
    [InlineData(MatrixClass.A4)] [InlineData(MatrixClass.A5)] [InlineData(MatrixClass.A6)]
    public void B_equals_A_times_the_solution(MatrixClass cls)
    {
        var p = RandomLeastSquares.Create(cls, seed: 5);
        var ls = ProblemAccess.LeastSquares(p);
        Assert.NotNull(p.Solution);
        Assert.True(((ProblemAccess.DenseA(p) * p.Solution!) - ls.B).L2Norm() < 1e-10);
        Assert.True(p.Objective.Value(p.Solution!) < 1e-20);
        Assert.Equal($"random-ls:{cls}", p.Name);
        Assert.Equal("least-squares", p.Kind);
    }

    [Theory]
    [InlineData(100_000, 100_000)]
    [InlineData(1, int.MaxValue)]
    [InlineData(16_385, 16_385)] // 2²⁸ + 2·2¹⁴ + 1 entries: just above the limit
    public void Sizes_above_the_largest_accepted_are_rejected_before_allocating(int m, int n)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => RandomLeastSquares.Create(MatrixClass.A1, 1, m, n));
        Assert.Equal("n", ex.ParamName);
        Assert.Contains($"more than the largest accepted {RandomLeastSquares.MaxEntries}", ex.Message);
    }
}
