using System.Numerics;

namespace PrunAdag.Tests.Reference;

/// <summary>
/// Doubles as exact rationals (BigInteger numerator over a power of two), for deciding Step 3's
/// a_i ≤ |g_i|/ŵO_i ≤ b_i in real arithmetic, as docs/algorithm.md (C12) states it. Written from the definition of
/// IEEE binary64, independently of the library's <c>ExactProduct</c>.
/// </summary>
public static class ExactRational
{
    private static readonly double Normal = Math.ScaleB(1.0, -1000), Margin = Math.ScaleB(1.0, -50);

    /// <summary>a ≤ n/d in real arithmetic, for finite n ≥ 0, d &gt; 0 and a ≥ 0; a = +∞ is never ≤, and d = +∞ (an overflowed weight) accepts nothing.</summary>
    public static bool AtMostQuotient(double a, double n, double d)
    {
        if (double.IsPositiveInfinity(a)) return false;
        if (double.IsPositiveInfinity(d)) return false; // an overflowed ŵO_i accepts nothing (C12)
        // The rounded quotient q is within a relative 2⁻⁵³ of n/d while it is normal: a bound further from q than
        // that is on the side q says. Otherwise a ≤ n/d ⟺ a·d ≤ n (d > 0), compared as integers.
        double q = n / d;
        if (double.IsFinite(q) && q >= Normal && Math.Abs(q - a) > Margin * q) return a < q;
        return CompareProduct(a, d, n) <= 0;
    }

    /// <summary>n/d ≤ b in real arithmetic, for finite n ≥ 0, finite d &gt; 0 and b ≥ 0; b = +∞ always holds.</summary>
    public static bool QuotientAtMost(double n, double d, double b)
    {
        if (double.IsPositiveInfinity(b) || double.IsPositiveInfinity(d)) return true; // n/∞ = 0 ≤ b
        double q = n / d;
        if (double.IsFinite(q) && q >= Normal && Math.Abs(q - b) > Margin * q) return q < b;
        return CompareProduct(b, d, n) >= 0;
    }

    /// <summary>The sign of u·v − w for finite u, v, w ≥ 0.</summary>
    public static int CompareProduct(double u, double v, double w)
    {
        var (nu, eu) = Exact(u); var (nv, ev) = Exact(v); var (nw, ew) = Exact(w);
        // u·v − w = nu·nv·2^(eu+ev) − nw·2^ew; bring both to the smaller power of two.
        BigInteger left = nu * nv, right = nw;
        int el = eu + ev, er = ew, low = Math.Min(el, er);
        left <<= el - low; right <<= er - low;
        return left.CompareTo(right);
    }

    /// <summary>v = n·2^e exactly (n an integer), from v's sign, exponent and fraction bits.</summary>
    public static (BigInteger N, int E) Exact(double v)
    {
        if (!double.IsFinite(v)) throw new ArgumentOutOfRangeException(nameof(v), v, "not finite");
        long bits = BitConverter.DoubleToInt64Bits(v);
        int exponent = (int)((bits >> 52) & 0x7FF);
        long fraction = bits & 0xFFFFFFFFFFFFFL;
        BigInteger n = exponent == 0 ? fraction : fraction + (1L << 52);
        if (bits < 0) n = -n;
        return (n, exponent == 0 ? -1074 : exponent - 1075);
    }
}
