using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace PrunAdag.Numerics;

/// <summary>
/// Dot products, sums of squares and norms summed in one fixed order that no vector width, core count or
/// thread count changes, so the built-in objectives and the optimisers' norms give the same bits at every
/// vector width (docs/benchmarks.md, "Fixed-order sums").
/// </summary>
/// <remarks>
/// <para>The order: <see cref="Lanes"/> = 16 partial sums; lane l adds the terms of the indices i ≡ l (mod 16)
/// in increasing i, each term a separately rounded product (no fused multiply-add); then the lanes are
/// combined by halving, s_l ← s_l + s_{l+8}, s_l ← s_l + s_{l+4}, s_l ← s_l + s_{l+2}, and s₀ + s₁. The paper
/// leaves the order of these sums open; docs/algorithm.md (C6) fixes this one, which keeps sixteen independent additions in
/// flight, which is what the hardware needs to run at its speed.</para>
/// <para>The 512-, 256- and 128-bit paths hold the sixteen lanes in 2, 4 and 8 registers, and the scalar path
/// in sixteen doubles: every lane sees the same additions in the same order, so all paths give identical bits.
/// Lanes start at +0 and never become −0, so a lane that receives no term (n &lt; 16) adds nothing.</para>
/// </remarks>
internal static class FixedOrder
{
    /// <summary>The number of partial sums (lane l takes the indices i ≡ l mod 16).</summary>
    public const int Lanes = 16;

    /// <summary>Σ aᵢbᵢ in the fixed order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        if (a.Length != b.Length) ThrowLengths(a.Length, b.Length);
        Span<double> lanes = stackalloc double[Lanes];
        int i = LaneSums(ref MemoryMarshal.GetReference(a), ref MemoryMarshal.GetReference(b), a.Length, lanes);
        for (; i < a.Length; i++) lanes[i & (Lanes - 1)] += a[i] * b[i];
        return Combine(lanes);
    }

    /// <summary>Σ aᵢ² in the fixed order (bitwise <see cref="Dot"/>(a, a)).</summary>
    public static double SumOfSquares(ReadOnlySpan<double> a) => Dot(a, a);

    /// <summary>
    /// ‖a‖₂ = sqrt(<see cref="SumOfSquares"/>(a)). When that sum under- or overflows while the norm is
    /// representable, the sum is taken again over aᵢ·2⁻ᵉ (2ᵉ ≤ max |aᵢ| &lt; 2ᵉ⁺¹, exact wherever the result stays normal) in the same order,
    /// so tiny (≲ 1e-146) and huge (≳ 1e154) vectors still get their norm. A NaN gives NaN and an infinite entry +∞.
    /// </summary>
    public static double Norm(ReadOnlySpan<double> a)
    {
        double s = SumOfSquares(a);
        if (s >= 1e-292 && s <= double.MaxValue) return Math.Sqrt(s);
        if (double.IsNaN(s)) return s;
        double max = 0;
        foreach (double v in a) max = Math.Max(max, Math.Abs(v));
        if (max == 0 || double.IsNaN(max)) return max;
        if (double.IsPositiveInfinity(max)) return max;
        int e = Math.ILogB(max);
        Span<double> lanes = stackalloc double[Lanes];
        for (int i = 0; i < a.Length; i++)
        {
            double t = Math.ScaleB(a[i], -e);
            lanes[i & (Lanes - 1)] += t * t;
        }
        return Math.ScaleB(Math.Sqrt(Combine(lanes)), e);
    }

    /// <summary>
    /// The <see cref="Lanes"/> lane sums of aᵢbᵢ over the first whole blocks of 16 (added to <paramref name="lanes"/>,
    /// which holds the sums so far); returns the first index not taken (a multiple of 16). The caller adds the rest
    /// as <c>lanes[i &amp; 15] += a[i]·b[i]</c> and ends with <see cref="Combine"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static int LaneSums(ref double a, ref double b, int n, Span<double> lanes)
    {
        ref double l = ref MemoryMarshal.GetReference(lanes);
        if (n < Lanes) return 0;
        if (Vector512.IsHardwareAccelerated) return LaneSums<Simd512>(ref a, ref b, n, ref l);
        if (Vector256.IsHardwareAccelerated) return LaneSums<Simd256>(ref a, ref b, n, ref l);
        if (Vector128.IsHardwareAccelerated) return LaneSums<Simd128>(ref a, ref b, n, ref l);
        int i = 0;
        for (; i <= n - Lanes; i += Lanes)
            for (int k = 0; k < Lanes; k++)
                Unsafe.Add(ref l, k) += Unsafe.Add(ref a, i + k) * Unsafe.Add(ref b, i + k);
        return i;
    }

    /// <summary>
    /// The sixteen lanes held in 16 / V.Count registers (2 of 512 bits, 4 of 256 or 8 of 128): register r holds lanes
    /// r·V.Count … (r+1)·V.Count − 1, so every lane adds its own terms in index order whatever the width.
    /// </summary>
    [MethodImpl(SimdLoop.Options)]
    private static int LaneSums<V>(ref double a, ref double b, int n, ref double l) where V : struct, ISimd<V>
    {
        int w = V.Count, i = 0; // 8, 4 or 2: the registers past 16 / w are never used (the JIT drops them)
        nuint u = (nuint)w;
        V s0 = V.Load(ref l, 0), s1 = V.Load(ref l, u);
        V s2 = w <= 4 ? V.Load(ref l, 2 * u) : V.Zero, s3 = w <= 4 ? V.Load(ref l, 3 * u) : V.Zero;
        V s4 = w == 2 ? V.Load(ref l, 4 * u) : V.Zero, s5 = w == 2 ? V.Load(ref l, 5 * u) : V.Zero;
        V s6 = w == 2 ? V.Load(ref l, 6 * u) : V.Zero, s7 = w == 2 ? V.Load(ref l, 7 * u) : V.Zero;
        for (; i <= n - Lanes; i += Lanes)
        {
            nuint at = (nuint)i;
            s0 += V.Load(ref a, at) * V.Load(ref b, at);
            s1 += V.Load(ref a, at + u) * V.Load(ref b, at + u);
            if (w <= 4)
            {
                s2 += V.Load(ref a, at + 2 * u) * V.Load(ref b, at + 2 * u);
                s3 += V.Load(ref a, at + 3 * u) * V.Load(ref b, at + 3 * u);
            }
            if (w == 2)
            {
                s4 += V.Load(ref a, at + 4 * u) * V.Load(ref b, at + 4 * u);
                s5 += V.Load(ref a, at + 5 * u) * V.Load(ref b, at + 5 * u);
                s6 += V.Load(ref a, at + 6 * u) * V.Load(ref b, at + 6 * u);
                s7 += V.Load(ref a, at + 7 * u) * V.Load(ref b, at + 7 * u);
            }
        }
        s0.Store(ref l, 0); s1.Store(ref l, u);
        if (w <= 4) { s2.Store(ref l, 2 * u); s3.Store(ref l, 3 * u); }
        if (w == 2) { s4.Store(ref l, 4 * u); s5.Store(ref l, 5 * u); s6.Store(ref l, 6 * u); s7.Store(ref l, 7 * u); }
        return i;
    }

    /// <summary>The fixed combination of the 16 lanes: halving (l with l + 8, then + 4, then + 2), then s₀ + s₁.</summary>
    // Optimised at once: called from optimised loops, it would otherwise run unoptimised until the runtime's tiering
    // reaches it, which made a 1024-term Dot up to twice as slow for a whole benchmark run.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static double Combine(Span<double> s)
    {
        for (int l = 0; l < 8; l++) s[l] += s[l + 8];
        for (int l = 0; l < 4; l++) s[l] += s[l + 4];
        s[0] += s[2]; s[1] += s[3];
        return s[0] + s[1];
    }

    private static void ThrowLengths(int a, int b) =>
        throw new ArgumentException($"The vectors have different lengths ({a} and {b}).");
}
