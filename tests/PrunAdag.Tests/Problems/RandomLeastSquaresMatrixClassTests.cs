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
    public void A5_entries_are_plus_or_minus_one_over_sqrt_m_about_half_positive_with_rows_of_norm_sqrt_n_over_m()
    {
        // docs/algorithm.md, C8: symmetric Bernoulli (Rademacher) entries ±1 with p = ½, scaled by 1/√m.
        var a = ProblemAccess.DenseA(RandomLeastSquares.Create(MatrixClass.A5, seed: 15));
        double s = 1 / Math.Sqrt(M);
        var values = a.Enumerate().ToArray();
        Assert.All(values, v => Assert.True(v == s || v == -s, $"entry {v:R} is not ±1/√m"));
        double positive = values.Count(v => v > 0) / (double)values.Length;
        Assert.InRange(positive, 0.49, 0.51); // 10⁵ fair coins: sd = 0.5/√1e5 ≈ 1.6e-3, bounds at ~6 sd
        // Every row has n entries of square 1/m, so its norm is √(n/m) = √10, whatever the signs.
        double expected = Math.Sqrt((double)N / M);
        for (int i = 0; i < M; i++)
        {
            double sum = 0;
            for (int j = 0; j < N; j++) sum += a[i, j] * a[i, j];
            Assert.True(Math.Abs(Math.Sqrt(sum) - expected) < 1e-12, $"row {i}: norm {Math.Sqrt(sum):R}, expected √10");
        }
    }

    [Fact]
    public void A5_has_no_large_mean_part_unlike_its_zero_one_reading()
    {
        // The reason for C8: {0, 1}/√m entries have mean 1/(2√m), a rank-one part of norm ≈ √(mn)/(2√m) = √n/2 ≈ 16;
        // ±1/√m entries have mean 0, and the largest singular value is ≈ (√m + √n)/√m ≈ 4.2 (Bai–Yin).
        double top = LargestSingularValue(ProblemAccess.DenseA(RandomLeastSquares.Create(MatrixClass.A5, seed: 17)));
        double topZeroOne = LargestSingularValue(ProblemAccess.DenseA(RandomLeastSquares.Create(MatrixClass.A5ZeroOne, seed: 17)));
        Assert.InRange(top, 3.5, 5.0);
        Assert.InRange(topZeroOne, 14.5, 17.5);
    }

    [Fact]
    public void A5_01_entries_are_zero_or_one_over_sqrt_m_in_roughly_equal_numbers_from_the_draws_of_A5()
    {
        var zeroOne = RandomLeastSquares.Create(MatrixClass.A5ZeroOne, seed: 15);
        Assert.Equal("random-ls:A5-01", zeroOne.Name);
        var a = ProblemAccess.DenseA(zeroOne);
        double s = 1 / Math.Sqrt(M);
        var values = a.Enumerate().ToArray();
        Assert.All(values, v => Assert.True(v == 0 || v == s, $"entry {v}"));
        double fraction = values.Count(v => v != 0) / (double)values.Length;
        Assert.InRange(fraction, 0.49, 0.51); // sd = 0.5/√1e5 ≈ 1.6e-3
        // Same draw order as A5: the same seed puts +1/√m at the same places, and 0 where A5 has −1/√m.
        var pm = ProblemAccess.DenseA(RandomLeastSquares.Create(MatrixClass.A5, seed: 15));
        for (int i = 0; i < M; i++)
            for (int j = 0; j < N; j++)
                Assert.True(pm[i, j] > 0 ? a[i, j] == s : a[i, j] == 0, $"entry ({i}, {j}): A5 {pm[i, j]:R}, A5-01 {a[i, j]:R}");
    }

    private static double LargestSingularValue(Matrix<double> a)
    {
        // Power iteration on AAᵀ (m × m), from a fixed start; 300 steps are plenty for a gap this size.
        var g = a * a.Transpose();
        var v = Vector<double>.Build.Dense(g.RowCount, i => 1.0 + 0.001 * i);
        double lambda = 0;
        for (int it = 0; it < 300; it++)
        {
            var w = g * v;
            lambda = w.L2Norm() / v.L2Norm();
            v = w / w.L2Norm();
        }
        return Math.Sqrt(lambda);
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
    [InlineData(MatrixClass.A4)] [InlineData(MatrixClass.A5)] [InlineData(MatrixClass.A6)] [InlineData(MatrixClass.A5ZeroOne)]
    public void B_equals_A_times_the_solution(MatrixClass cls)
    {
        var p = RandomLeastSquares.Create(cls, seed: 5);
        var ls = ProblemAccess.LeastSquares(p);
        Assert.NotNull(p.Solution);
        Assert.True(((ProblemAccess.DenseA(p) * p.Solution!) - ls.B).L2Norm() < 1e-10);
        Assert.True(p.Objective.Value(p.Solution!) < 1e-20);
        Assert.Equal(cls == MatrixClass.A5ZeroOne ? "random-ls:A5-01" : $"random-ls:{cls}", p.Name);
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
