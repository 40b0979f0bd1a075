using PrunAdag.Numerics;
using FixedOrder = PrunAdag.Numerics.FixedOrder;
using PrunAdag.Tests.Performance;
using PrunAdag.Tests.Reference;

namespace PrunAdag.Tests.Numerics;

/// <summary>
/// The fixed-order sums give the bits of the plainly written order (<see cref="FixedOrderReference"/>) on whatever
/// vector path this process runs: the test command runs these tests again with AVX-512, AVX2 and all SIMD switched
/// off, so the 512-, 256-, 128-bit and scalar paths are each held to the same bits.
/// </summary>
public class FixedOrderTests
{
    public static IEnumerable<object[]> Lengths() =>
        new[] { 0, 1, 2, 3, 7, 15, 16, 17, 31, 32, 33, 47, 63, 64, 65, 100, 255, 1000, 1001, 4099 }
            .SelectMany(n => Enumerable.Range(0, 5).Select(kind => new object[] { n, kind }));

    [Theory]
    [MemberData(nameof(Lengths))]
    public void Dot_is_bitwise_the_written_order(int n, int kind)
    {
        var rng = new Random(n * 7 + kind);
        var a = BitwiseInputs.Vector(rng, n, kind); var b = BitwiseInputs.Vector(rng, n, kind);
        Cases.AssertBitwise(FixedOrderReference.Dot(a, b), FixedOrder.Dot(a, b), $"Dot, n = {n}");
        Cases.AssertBitwise(FixedOrderReference.Dot(a, a), FixedOrder.SumOfSquares(a), $"SumOfSquares, n = {n}");
    }

    [Theory]
    [InlineData(1000)] [InlineData(1001)] [InlineData(37)]
    public void Dot_is_the_dot_product_within_rounding(int n)
    {
        var rng = new Random(n);
        var a = BitwiseInputs.Vector(rng, n, 4); var b = BitwiseInputs.Vector(rng, n, 4);
        decimal exact = 0; double scale = 0;
        for (int i = 0; i < n; i++) { exact += (decimal)a[i] * (decimal)b[i]; scale += Math.Abs(a[i] * b[i]); }
        Assert.True(Math.Abs(FixedOrder.Dot(a, b) - (double)exact) <= 1e-14 * scale, $"{FixedOrder.Dot(a, b):R} vs {exact}");
    }

    [Fact]
    public void Dot_rejects_vectors_of_different_lengths()
    {
        var e = Assert.Throws<ArgumentException>(() => FixedOrder.Dot(new double[3], new double[4]));
        Assert.Contains("3 and 4", e.Message);
    }

    [Theory]
    [InlineData(0)] [InlineData(2)] [InlineData(4)]
    public void Norm_in_the_normal_range_is_the_square_root_of_the_fixed_order_sum(int kind)
    {
        var rng = new Random(kind);
        var a = BitwiseInputs.Vector(rng, 777, kind);
        Cases.AssertBitwise(Math.Sqrt(FixedOrderReference.Dot(a, a)), FixedOrder.Norm(a), "Norm");
    }

    [Theory]
    [InlineData(1e-200)] [InlineData(1e-160)] [InlineData(5e-324)] [InlineData(1e160)] [InlineData(1e300)]
    public void Norm_of_tiny_and_huge_vectors_is_their_norm_not_zero_or_infinity(double magnitude)
    {
        // 33 entries of ±magnitude·(1 + i/64): Σ squares under- or overflows, the norm itself is representable.
        var a = Enumerable.Range(0, 33).Select(i => (i % 3 == 0 ? -1 : 1) * magnitude * (1 + i / 64.0)).ToArray();
        double exact = magnitude * Math.Sqrt(a.Sum(v => (v / magnitude) * (v / magnitude)));
        double norm = FixedOrder.Norm(a);
        Assert.True(double.IsFinite(norm) && norm > 0, $"‖a‖ = {norm:R}");
        // Subnormal results are multiples of the smallest subnormal: within one of them; otherwise a few ulps.
        double tolerance = magnitude < 1e-300 ? double.Epsilon : 1e-14 * exact;
        Assert.True(Math.Abs(norm - exact) <= tolerance, $"‖a‖ = {norm:R}, expected {exact:R}");
    }

    [Fact]
    public void Norm_of_a_vector_with_NaN_is_NaN_and_with_infinity_is_infinity()
    {
        Assert.True(double.IsNaN(FixedOrder.Norm([1.0, double.NaN, 1e300])));
        Assert.True(double.IsNaN(FixedOrder.Norm([double.PositiveInfinity, double.NaN])));
        Assert.Equal(double.PositiveInfinity, FixedOrder.Norm([1.0, double.NegativeInfinity, 2.0]));
        Assert.Equal(double.PositiveInfinity, FixedOrder.Norm(Enumerable.Repeat(1e308, 20).ToArray())); // ‖a‖ > double.MaxValue
        Assert.Equal(0.0, FixedOrder.Norm(new double[40]));
        Assert.Equal(0.0, FixedOrder.Norm([]));
    }

    // Multiples of 8 from 16 on take the grouped kernels' in-register finish (the last 8 terms, then the halving in
    // registers); the others leave their lanes to the shared tail and Combine.
    public static IEnumerable<object[]> DotsLengths() =>
        new[] { 1, 5, 8, 16, 24, 40, 1000, 1003 }.SelectMany(n => new[] { 0, 2, 4 }.Select(kind => new object[] { n, kind }));

    [Theory]
    [MemberData(nameof(DotsLengths))]
    public void Dots_on_one_to_eight_rows_give_each_row_its_fixed_order_dot(int n, int kind)
    {
        var rng = new Random(n * 7 + kind);
        var a = BitwiseInputs.Vector(rng, DenseKernels.MaxRows * n, kind); var x = BitwiseInputs.Vector(rng, n, kind);
        for (int rows = 1; rows <= DenseKernels.MaxRows; rows++)
        {
            var result = new double[rows];
            DenseKernels.Dots(ref a[0], n, rows, n, ref x[0], result);
            for (int k = 0; k < rows; k++)
                Cases.AssertBitwise(FixedOrderReference.Dot(a.AsSpan(k * n, n), x), result[k], $"row {k} of {rows}, n = {n}");
        }
    }

    [Theory]
    [InlineData(1)] [InlineData(7)] [InlineData(8)] [InlineData(9)] [InlineData(1003)]
    public void AccumulateRows_adds_the_rows_in_order_element_by_element(int n)
    {
        var rng = new Random(n + 1);
        var a = BitwiseInputs.Vector(rng, DenseKernels.MaxRows * n, 2); var p0 = BitwiseInputs.Vector(rng, n, 2);
        double[] c = [0.75, -3.0e-5, 1e10, -0.3, 2.0, -7.5, 1e-7, 0.125];
        for (int rows = 1; rows <= DenseKernels.MaxRows; rows++)
        {
            var p = (double[])p0.Clone();
            DenseKernels.AccumulateRows(ref a[0], n, c.AsSpan(0, rows), p);
            var expected = (double[])p0.Clone();
            for (int k = 0; k < rows; k++)
                for (int j = 0; j < n; j++) expected[j] = expected[j] + c[k] * a[k * n + j];
            BitwiseInputs.AssertBitwiseEqual(expected, p, $"{rows} rows");
        }
    }
}
