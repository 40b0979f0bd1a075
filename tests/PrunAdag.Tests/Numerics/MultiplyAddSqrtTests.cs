using System.Runtime.Intrinsics;

namespace PrunAdag.Tests.Numerics;

/// <summary>
/// The square root the steps take on the multiply–add units (<see cref="ISimd{TSelf}.SqrtOnMultiplyAdd"/>: on 512-bit
/// vectors <see cref="MultiplyAddSqrt"/>, elsewhere the hardware root) is bit for bit <see cref="Math.Sqrt"/>: on random
/// inputs of every exponent, on every input of a dense grid across two binades, on inputs whose roots lie near a midpoint
/// between two doubles (where a root within an ulp is not enough) and on the nearest ones there are, at powers of four,
/// on the edges of the range the multiply–add form covers, and on the special values that send a vector to the hardware
/// root. The test command runs it at every vector width.
/// </summary>
public class MultiplyAddSqrtTests
{
    [Fact]
    public void Random_inputs_of_every_exponent_get_the_correctly_rounded_root()
    {
        var rng = new Random(20261202);
        var a = new double[1 << 20];
        for (int i = 0; i < a.Length; i++)
        {
            long exponent = rng.Next(1, 2047), mantissa = rng.NextInt64(1L << 52);
            a[i] = BitConverter.Int64BitsToDouble(exponent << 52 | mantissa);
        }
        AssertRoots(a);
    }

    [Fact]
    public void A_dense_grid_across_an_even_and_an_odd_binade_gets_the_correctly_rounded_root()
    {
        // Every 2³¹-th double in [1, 4): 2²² inputs, both parities of the exponent, every leading mantissa pattern.
        var a = new double[1 << 22];
        long one = BitConverter.DoubleToInt64Bits(1.0);
        for (int i = 0; i < a.Length; i++) a[i] = BitConverter.Int64BitsToDouble(one + ((long)i << 31) + (i & 0x7FF));
        AssertRoots(a);
    }

    [Fact]
    public void Inputs_whose_roots_lie_nearest_a_midpoint_get_the_correctly_rounded_root()
    {
        // a = fl(m²) for m halfway between two doubles, and its neighbours: √a is within a fraction of an ulp of m, so only
        // an exactly decided rounding gets these right (without the final test on a − s·s⁺ these fail).
        var rng = new Random(7);
        var a = new List<double>();
        for (int t = 0; t < 1 << 17; t++)
        {
            double s = Math.ScaleB(1 + rng.NextDouble(), rng.Next(-470, 490));
            double m = s + (Math.BitIncrement(s) - s) / 2;
            double square = m * m;
            a.Add(Math.BitDecrement(square)); a.Add(square); a.Add(Math.BitIncrement(square));
        }
        AssertRoots(a.ToArray());
    }

    [Fact]
    public void Roots_a_hair_from_a_midpoint_get_the_correctly_rounded_root()
    {
        // The hardest inputs there are: a = r·r⁺ + K·u² for r = M·u (u the spacing above r) and a small K, whose root lies
        // above the midpoint of r and r⁺ by about (K − 1/4)·u²/(2r), a few 2⁻¹⁰⁶ of r for |K| of a few. a is a double
        // when M² + M + K ≡ 0 (mod 2⁵³), which has a root M in [2⁵², 2⁵³) for every even K (Hensel's lemma: the
        // derivative 2M + 1 is odd, so the solution lifts one bit at a time). The root is r⁺ for K ≥ 1 and r for K ≤ 0,
        // which the test checks against Math.Sqrt before using.
        var inputs = new List<double>();
        for (long k = -4096; k <= 4096; k += 2)
            foreach (int e in new[] { -470, -121, -60, -1, 0, 1, 59, 120, 490 })
            {
                ulong m = 0;
                for (int b = 1; b < 53; b++)
                    if (((m * m + m + (ulong)k) & ((2UL << b) - 1)) != 0) m |= 1UL << b;
                if (m < 1UL << 52) m = (1UL << 53) - 1 - m;                  // the other root, −1 − m (mod 2⁵³)
                var product = (UInt128)m * (m + 1) + (UInt128)(Int128)k;
                Assert.Equal(UInt128.Zero, product & ((UInt128.One << 53) - 1));
                double a = Math.ScaleB((double)(ulong)(product >> 53), 2 * e - 51);
                double r = Math.ScaleB((double)m, e - 52);
                Assert.Equal(k >= 1 ? Math.BitIncrement(r) : r, Math.Sqrt(a));
                inputs.Add(a);
            }
        AssertRoots(inputs.ToArray());
    }

    [Fact]
    public void Powers_of_four_and_their_neighbours_get_the_correctly_rounded_root()
    {
        // Where the root crosses a power of two, the spacing of the doubles halves on one side.
        var a = new List<double>();
        for (int k = -480; k <= 499; k++)
        {
            double p = Math.ScaleB(1.0, 2 * k), q = Math.ScaleB(1.0, 2 * k + 1);
            foreach (double c in new[] { p, q })
            {
                double down = c, up = c;
                for (int j = 0; j < 8; j++) { a.Add(down); a.Add(up); down = Math.BitDecrement(down); up = Math.BitIncrement(up); }
            }
        }
        AssertRoots(a.ToArray());
    }

    [Fact]
    public void The_edges_of_the_range_and_special_values_get_the_hardware_root_bits()
    {
        double lowest = Math.ScaleB(1.0, -960), highest = Math.ScaleB(1.0, 1000);
        double[] specials =
        [
            0.0, -0.0, double.Epsilon, 1e-310, -1.0, -1e-300, double.MaxValue, double.PositiveInfinity,
            double.NegativeInfinity, double.NaN, -double.NaN, double.MinValue,
            lowest, Math.BitDecrement(lowest), Math.BitIncrement(lowest), highest, Math.BitDecrement(highest), Math.BitIncrement(highest),
        ];
        AssertRoots(specials);
        // Each special value alone among ordinary lanes: it sends its vector to the hardware root, and the others keep their bits.
        var mixed = new List<double>();
        foreach (double v in specials)
            for (int lane = 0; lane < 8; lane++)
                for (int j = 0; j < 8; j++) mixed.Add(j == lane ? v : 1.5 + j);
        AssertRoots(mixed.ToArray());
    }

    private static void AssertRoots(double[] a)
    {
        var roots = Roots(a);
        for (int i = 0; i < a.Length; i++)
        {
            double expected = Math.Sqrt(a[i]);
            if (double.IsNaN(expected)) Assert.True(double.IsNaN(roots[i]), $"√{a[i]:R}: {roots[i]:R}, not NaN");
            else if (BitConverter.DoubleToInt64Bits(roots[i]) != BitConverter.DoubleToInt64Bits(expected))
                Assert.Fail($"√{a[i]:R} ({BitConverter.DoubleToInt64Bits(a[i]):X16}): {roots[i]:R}, correctly rounded {expected:R}");
        }
    }

    // At the width the test command runs at: the multiply–add form on 512-bit vectors, the hardware root on narrower ones,
    // and Math.Sqrt without vectors (where no step calls SqrtOnMultiplyAdd).
    private static double[] Roots(double[] a)
    {
        if (Vector512.IsHardwareAccelerated) return Lanes<Simd512>(a);
        if (Vector256.IsHardwareAccelerated) return Lanes<Simd256>(a);
        if (Vector128.IsHardwareAccelerated) return Lanes<Simd128>(a);
        return Array.ConvertAll(a, Math.Sqrt);
    }

    private static double[] Lanes<V>(double[] a) where V : struct, ISimd<V>
    {
        int n = (a.Length + V.Count - 1) / V.Count * V.Count;
        var padded = new double[n]; a.CopyTo(padded, 0);
        for (int i = a.Length; i < n; i++) padded[i] = 1.0;
        var roots = new double[n];
        for (int i = 0; i < n; i += V.Count) V.SqrtOnMultiplyAdd(V.Load(ref padded[0], (nuint)i)).Store(ref roots[0], (nuint)i);
        return roots[..a.Length];
    }
}
