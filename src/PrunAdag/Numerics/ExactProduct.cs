using System.Runtime.CompilerServices;

namespace PrunAdag.Numerics;

/// <summary>
/// Comparisons of a product a·b with a third number c decided in real arithmetic, as if a·b were not rounded:
/// Step 3's test a_i ≤ |g_i|/ŵO_i ≤ b_i is made as a_i·ŵO_i ≤ |g_i| ≤ b_i·ŵO_i exactly (docs/algorithm.md, C12).
/// </summary>
/// <remarks>
/// p = fl(a·b) is a·b rounded to the nearest double, so a·b lies within half a gap of p: when p &lt; c, then
/// a·b &lt; next(p) ≤ c; when p &gt; c, then a·b &gt; prev(p) ≥ c. This holds for subnormal and zero p as well (the
/// gaps there are 2⁻¹⁰⁷⁴), and when the product overflows (p = +∞ &gt; c). Only p = c is left open, and
/// <see cref="Compare"/> settles it on the integer significands. Vector code makes the same decision by the same rule:
/// the comparison of p with c lane by lane, and <see cref="Compare"/> for a lane with p = c.
/// </remarks>
internal static class ExactProduct
{
    /// <summary>
    /// a·b ≤ c exactly, for a, b, c ≥ 0, c finite, none NaN (a or b may be +∞). 0·∞ is NaN and never ≤: an
    /// overflowed ŵO_i = +∞ accepts no component.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool AtMost(double a, double b, double c)
    {
        double p = a * b;
        return p != c ? p < c : Compare(a, b, c) <= 0;
    }

    /// <summary>c ≤ a·b exactly, for a, b, c ≥ 0, c finite, none NaN (a or b may be +∞).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool AtLeast(double a, double b, double c)
    {
        double p = a * b;
        return p != c ? c < p : Compare(a, b, c) >= 0;
    }

    /// <summary>The sign of a·b − c in real arithmetic, for finite a, b, c ≥ 0.</summary>
    public static int Compare(double a, double b, double c)
    {
        if (a == 0 || b == 0) return c == 0 ? 0 : -1;
        if (c == 0) return 1;
        var (ma, ea) = Decompose(a);
        var (mb, eb) = Decompose(b);
        var (mc, ec) = Decompose(c);
        // a·b = (ma·mb)·2^(ea+eb) with ma·mb < 2¹⁰⁶ exactly in 128 bits. Shift both integers up to bit 127: two
        // numbers normalised alike compare by exponent first, then by significand.
        UInt128 product = (UInt128)ma * mb, other = mc;
        int shiftP = (int)UInt128.LeadingZeroCount(product), shiftC = (int)UInt128.LeadingZeroCount(other);
        int exponentP = ea + eb - shiftP, exponentC = ec - shiftC;
        if (exponentP != exponentC) return exponentP > exponentC ? 1 : -1;
        return (product << shiftP).CompareTo(other << shiftC);
    }

    /// <summary>v = m·2^e with m an integer below 2⁵³, for finite v &gt; 0.</summary>
    private static (ulong Significand, int Exponent) Decompose(double v)
    {
        ulong bits = BitConverter.DoubleToUInt64Bits(v);
        int biased = (int)(bits >> 52) & 0x7FF;
        ulong fraction = bits & 0xF_FFFF_FFFF_FFFFUL;
        return biased == 0 ? (fraction, -1074) : (fraction | (1UL << 52), biased - 1075);
    }
}
