using PrunAdag.Neural;
using PrunAdag.Tests.Performance;

namespace PrunAdag.Tests.Neural;

/// <summary>
/// The MLP's element-wise loops against their scalar definitions, on lengths that leave tails at every width and on
/// the values where a vector formulation could differ (±0, NaN, infinities). eng/test.sh reruns them with AVX-512,
/// AVX2 and all intrinsics off.
/// </summary>
public class MlpLoopsTests
{
    private static readonly double[] Specials = [0.0, -0.0, double.NaN, double.PositiveInfinity, double.NegativeInfinity, 1e-310, -1e-310, 2.5, -2.5];

    private static double[] Values(Random rng, int count)
    {
        var v = BitwiseInputs.Vector(rng, count, 4);
        for (int i = 0; i < count; i += 3) v[i] = Specials[rng.Next(Specials.Length)];
        return v;
    }

    [Theory]
    [InlineData(1, 1)] [InlineData(3, 10)] [InlineData(5, 17)] [InlineData(2, 128)] [InlineData(4, 33)]
    public void AddBias_is_the_scalar_sum_then_Math_Max(int rows, int cols)
    {
        var rng = new Random(rows * 100 + cols);
        var z = Values(rng, rows * cols);
        var b = Values(rng, cols);
        foreach (bool relu in new[] { false, true })
        {
            var expected = new double[z.Length];
            for (int s = 0; s < rows; s++)
                for (int j = 0; j < cols; j++)
                {
                    double v = z[s * cols + j] + b[j];
                    expected[s * cols + j] = relu ? Math.Max(v, 0.0) : v;
                }
            var actual = (double[])z.Clone();
            MlpLoops.AddBias(actual, b, rows, relu);
            BitwiseInputs.AssertBitwiseEqual(expected, actual, $"relu {relu}");
        }
    }

    [Theory]
    [InlineData(1)] [InlineData(7)] [InlineData(16)] [InlineData(37)]
    public void ReluMask_zeroes_where_the_activation_is_not_positive(int n)
    {
        var rng = new Random(n);
        var d = Values(rng, n);
        var a = Values(rng, n);
        var expected = (double[])d.Clone();
        for (int i = 0; i < n; i++) if (!(a[i] > 0)) expected[i] = 0;
        MlpLoops.ReluMask(d, a);
        BitwiseInputs.AssertBitwiseEqual(expected, d, "masked ∂z");
    }

    [Theory]
    [InlineData(1, 1)] [InlineData(3, 10)] [InlineData(128, 17)] [InlineData(9, 256)]
    public void SumRows_sums_in_row_order_then_scales_once(int count, int cols)
    {
        var rng = new Random(count * 31 + cols);
        var rows = Values(rng, count * cols);
        for (int i = 0; i < rows.Length; i += 5) rows[i] *= 1e17; // large terms, so that the order of the sum shows
        var c0 = Values(rng, cols);
        foreach (bool accumulate in new[] { false, true })
            foreach (double scale in new[] { 1.0, 1.0 / 7 })
            {
                var expected = new double[cols];
                for (int j = 0; j < cols; j++)
                {
                    double v = accumulate ? c0[j] : 0.0;
                    for (int s = 0; s < count; s++) v += rows[s * cols + j];
                    expected[j] = v * scale;
                }
                var sum = (double[])c0.Clone();
                MlpLoops.SumRows(sum, rows, count, accumulate, scale);
                BitwiseInputs.AssertBitwiseEqual(expected, sum, $"accumulate {accumulate}, scale {scale}");
            }
    }
}
