using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace PrunAdag;

/// <summary>
/// The vectorised form of <see cref="PrunAdagKernel"/>'s Steps 2–6 and of Table 1's sums, written once for
/// every width (<see cref="ISimd{TSelf}"/>: 512, 256 or 128 bits, whichever the runtime accelerates). Each lane
/// evaluates every branch of the scalar <c>StepComponent</c> and keeps its own outcome by mask, with the same
/// operations in the same order (separate multiply and add, correctly rounded sqrt and division), so every
/// component gets exactly the scalar bits; the four-lane sums keep the order of <see cref="Sum4"/>. Proved by
/// KernelBitwiseEquivalenceTests and ReferenceAgreementTests, which the test command runs at every width.
/// </summary>
internal static class PrunAdagVectors
{
    /// <summary>
    /// Where the scalar loop that follows a call to <see cref="Step"/> stops: the end of the one vector the
    /// vector loop left (a tie of the threshold, a product of Step 3 equal to |g_i|, or the tail), or n when the
    /// hardware has no vectors.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int ScalarEnd(int i, int n) =>
        Vector512.IsHardwareAccelerated ? Math.Min(n, i + Vector512<double>.Count)
        : Vector256.IsHardwareAccelerated ? Math.Min(n, i + Vector256<double>.Count)
        : Vector128.IsHardwareAccelerated ? Math.Min(n, i + Vector128<double>.Count) : n;

    /// <summary>
    /// Steps 2–6 a vector at a time from index <paramref name="i"/>; returns the first index left to the scalar
    /// loop (the tail, a vector holding a tie of the threshold while ties are left, ties going in index order, or a
    /// vector where Step 3's product equals |g_i| on S_k).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Step(Span<double> x, ReadOnlySpan<double> g, Span<double> wO, Span<double> wD, int i, ref RelevantCursor cursor,
        double eta, double factor, double delta, bool relevantOnly, bool capped, ref int optimisable, ref int below)
    {
        var p = new StepArguments(cursor.Threshold, cursor.All, eta, factor, delta);
        bool ties = cursor.HasTiesLeft;
        if (Vector512.IsHardwareAccelerated) return Dispatch<Simd512>(x, g, wO, wD, i, p, relevantOnly, capped, ties, ref optimisable, ref below);
        if (Vector256.IsHardwareAccelerated) return Dispatch<Simd256>(x, g, wO, wD, i, p, relevantOnly, capped, ties, ref optimisable, ref below);
        if (Vector128.IsHardwareAccelerated) return Dispatch<Simd128>(x, g, wO, wD, i, p, relevantOnly, capped, ties, ref optimisable, ref below);
        return i;
    }

    /// <summary>The per-call scalars of <see cref="Run{V, TRelevantOnly, TCapped, TTies}"/>.</summary>
    private readonly record struct StepArguments(double Threshold, bool All, double Eta, double Factor, double Delta);

    // The three choices that hold for a whole call (relevant-only, b_i = |x_i|, ties of the threshold left) become type
    // arguments, so each loop the JIT compiles tests none of them (speed only: every instantiation does the same arithmetic).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Dispatch<V>(Span<double> x, ReadOnlySpan<double> g, Span<double> wO, Span<double> wD, int i, StepArguments p,
        bool relevantOnly, bool capped, bool ties, ref int optimisable, ref int below) where V : struct, ISimd<V> =>
        (relevantOnly, capped, ties) switch
        {
            (true, _, true) => Run<V, Yes, No, Yes>(x, g, wO, wD, i, p, ref optimisable, ref below),
            (true, _, false) => Run<V, Yes, No, No>(x, g, wO, wD, i, p, ref optimisable, ref below),
            (false, true, true) => Run<V, No, Yes, Yes>(x, g, wO, wD, i, p, ref optimisable, ref below),
            (false, true, false) => Run<V, No, Yes, No>(x, g, wO, wD, i, p, ref optimisable, ref below),
            (false, false, true) => Run<V, No, No, Yes>(x, g, wO, wD, i, p, ref optimisable, ref below),
            (false, false, false) => Run<V, No, No, No>(x, g, wO, wD, i, p, ref optimisable, ref below),
        };

    // No call and no test of a per-call choice inside the loop, so every constant and accumulator stays in a register.
    [MethodImpl(SimdLoop.Options)]
    private static int Run<V, TRelevantOnly, TCapped, TTies>(Span<double> x, ReadOnlySpan<double> g, Span<double> wO, Span<double> wD, int i,
        StepArguments p, ref int optimisable, ref int below)
        where V : struct, ISimd<V> where TRelevantOnly : struct, IFlag where TCapped : struct, IFlag where TTies : struct, IFlag
    {
        int n = x.Length, width = V.Count;
        ref double xr = ref MemoryMarshal.GetReference(x);
        ref double gr = ref MemoryMarshal.GetReference(g);
        ref double wor = ref MemoryMarshal.GetReference(wO);
        ref double wdr = ref MemoryMarshal.GetReference(wD);
        var thr = V.Create(p.Threshold); var eta = V.Create(p.Eta); var factorV = V.Create(p.Factor); var deltaV = V.Create(p.Delta);
        var zero = V.Zero;
        var allMask = p.All ? V.AllBitsSet : zero; // T ≥ n: every lane is in R_k
        V countO = V.Zero, countBelow = V.Zero;
        for (; i <= n - width; i += width)
        {
            nuint at = (nuint)i;
            if (V.Count >= 4) { Prefetch.Ahead(ref gr, at); Prefetch.Ahead(ref xr, at); Prefetch.Ahead(ref wor, at); Prefetch.Ahead(ref wdr, at); }
            var gv = V.Load(ref gr, at); var xv = V.Load(ref xr, at);
            var wov = V.Load(ref wor, at); var wdv = V.Load(ref wdr, at);
            var absG = V.Abs(gv);
            if (TTies.Value && V.EqualsAny(absG, thr)) break;                 // a tie of R_k's threshold: scalar
            var rel = V.GreaterThan(absG, thr) | allMask;                      // i ∈ R_k
            // Step 2's ŵO_i and Step 5's new wD_i. Relevant-only (O_k = R_k) uses ŵO_i only on R_k and wD_i only off it,
            // so there one root, of the sum each lane uses, serves both: the same roots of the same sums as the scalar
            // loop. Otherwise an S_k lane needs ŵO_i for Step 3 and, when Step 3 leaves it in D_k, wD_i too; taking that
            // second root only when a vector needs it was slower (docs/benchmarks.md, twelfth round). With two roots the
            // divider bounds this loop: it keeps ŵO_i and the division, and wD_i goes to the multiply–add units (512-bit
            // only; the same bits). Both roots there, or relevant-only's one, make those units the bound instead and were
            // slower (thirteenth round).
            V hatW, w;
            if (TRelevantOnly.Value)
                hatW = w = V.Sqrt(V.ConditionalSelect(rel, wov * wov + gv * gv, wdv * wdv + xv * xv));
            else
            {
                hatW = V.Sqrt(wov * wov + gv * gv);
                w = V.SqrtOnMultiplyAdd(wdv * wdv + xv * xv);
            }
            var ax = V.Abs(xv);
            var inS = V.AndNot(InS(xv, gv, absG, zero), rel);                  // Step 3: S_k
            var a = ax * factorV;                                              // Table 1: a_i = |x_i|·factor
            var accept = zero;
            if (!TRelevantOnly.Value)
            {
                // Step 3 exactly (C12): a_i·ŵO_i ≤ |g_i| ≤ b_i·ŵO_i. A rounded product on the other side of |g_i| decides
                // its lane (ExactProduct); one equal to |g_i| leaves the vector to the scalar loop, which settles it.
                var pa = a * hatW;
                var ok = V.LessThan(pa, absG);
                var open = V.Equal(pa, absG);
                if (TCapped.Value)                                             // b_i = |x_i| (V3/V4); +∞ otherwise
                {
                    var pb = ax * hatW;
                    ok &= V.LessThan(absG, pb);
                    open |= V.Equal(absG, pb);
                }
                if (V.AnyTrue(open & inS)) break;
                accept = ok & inS;                                             // A_k
            }
            var isO = rel | accept;                                            // O_k = R_k ∪ A_k
            // One division serves both outcomes: −ηg_i/ŵO_i (Step 4) or r_i = |x_i|/wD_i (Step 5).
            var d = V.ConditionalSelect(isO, -(eta * gv), ax) / V.ConditionalSelect(isO, hatW, w);
            var xO = xv + d;                                                   // Step 4
            // Rule (17). On S_k, a_i and r_i are ≥ +0 and never NaN, so the native min m equals Math.Min there, and
            // x_i − sign(x_i)·m is x_i − copysign(m, x_i) bit for bit, which is m with x_i's sign bit (x_i ^ |x_i|) set
            // into it, as m's is clear. Other lanes subtract +0, which leaves every x_i (±0 included) as it is, so a mask
            // replaces a select.
            var xD = xv - ((V.MinNative(a, d) | (xv ^ ax)) & inS);
            var xNew = V.ConditionalSelect(isO, xO, xD);
            xNew.Store(ref xr, at);                                            // Step 6
            V.ConditionalSelect(isO, hatW, wov).Store(ref wor, at);
            V.ConditionalSelect(isO, wdv, w).Store(ref wdr, at);
            countO = V.CountTrue(countO, isO);
            countBelow = V.CountTrue(countBelow, V.LessThan(V.Abs(xNew), deltaV));
        }
        optimisable += (int)V.TotalCount(countO); below += (int)V.TotalCount(countBelow);
        return i;
    }

    /// <summary>
    /// gR2 = Σ_{i∈R_k} g_i² and xS2 = Σ_{i∈S_k} x_i², each in the fixed order of <see cref="Sum4"/> (C6): lane j
    /// of four sums the indices ≡ j (mod 4), eight lanes at a time on 512-bit vectors (<see cref="SumOctets"/>), four on one
    /// 256-bit or two 128-bit vectors, or four scalars, alike.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void SumsOverRAndS(RelevantCut cut, ReadOnlySpan<double> x, ReadOnlySpan<double> g, out double gR2, out double xS2)
    {
        int n = x.Length, i = 0;
        var c = cut.Cursor();
        Sum4 sg = default, sx = default;
        while (i <= n - 4)
        {
            bool ties = c.HasTiesLeft;
            if (Vector512.IsHardwareAccelerated)
                i = ties ? SumOctets<Yes>(x, g, i, c.Threshold, c.All, ref sg, ref sx) : SumOctets<No>(x, g, i, c.Threshold, c.All, ref sg, ref sx);
            if (Vector256.IsHardwareAccelerated)
                i = ties ? SumQuads<Simd256, Yes>(x, g, i, c.Threshold, c.All, ref sg, ref sx) : SumQuads<Simd256, No>(x, g, i, c.Threshold, c.All, ref sg, ref sx);
            else if (Vector128.IsHardwareAccelerated)
                i = ties ? SumQuads<Simd128, Yes>(x, g, i, c.Threshold, c.All, ref sg, ref sx) : SumQuads<Simd128, No>(x, g, i, c.Threshold, c.All, ref sg, ref sx);
            if (i > n - 4) break;
            // Four lanes holding a tie of the threshold while ties are left (or no vectors): through the cursor.
            for (int end = i + 4; i < end; i++) AddScalar(ref c, x, g, i, ref sg, ref sx);
        }
        for (; i < n; i++) AddScalar(ref c, x, g, i, ref sg, ref sx);
        gR2 = sg.Total; xS2 = sx.Total;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddScalar(ref RelevantCursor c, ReadOnlySpan<double> x, ReadOnlySpan<double> g, int i, ref Sum4 sg, ref Sum4 sx)
    {
        double gi = g[i], xi = x[i];
        if (c.IsRelevant(Math.Abs(gi))) sg.Add(i, gi * gi);
        else if (PrunAdagKernel.InS(xi, gi)) sx.Add(i, xi * xi);
    }

    /// <summary>
    /// The four-lane sums from index <paramref name="i"/> (≡ 0 mod 4) on vectors of 4 or 2 lanes; stops at the
    /// tail or, when <typeparamref name="TTies"/> says ties are left, at four lanes holding a tie of the threshold.
    /// No call inside. A term outside its set is the product masked to +0 (all bits clear), as the scalar loop adds.
    /// </summary>
    [MethodImpl(SimdLoop.Options)]
    private static int SumQuads<V, TTies>(ReadOnlySpan<double> x, ReadOnlySpan<double> g, int i, double threshold, bool all,
        ref Sum4 sg, ref Sum4 sx) where V : struct, ISimd<V> where TTies : struct, IFlag
    {
        int n = x.Length, half = 4 / V.Count; // 1 vector of 4 lanes, or 2 of 2 (lo: i, i+1; hi: i+2, i+3)
        ref double xr = ref MemoryMarshal.GetReference(x);
        ref double gr = ref MemoryMarshal.GetReference(g);
        var zero = V.Zero; var thr = V.Create(threshold);
        var allMask = all ? V.AllBitsSet : zero; // T ≥ n: every lane is in R_k
        V gLo = V.Load(ref sg.S0, 0), xLo = V.Load(ref sx.S0, 0);
        V gHi = half == 2 ? V.Load(ref sg.S0, 2) : zero, xHi = half == 2 ? V.Load(ref sx.S0, 2) : zero;
        for (; i <= n - 4; i += 4)
        {
            nuint at = (nuint)i;
            if (V.Count == 4) { Prefetch.Ahead(ref gr, at); Prefetch.Ahead(ref xr, at); }
            var g0 = V.Load(ref gr, at); var x0 = V.Load(ref xr, at);
            var g1 = half == 2 ? V.Load(ref gr, at + 2) : zero; var x1 = half == 2 ? V.Load(ref xr, at + 2) : zero;
            var a0 = V.Abs(g0); var a1 = half == 2 ? V.Abs(g1) : zero;
            if (TTies.Value && (V.EqualsAny(a0, thr) || (half == 2 && V.EqualsAny(a1, thr)))) break;
            var r0 = V.GreaterThan(a0, thr) | allMask;                          // R_k
            gLo += r0 & (g0 * g0);
            xLo += V.AndNot(InS(x0, g0, a0, zero), r0) & (x0 * x0);
            if (half == 2)
            {
                var r1 = V.GreaterThan(a1, thr) | allMask;
                gHi += r1 & (g1 * g1);
                xHi += V.AndNot(InS(x1, g1, a1, zero), r1) & (x1 * x1);
            }
        }
        gLo.Store(ref sg.S0, 0); xLo.Store(ref sx.S0, 0);
        if (half == 2) { gHi.Store(ref sg.S0, 2); xHi.Store(ref sx.S0, 2); }
        return i;
    }

    /// <summary>
    /// The four-lane sums eight lanes at a time on 512-bit vectors, from index <paramref name="i"/> (≡ 0 mod 4): the
    /// terms are formed on one vector, then its lower and upper halves (indices i..i+3, then i+4..i+7) are added to the
    /// four sums in that order, which is the order of the four-lane loop. Stops at the last whole eight or, when
    /// <typeparamref name="TTies"/> says ties are left, at eight lanes holding a tie of the threshold (the four-lane loop
    /// takes it from there).
    /// </summary>
    [MethodImpl(SimdLoop.Options)]
    private static int SumOctets<TTies>(ReadOnlySpan<double> x, ReadOnlySpan<double> g, int i, double threshold, bool all,
        ref Sum4 sg, ref Sum4 sx) where TTies : struct, IFlag
    {
        int n = x.Length;
        ref double xr = ref MemoryMarshal.GetReference(x);
        ref double gr = ref MemoryMarshal.GetReference(g);
        var thr = Simd512.Create(threshold);
        // The sets are taken on the integer bits, by subtractions and arithmetic shifts, not by comparisons: on 512-bit
        // vectors each comparison and each mask made of one cost two operations on the one port that also does the
        // halves' extraction, and that port bounded the loop (docs/benchmarks.md, eleventh round). For magnitudes, whose
        // bits are ordered as their values, (b − a) >> 63 is all ones exactly when a > b.
        // R_k: |g_i| > threshold; for T ≥ n the bits −1 put every lane in R_k.
        var thrBits = Vector512.Create(all ? -1L : BitConverter.DoubleToInt64Bits(threshold));
        var absMask = Vector512.Create(long.MaxValue); var infBits = Vector512.Create(0x7FF0_0000_0000_0000L);
        var gs = Vector256.LoadUnsafe(ref sg.S0); var xs = Vector256.LoadUnsafe(ref sx.S0);
        for (; i <= n - 8; i += 8)
        {
            nuint at = (nuint)i;
            Prefetch.Ahead(ref gr, at); Prefetch.Ahead(ref xr, at);
            var g8 = Vector512.LoadUnsafe(ref gr, at); var x8 = Vector512.LoadUnsafe(ref xr, at);
            var gBits = g8.AsInt64(); var xBits = x8.AsInt64();
            var aBits = gBits & absMask;                                         // |g_i|
            if (TTies.Value && Vector512.EqualsAny(aBits.AsDouble(), thr.Value)) break;
            var r = Vector512.ShiftRightArithmetic(thrBits - aBits, 63);          // R_k
            // S_k ∖ R_k: g_i ≠ 0, sign x_i = sign g_i, x_i not NaN (a NaN x_i is in no S_k), i ∉ R_k. x_i = ±0 may pass:
            // its term x_i² = +0 adds nothing, as the scalar loop's omitted term does (every sum starts at +0).
            var nonzeroG = Vector512.ShiftRightArithmetic(-aBits, 63);
            var signsDiffer = Vector512.ShiftRightArithmetic(xBits ^ gBits, 63);
            var nanX = Vector512.ShiftRightArithmetic(infBits - (xBits & absMask), 63);
            var s = Vector512.AndNot(nonzeroG, signsDiffer | nanX | r);
            var tg = r.AsDouble() & (g8 * g8);
            var tx = s.AsDouble() & (x8 * x8);
            gs += tg.GetLower(); xs += tx.GetLower();
            gs += tg.GetUpper(); xs += tx.GetUpper();
        }
        gs.StoreUnsafe(ref sg.S0); xs.StoreUnsafe(ref sx.S0);
        return i;
    }

    /// <summary>
    /// x_i ≠ 0 and sign x_i = sign g_i, lane by lane (S_k before R_k is removed): <see cref="PrunAdagKernel.InS"/>'s
    /// (x_i &gt; 0 ∧ g_i &gt; 0) ∨ (x_i &lt; 0 ∧ g_i &lt; 0) in two comparisons instead of four. x_i with g_i's sign bit
    /// (g_i ^ |g_i|) flipped into it is x_i for g_i &gt; 0 and −x_i for g_i &lt; 0, so it is &gt; 0 exactly when x_i has
    /// g_i's sign and is neither 0 nor NaN; |g_i| &gt; 0 removes g_i = ±0 and NaN.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static V InS<V>(V x, V g, V absG, V zero) where V : struct, ISimd<V> =>
        V.GreaterThan(x ^ (g ^ absG), zero) & V.GreaterThan(absG, zero);
}
