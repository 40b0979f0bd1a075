using PrunAdag.Numerics;
using PrunAdag.Tests.Reference;

namespace PrunAdag.Tests.Numerics;

/// <summary>
/// The library's exact product comparisons (Step 3's test, docs/algorithm.md C12) against the reference's exact
/// rationals (BigInteger), on doubles of every kind: ordinary, subnormal, huge, zero, and products that round to the
/// number they are compared with, where only the exact comparison can tell.
/// </summary>
public class ExactProductTests
{
    private static double RandomDouble(Random rng, int minExponent, int maxExponent)
    {
        double m = 1 + rng.NextDouble();
        return Math.ScaleB(m, rng.Next(minExponent, maxExponent + 1));
    }

    private static IEnumerable<(double A, double B, double C)> Triples(int seed, int count)
    {
        var rng = new Random(seed);
        double[] specials = [0, double.Epsilon, 3 * double.Epsilon, Math.ScaleB(1, -1022), Math.ScaleB(1.5, -1040), 1, 2, 0.1, double.MaxValue, Math.ScaleB(1, 1000)];
        foreach (double a in specials)
            foreach (double b in specials)
                foreach (double c in specials) yield return (a, b, c);
        for (int i = 0; i < count; i++)
        {
            double a = RandomDouble(rng, -1080, 1020), b = RandomDouble(rng, -60, 60);
            yield return (a, b, RandomDouble(rng, -1080, 1020));
            yield return (a, b, a * b);                         // rounds to c: the exact comparison decides
            yield return (a, b, Math.BitIncrement(a * b));      // one step above the rounded product
            yield return (a, b, Math.BitDecrement(Math.Max(a * b, double.Epsilon)));
        }
    }

    [Fact]
    public void Compare_gives_the_sign_of_the_exact_difference()
    {
        int ties = 0;
        foreach (var (a, b, c) in Triples(1, 20_000))
        {
            if (!double.IsFinite(c)) continue;
            int expected = ExactRational.CompareProduct(a, b, c);
            Assert.True(Math.Sign(ExactProduct.Compare(a, b, c)) == Math.Sign(expected), $"Compare({a:R}, {b:R}, {c:R}): expected sign {expected}");
            if (a * b == c && expected != 0) ties++;
        }
        // Many of the products that round to c are not c exactly: those are the cases a rounded test gets wrong.
        Assert.True(ties > 10_000, $"only {ties} inexact products equal to c");
    }

    [Fact]
    public void AtMost_and_AtLeast_decide_as_the_exact_rationals_do()
    {
        foreach (var (a, b, c) in Triples(2, 20_000))
        {
            if (!double.IsFinite(c)) continue;
            int sign = double.IsFinite(a) && double.IsFinite(b) ? ExactRational.CompareProduct(a, b, c) : 1;
            Assert.True(ExactProduct.AtMost(a, b, c) == (sign <= 0), $"AtMost({a:R}, {b:R}, {c:R})");
            Assert.True(ExactProduct.AtLeast(a, b, c) == (sign >= 0), $"AtLeast({a:R}, {b:R}, {c:R})");
        }
    }

    [Fact]
    public void An_infinite_factor_is_above_every_finite_c()
    {
        Assert.False(ExactProduct.AtMost(double.PositiveInfinity, 0.5, 1e300));
        Assert.True(ExactProduct.AtLeast(double.PositiveInfinity, 0.5, 1e300)); // b_i = +∞ (V1, V2): |g_i| ≤ ∞·ŵO_i
        Assert.True(ExactProduct.AtLeast(double.MaxValue, 4, double.MaxValue)); // the product overflows to +∞
        // An overflowed ŵO_i = +∞ accepts nothing, a_i = 0 included (0·∞ is NaN, never ≤), in the scalar rule as in the lanes.
        Assert.False(ExactProduct.AtMost(0, double.PositiveInfinity, 1));
        Assert.False(ExactRational.AtMostQuotient(0, 1, double.PositiveInfinity));
    }

    [Fact]
    public void A_rounded_quotient_can_accept_what_the_exact_test_refuses()
    {
        // a = fl(n/d) with n/d < a exactly: the old test (a ≤ fl(n/d)) accepted, a ≤ n/d is false.
        var rng = new Random(3);
        int found = 0;
        for (int i = 0; i < 1000; i++)
        {
            double n = rng.NextDouble(), d = Math.Sqrt(1e-4 + n * n), q = n / d;
            if (ExactRational.CompareProduct(q, d, n) <= 0) continue; // q ≤ n/d: both tests agree
            Assert.False(ExactProduct.AtMost(q, d, n), $"a = {q:R}, |g| = {n:R}, ŵ = {d:R}");
            Assert.False(ExactRational.AtMostQuotient(q, n, d));
            found++;
        }
        Assert.True(found > 100, $"{found}");
    }
}
