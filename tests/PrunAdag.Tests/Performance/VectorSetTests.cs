using System.Runtime.Intrinsics;

namespace PrunAdag.Tests.Performance;

/// <summary>
/// Step 3's S_k test as the vector loops take it (<see cref="PrunAdagVectors.InS{V}"/>: two comparisons on x_i with
/// g_i's sign bit flipped into it) against the scalar comparisons of <see cref="PrunAdagKernel.InS"/>, on every pair of
/// special values: ±0, subnormals, ±1, the extremes, ±∞ and NaNs of either sign. The test command runs it at every
/// vector width.
/// </summary>
public class VectorSetTests
{
    private static readonly double[] Values =
    [
        0.0, -0.0, double.Epsilon, -double.Epsilon, 1e-310, -1e-310, 1.0, -1.0, 2.5e-300, -3.75e300,
        double.MaxValue, double.MinValue, double.PositiveInfinity, double.NegativeInfinity, double.NaN,
        BitConverter.Int64BitsToDouble(BitConverter.DoubleToInt64Bits(double.NaN) ^ long.MinValue), // NaN, the other sign
    ];

    [Fact]
    public void The_vector_S_test_is_the_scalar_one_on_every_pair_of_special_values()
    {
        int pairs = Values.Length * Values.Length;
        var x = new double[pairs + 8]; var g = new double[pairs + 8];
        for (int i = 0; i < pairs; i++) { x[i] = Values[i / Values.Length]; g[i] = Values[i % Values.Length]; }
        var vector = new bool[pairs];
        if (Vector512.IsHardwareAccelerated) Lanes<Simd512>(x, g, vector);
        else if (Vector256.IsHardwareAccelerated) Lanes<Simd256>(x, g, vector);
        else if (Vector128.IsHardwareAccelerated) Lanes<Simd128>(x, g, vector);
        else return; // no vectors: the loops that use it never run
        int inS = 0;
        for (int i = 0; i < pairs; i++)
        {
            bool scalar = PrunAdagKernel.InS(x[i], g[i]);
            Assert.True(scalar == vector[i], $"x = {x[i]:R}, g = {g[i]:R}: scalar {scalar}, vector {vector[i]}");
            if (scalar) inS++;
        }
        // Written out: x and g both in {ε, 1e-310, 1, 2.5e-300, MaxValue, +∞} or both in their negatives.
        Assert.Equal(2 * 6 * 6, inS);
    }

    private static void Lanes<V>(double[] x, double[] g, bool[] into) where V : struct, ISimd<V>
    {
        for (int i = 0; i < into.Length; i += V.Count)
        {
            var xv = V.Load(ref x[0], (nuint)i); var gv = V.Load(ref g[0], (nuint)i);
            var mask = PrunAdagVectors.InS(xv, gv, V.Abs(gv), V.Zero);
            for (int j = 0; j < V.Count && i + j < into.Length; j++)
                into[i + j] = BitConverter.DoubleToInt64Bits(mask.GetElement(j)) == -1;
        }
    }
}
