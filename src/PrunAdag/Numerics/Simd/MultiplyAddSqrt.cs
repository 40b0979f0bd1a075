using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace PrunAdag;

/// <summary>
/// The correctly rounded square root of each lane of a 512-bit vector, computed on the multiply–add units rather than on
/// the divider (docs/algorithm.md, C12). A correctly rounded root is unique, so this gives exactly the bits of
/// <see cref="Math.Sqrt"/> and of the hardware root, on every CPU; what changes is which unit does the work. A prunAdag
/// step takes two roots and a division per component and Adagrad's one of each, all on one divider, so moving a root off
/// it shortens both (docs/benchmarks.md, thirteenth round).
/// </summary>
/// <remarks>
/// <para>For a in [2⁻⁹⁶⁰, 2¹⁰⁰⁰]. VRSQRT14PD estimates 1/√a with a relative error below 2⁻¹⁴ (the bound is the
/// instruction's specification; CPUs may differ within it). One Newton step y ← y·(3/2 − (a/2)·y²) takes the error
/// below 2⁻²⁷·⁴. With s = a·y, Markstein's correction z = s + (a − s²)·(y/2) lies within 0.42 ulp of √a, so √a rounded
/// to nearest is within 0.92 ulp of z. The correction is one fused multiply–add rounded <em>down</em>: s = RD(z) is then
/// below z by less than an ulp, which leaves two candidates, s and its successor s⁺ (also at a power of two, where the
/// spacing changes). The root is s⁺ exactly when √a lies above their midpoint m, that is when a − s·s⁺ &gt; 0: a and
/// s·s⁺ are integer multiples of ulp(s)², and m² = s·s⁺ + ulp(s)²/4, so a &gt; m² holds exactly when a − s·s⁺ is positive;
/// one fused multiply–add gives that difference rounded once, which keeps its sign (the range keeps a nonzero difference
/// above the smallest subnormal).</para>
/// <para>A vector holding any other lane (zero, subnormal, near either end of the range, infinite, negative, not a number)
/// takes the hardware root. The sums the steps take roots of start at ς² &gt; 0 and only grow, so that branch is not
/// taken in practice.</para>
/// <para>On 256-bit vectors AVX2 has no estimate of 1/√a in double precision and no rounding mode per instruction. The
/// method built from an integer estimate and three Newton steps was slower than the hardware root inside every kernel
/// on an Intel Xeon, and the one built from RSQRTPS's single-precision estimate, two Newton steps and an exact test on
/// each side of the rounded root was slower on an AMD Zen 4 (docs/benchmarks.md, thirteenth and sixteenth rounds). SSE
/// without AVX2 has no fused multiply–add to form the residuals. Those widths keep the hardware root
/// (<see cref="ISimd{TSelf}.SqrtOnMultiplyAdd"/>).
/// <c>MultiplyAddSqrtTests</c> compare this form with <see cref="Math.Sqrt"/> on random lanes of every exponent, on
/// inputs whose roots lie near a midpoint between two doubles and on the nearest ones there are (a = s·s⁺ + K·ulp(s)²
/// for small K), and on the edges of the range.</para>
/// </remarks>
internal static class MultiplyAddSqrt
{
    private const long Lowest = 0x03F0_0000_0000_0000;  // 2⁻⁹⁶⁰
    private const long Highest = 0x7E70_0000_0000_0000; // 2¹⁰⁰⁰

    /// <summary>√a, lane by lane, correctly rounded; needs AVX-512 (any CPU where <see cref="Vector512.IsHardwareAccelerated"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Sqrt(Vector512<double> a)
    {
        // Out of [Lowest, Highest] (as integers: negative lanes wrap to the top): the hardware root.
        if (Vector512.GreaterThanAny((a.AsInt64() - Vector512.Create(Lowest)).AsUInt64(), Vector512.Create((ulong)(Highest - Lowest))))
            return Vector512.Sqrt(a);
        var y = Avx512F.ReciprocalSqrt14(a);
        y *= Avx512F.FusedMultiplyAddNegated(a * Vector512.Create(0.5), y * y, Vector512.Create(1.5));
        var s = a * y;
        s = Avx512F.FusedMultiplyAdd(Avx512F.FusedMultiplyAddNegated(s, s, a), y * Vector512.Create(0.5), s, FloatRoundingMode.ToNegativeInfinity);
        var up = (s.AsInt64() + Vector512<long>.One).AsDouble();
        return Vector512.ConditionalSelect(Vector512.GreaterThan(Avx512F.FusedMultiplyAddNegated(s, up, a), Vector512<double>.Zero), up, s);
    }
}
