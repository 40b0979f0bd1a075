using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace PrunAdag;

/// <summary>
/// The relevant set R_k of Step 1: the indices of the T largest |g_i|, ties broken by the smaller
/// index so the set is deterministic. Found in O(n) time by selecting the T-th largest magnitude on
/// the IEEE-754 bits of |g_i| (a bracket around a remembered or sampled threshold, then radix rounds;
/// see <see cref="Find(ReadOnlySpan{double}, int, Span{double}, ref SelectionHint)"/>) instead of sorting.
/// </summary>
public static class RelevantSet
{
    /// <summary>The indices of the T largest |values[i]| in increasing index order (ties to the smaller index).</summary>
    /// <exception cref="ArgumentOutOfRangeException">T is outside 1..n.</exception>
    /// <exception cref="ArgumentException">A value is NaN.</exception>
    public static int[] Select(ReadOnlySpan<double> values, int targetRelevant)
    {
        CheckT(targetRelevant, values.Length);
        var scratch = new double[values.Length];
        var cut = Find(values, targetRelevant, scratch);
        var result = new int[targetRelevant];
        var cursor = cut.Cursor();
        int r = 0;
        for (int i = 0; i < values.Length; i++)
            if (cursor.IsRelevant(Math.Abs(values[i]))) result[r++] = i;
        return result;
    }

    /// <summary>T for a problem of dimension n: the given value, or the paper's max(1, ⌊n/10⌋) (docs/algorithm.md C3); checked against n.</summary>
    internal static int ResolveT(int? t, int n)
    {
        int value = t ?? Math.Max(1, n / 10);
        CheckT(value, n);
        return value;
    }

    internal static void CheckT(int t, int n)
    {
        if (t < 1 || t > n)
            throw new ArgumentOutOfRangeException("TargetRelevant", t, $"TargetRelevant (T) must be in 1..n = {n}; got {t}.");
    }

    /// <summary>
    /// Computes the cut that defines R: every |g_i| above <see cref="RelevantCut.Threshold"/>, plus the
    /// first <see cref="RelevantCut.TiesToTake"/> indices whose |g_i| equals it. Uses
    /// <paramref name="scratch"/> (length ≥ n) as workspace; allocates nothing.
    /// </summary>
    /// <remarks>
    /// An MSD radix select on the IEEE-754 bits of |g_i|: for non-negative doubles the unsigned bit
    /// patterns order exactly like the values (+0 lowest, +∞ highest), so the T-th largest magnitude is
    /// found by histogramming 12 bits at a time from the top, keeping only the bucket that holds rank T.
    /// One histogram pass and one filter pass over g, then passes over the (usually few) survivors:
    /// O(n) whatever the data, ties and exact zeros included, with no comparisons of doubles at all.
    /// The threshold is the same value any correct selection returns, so R_k is unchanged.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // one call does O(n) work: skip the tier-0 pass
    internal static RelevantCut Find(ReadOnlySpan<double> g, int t, Span<double> scratch)
    {
        SelectionHint none = default;
        return Find(g, t, scratch, ref none);
    }

    /// <summary>
    /// <see cref="Find(ReadOnlySpan{double}, int, Span{double})"/> for a sequence of related vectors (the
    /// gradients of successive iterations): <paramref name="hint"/> remembers the last threshold, and a
    /// bracket around it usually holds the new one, so one vectorised pass over g does the selection.
    /// The result never depends on the hint, only the speed does.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static RelevantCut Find(ReadOnlySpan<double> g, int t, Span<double> scratch, ref SelectionHint hint)
    {
        int n = g.Length;
        if (t >= n) return new RelevantCut(double.NegativeInfinity, 0, all: true);
        ReadOnlySpan<ulong> gb = MemoryMarshal.Cast<double, ulong>(g);

        var cand = MemoryMarshal.Cast<double, ulong>(scratch[..n]);
        if (hint.Valid)
        {
            ulong loBits = LowerBits(hint.Threshold / hint.Factor), hiBits = UpperBits(hint.Threshold * hint.Factor);
            if (TryBracket(gb, t, cand, loBits, hiBits, out var bracketed, out int kept, out long greater))
            {
                // Aim at a bracket of ~2 % of n, or 64 (cheap to refine, rarely missed; docs/benchmarks.md, seventh round):
                // narrow it when it held more.
                if (kept > Math.Max(n / 50, BracketFloor) && hint.Factor > 1.0001) hint.Factor = Math.Sqrt(hint.Factor);
                hint.Threshold = bracketed.Threshold;
                return bracketed;
            }
            hint.Factor = Math.Min(hint.Factor * hint.Factor, 1e150); // missed: widen for next time
            // One more pass with a much wider bracket (the threshold usually moved by a little more than the bracket
            // allowed) costs less than a selection from scratch. The pass that missed says on which side the threshold
            // went: T or more values above hi put it above hi, fewer than T from lo up put it below lo. The wider bracket
            // covers only that side, so it keeps half the values a bracket around the old threshold would
            // (docs/benchmarks.md, fourteenth round).
            double f4 = hint.Factor * hint.Factor;
            if (t - greater < 1) { loBits = hiBits; hiBits = UpperBits(hint.Threshold * f4); }
            else { hiBits = loBits; loBits = LowerBits(hint.Threshold / f4); }
            if (TryBracket(gb, t, cand, loBits, hiBits, out bracketed, out _, out _))
            {
                hint.Threshold = bracketed.Threshold;
                return bracketed;
            }
        }
        var cut = FindUnhinted(g, gb, t, cand);
        hint.Threshold = cut.Threshold;
        if (!hint.Valid) { hint.Factor = 1.5; hint.Valid = true; }
        return cut;
    }

    // A bracket's bounds as magnitude bits: the lower one's sign cleared, an upper one past the finite range at +∞'s bits and above.
    private static ulong LowerBits(double lo) => BitConverter.DoubleToUInt64Bits(lo) & AbsMask;
    private static ulong UpperBits(double hi) => double.IsFinite(hi) ? BitConverter.DoubleToUInt64Bits(hi) : AbsMask;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static RelevantCut FindUnhinted(ReadOnlySpan<double> g, ReadOnlySpan<ulong> gb, int t, Span<ulong> cand)
    {
        int n = g.Length;
        if (n >= MinBandLength && TryBandSelect(gb, t, cand, out var banded)) return banded;
        if (n <= SmallCount)
        {
            // Small n: SelectSmall on a copy of the magnitudes' bits beats clearing and walking 4096-bucket histograms.
            bool nan = false;
            for (int j = 0; j < n; j++) { ulong v = gb[j] & AbsMask; cand[j] = v; nan |= v > InfinityBits; }
            if (nan) ThrowIfNaN(g);
            return SelectSmall(cand, n, t, 0, t);
        }
        return RadixSelect(g, gb, t, cand);
    }

    /// <summary>
    /// The MSD radix select over all of g. A separate method because its 32 KB of histograms are a fixed-size
    /// stack buffer, which the JIT zeroes in the prologue of whichever method declares it, even on paths that
    /// never use it; here only the calls that need them pay for them.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static RelevantCut RadixSelect(ReadOnlySpan<double> g, ReadOnlySpan<ulong> gb, int t, Span<ulong> cand)
    {
        int n = g.Length;
        // Round 1 over g: bits 51..62 (the exponent and the first mantissa bit).
        Span<int> hist = stackalloc int[2 * Buckets]; // two interleaved histograms halve store-to-load stalls on runs of one bucket
        Span<int> h0 = hist[..Buckets], h1 = hist[Buckets..];
        int i = 0;
        for (; i + 1 < n; i += 2)
        {
            h0[(int)((gb[i] & AbsMask) >> Shift0)]++;
            h1[(int)((gb[i + 1] & AbsMask) >> Shift0)]++;
        }
        if (i < n) h0[(int)((gb[i] & AbsMask) >> Shift0)]++;
        for (int b = 0; b < Buckets; b++) h0[b] += h1[b];
        // NaN magnitudes (bits above +∞) land only in the top two buckets, which +∞ shares: look closer only then.
        if (h0[Buckets - 1] + h0[Buckets - 2] > 0) ThrowIfNaN(g);

        int need = t, greater = 0; // need: how many of the largest are still to be placed in the chosen bucket
        int bucket = PickBucket(h0, ref need, ref greater);

        // Filter pass: keep the magnitudes of the chosen bucket (branch-free append).
        int count = 0;
        for (int j = 0; j < n; j++)
        {
            ulong v = gb[j] & AbsMask;
            cand[count] = v;
            count += (int)(v >> Shift0) == bucket ? 1 : 0;
        }
        return Refine(cand, count, need, greater, t, Shift0 - Bits, h0);
    }

    private const int BracketFloor = 64;
    private const ulong AbsMask = 0x7FFF_FFFF_FFFF_FFFFUL, InfinityBits = 0x7FF0_0000_0000_0000UL;
    private const int Bits = 12, Buckets = 1 << Bits, Shift0 = 63 - Bits;
    private const int SampleSize = 4096, MinBandLength = 16 * SampleSize;
    /// <summary>Up to this many values, <see cref="SelectSmall"/> is cheaper than a 4096-bucket radix round.</summary>
    private const int SmallCount = 4096;

    /// <summary>
    /// The survivors <paramref name="cand"/>[..count] hold rank <paramref name="need"/> (from the top) and
    /// agree on every bit above <paramref name="shift"/> + 12: radix rounds on 12 bits at a time from there
    /// (then bits 0..2), or <see cref="SelectSmall"/> once at most 4096 are left, down to the threshold.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static RelevantCut Refine(Span<ulong> cand, int count, int need, int greater, int t, int shift, Span<int> h0)
    {
        for (; count > 1; shift = Math.Max(shift - Bits, 0))
        {
            if (count <= SmallCount) return SelectSmall(cand, count, need, greater, t);
            ulong mask = Buckets - 1;
            h0.Clear();
            for (int j = 0; j < count; j++) h0[(int)((cand[j] >> shift) & mask)]++;
            int bucket = PickBucket(h0, ref need, ref greater);
            int kept = 0;
            for (int j = 0; j < count; j++)
            {
                ulong v = cand[j];
                cand[kept] = v;
                kept += (int)((v >> shift) & mask) == bucket ? 1 : 0;
            }
            count = kept;
            if (shift == 0) break; // every bit examined: the survivors are all equal
        }
        // One survivor, or several equal ones: that is the threshold; `need` of them are taken.
        return new RelevantCut(BitConverter.UInt64BitsToDouble(cand[0]), t - greater, all: false);
    }

    /// <summary>
    /// The threshold among few values: rank <paramref name="need"/> from the top of <paramref name="cand"/>[..count]
    /// (magnitude bits: ascending bits = ascending values). Radix rounds on the 8 bits just below the bits all
    /// survivors share (256 buckets: cheap to clear and walk), then, once at most 16 are left, each survivor's
    /// rank by counting. No comparison decides a branch on the data, which matters here: the values change at
    /// every call, so a quickselect's branches are mispredicted half the time. Reorders the values; the answer
    /// is the same value any correct selection returns.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static RelevantCut SelectSmall(Span<ulong> cand, int count, int need, int greater, int t)
    {
        Span<int> hist = stackalloc int[256];
        while (count > 16)
        {
            ulong first = cand[0], diff = 0;
            int j0 = 1;
            if (Vector256.IsHardwareAccelerated && count >= 8)
            {
                // The bits on which some survivor differs from the first, four at a time (an OR does not depend on order).
                ref ulong c0 = ref MemoryMarshal.GetReference(cand);
                var firstV = Vector256.Create(first); var acc = Vector256<ulong>.Zero;
                for (j0 = 0; j0 <= count - 4; j0 += 4) acc |= Vector256.LoadUnsafe(ref c0, (nuint)j0) ^ firstV;
                diff = acc.GetElement(0) | acc.GetElement(1) | acc.GetElement(2) | acc.GetElement(3);
            }
            for (int j = j0; j < count; j++) diff |= cand[j] ^ first;
            if (diff == 0) break; // all equal: that is the threshold
            // Every survivor agrees above the highest differing bit: the digit is that bit and the 7 below it.
            int shift = Math.Max(63 - BitOperations.LeadingZeroCount(diff) - 7, 0);
            hist.Clear();
            for (int j = 0; j < count; j++) hist[(int)((cand[j] >> shift) & 255)]++;
            int bucket = PickBucket(hist, ref need, ref greater);
            int kept = 0, jv = 0;
            // The survivors of the bucket moved to the front in order, a vector at a time where the hardware packs lanes
            // (Append), then one by one.
            ref ulong cr = ref MemoryMarshal.GetReference(cand);
            if (Vector512.IsHardwareAccelerated && Avx512F.IsSupported)
            {
                var bucketV = Vector512.Create((ulong)bucket); var digitMask = Vector512.Create(255UL);
                for (; jv <= count - 8; jv += 8)
                {
                    var v = Vector512.LoadUnsafe(ref cr, (nuint)jv);
                    kept = Append(v, Vector512.Equals(Vector512.ShiftRightLogical(v, shift) & digitMask, bucketV), ref cr, kept);
                }
            }
            else if (Vector256.IsHardwareAccelerated && Avx2.IsSupported)
            {
                ref int pack256 = ref MemoryMarshal.GetReference(Pack256);
                var bucketV = Vector256.Create((long)bucket); var digitMask = Vector256.Create(255L);
                for (; jv <= count - 4; jv += 4)
                {
                    var v = Vector256.LoadUnsafe(ref cr, (nuint)jv).AsInt64();
                    kept = Append(v, Vector256.Equals(Vector256.ShiftRightLogical(v, shift) & digitMask, bucketV), ref pack256, ref cr, kept);
                }
            }
            for (int j = jv; j < count; j++)
            {
                ulong v = cand[j];
                cand[kept] = v;
                kept += (int)((v >> shift) & 255) == bucket ? 1 : 0;
            }
            count = kept;
        }
        for (int j = 0; ; j++)
        {
            ulong c = cand[j];
            int above = 0, equal = 0;
            for (int i = 0; i < count; i++) { above += cand[i] > c ? 1 : 0; equal += cand[i] == c ? 1 : 0; }
            if (above < need && need <= above + equal)
                return new RelevantCut(BitConverter.UInt64BitsToDouble(c), t - (greater + above), all: false);
        }
    }

    /// <summary>
    /// Floyd–Rivest-style shortcut for large n: a fixed, evenly spaced sample of |g| brackets the T-th
    /// largest magnitude in [lo, hi] with overwhelming probability; then a single vectorised pass counts
    /// the values above hi and keeps those inside the bracket (a few percent of n), and the radix rounds
    /// finish on those. Returns false (and the caller does the full radix select) if the bracket missed;
    /// the answer never depends on the sample, only the speed does.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool TryBandSelect(ReadOnlySpan<ulong> gb, int t, Span<ulong> cand, out RelevantCut cut)
    {
        int n = gb.Length, stride = n / SampleSize;
        Span<ulong> sample = cand[..SampleSize], copy = cand.Slice(SampleSize, SampleSize); // n ≥ MinBandLength: both fit
        for (int j = 0; j < SampleSize; j++) sample[j] = gb[j * stride] & AbsMask;
        double p = (double)t / n;
        int r = (int)(p * SampleSize);                                       // expected sample rank of the threshold, from the top
        int margin = (int)(4 * Math.Sqrt(SampleSize * p * (1 - p))) + 8;     // ≈ 4 standard deviations of that rank
        // The sampled values of ranks r ∓ margin from the top (1 = largest). SelectSmall decides no branch on the data, but
        // it keeps only the survivors of each round, so each rank is taken on its own copy of the sample. Sorting the
        // sample mispredicted its comparisons and cost more than the pass over g (docs/benchmarks.md, seventeenth round).
        sample.CopyTo(copy);
        ulong lo = r + margin >= SampleSize - 1 ? 0 : SampledRank(copy, r + margin + 1);
        ulong hi = r - margin <= 0 ? AbsMask : SampledRank(sample, r - margin + 1);

        return TryBracket(gb, t, cand, lo, hi, out cut, out _, out _);
    }

    /// <summary>The magnitude bits of rank <paramref name="rank"/> from the top of <paramref name="values"/> (reordered).</summary>
    private static ulong SampledRank(Span<ulong> values, int rank) =>
        BitConverter.DoubleToUInt64Bits(SelectSmall(values, values.Length, rank, 0, rank).Threshold);

    /// <summary>
    /// One vectorised pass: counts |g_i| above <paramref name="hi"/> (bits), keeps those in [lo, hi] in
    /// <paramref name="cand"/>, and refines to the threshold when rank T falls inside the bracket. A long g is cut into
    /// the blocks of a step pass and shared among the threads (<see cref="BracketJob"/>): the count and the set of kept
    /// values are the same, and the threshold depends on nothing else.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool TryBracket(ReadOnlySpan<ulong> gb, int t, Span<ulong> cand, ulong lo, ulong hi, out RelevantCut cut, out int kept,
        out long greater)
    {
        bool nan;
        int count = Numerics.StepPass.ThreadedBlocks(gb.Length) is > 1 and int blocks
            ? BracketJob.ForThisThread.Run(gb, cand, lo, hi, blocks, out greater, out nan)
            : BracketPass(gb, cand, lo, hi, out greater, out nan);
        if (nan) ThrowIfNaN(MemoryMarshal.Cast<ulong, double>(gb));
        int need = t - (int)greater;
        kept = count;
        if (need < 1 || need > count) { cut = default; return false; }
        cut = count <= SmallCount ? SelectSmall(cand, count, need, (int)greater, t) : RefineMany(cand, count, need, (int)greater, t, lo ^ hi);
        return true;
    }

    /// <summary>
    /// The bracket pass over <paramref name="gb"/>: returns how many magnitudes lie in [lo, hi] (stored from
    /// <paramref name="cand"/>[0] on, in index order), with the count above hi and whether any is NaN. Writes only
    /// inside cand[..gb.Length].
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int BracketPass(ReadOnlySpan<ulong> gb, Span<ulong> cand, ulong lo, ulong hi, out long greaterOut, out bool nanOut)
    {
        int n = gb.Length;
        var longs = MemoryMarshal.Cast<ulong, long>(gb);
        ref long gr = ref MemoryMarshal.GetReference(longs);
        int i = 0, count = 0;
        long greater = 0;
        bool nan = false;
        if (Vector512.IsHardwareAccelerated && Avx512F.IsSupported)
        {
            // Sixteen at a time in two registers; the few lanes inside the bracket are packed by AVX-512 compress, not
            // picked lane by lane (KeepInBracket). Branch-free:
            // which lanes fall in the bracket changes with every gradient, and a loop over the mask's bits mispredicted
            // its exit on most vectors. lo ≤ v ≤ hi is one unsigned compare, (v − lo) ≤ (hi − lo); NaN shows in the
            // largest magnitude. Two registers per step keep more of the pass in flight (docs/benchmarks.md, eleventh round).
            var absMask = Vector512.Create(AbsMask);
            var hiV = Vector512.Create(hi);
            // An empty bracket (lo > hi) takes no lane: v + 2⁶³ never wraps below 2⁶³ > 0.
            var loV = Vector512.Create(lo <= hi ? lo : 1UL << 63); var widthV = Vector512.Create(lo <= hi ? hi - lo : 0UL);
            Vector512<ulong> above0 = default, above1 = default, largest = default;
            ref ulong gu = ref Unsafe.As<long, ulong>(ref gr);
            ref ulong candRef = ref MemoryMarshal.GetReference(cand);
            for (; i <= n - 16; i += 16)
            {
                Prefetch.Ahead(ref gr, (nuint)i); Prefetch.Ahead(ref gr, (nuint)i + 8);
                var v0 = Vector512.LoadUnsafe(ref gu, (nuint)i) & absMask;
                var v1 = Vector512.LoadUnsafe(ref gu, (nuint)i + 8) & absMask;
                above0 -= Vector512.GreaterThan(v0, hiV); above1 -= Vector512.GreaterThan(v1, hiV);
                largest = Vector512.Max(largest, Vector512.Max(v0, v1));
                count = KeepInBracket(v0, loV, widthV, ref candRef, count);
                count = KeepInBracket(v1, loV, widthV, ref candRef, count);
            }
            if (i <= n - 8)
            {
                var v = Vector512.LoadUnsafe(ref gu, (nuint)i) & absMask;
                above0 -= Vector512.GreaterThan(v, hiV);
                largest = Vector512.Max(largest, v);
                count = KeepInBracket(v, loV, widthV, ref candRef, count);
                i += 8;
            }
            greater = (long)Vector512.Sum(above0 + above1);
            nan = Vector512.GreaterThanAny(largest, Vector512.Create(InfinityBits));
        }
        else if (Vector256.IsHardwareAccelerated && Avx2.IsSupported)
        {
            // Eight at a time in two registers; one test per eight for the (rare) in-bracket lanes, which are then packed
            // by a permutation per register (a whole vector stored at count ≤ i, so the 4 slots stay inside cand).
            var absMask = Vector256.Create((long)AbsMask);
            var hiV = Vector256.Create((long)hi); var loV = Vector256.Create((long)lo - 1); var infV = Vector256.Create((long)InfinityBits);
            Vector256<long> acc0 = default, acc1 = default, accNaN = default;
            ref int pack256 = ref MemoryMarshal.GetReference(Pack256);
            ref ulong candRef = ref MemoryMarshal.GetReference(cand);
            for (; i <= n - 8; i += 8)
            {
                Prefetch.Ahead(ref gr, (nuint)i);
                var v0 = Vector256.LoadUnsafe(ref gr, (nuint)i) & absMask;
                var v1 = Vector256.LoadUnsafe(ref gr, (nuint)i + 4) & absMask;
                var a0 = Vector256.GreaterThan(v0, hiV); var a1 = Vector256.GreaterThan(v1, hiV);
                acc0 -= a0; acc1 -= a1;
                accNaN |= Vector256.GreaterThan(v0, infV) | Vector256.GreaterThan(v1, infV);
                var b0 = Vector256.AndNot(Vector256.GreaterThan(v0, loV), a0);   // lo ≤ v ≤ hi
                var b1 = Vector256.AndNot(Vector256.GreaterThan(v1, loV), a1);
                if ((b0 | b1) != Vector256<long>.Zero)
                {
                    count = Append(v0, b0, ref pack256, ref candRef, count);
                    count = Append(v1, b1, ref pack256, ref candRef, count);
                }
            }
            greater += Vector256.Sum(acc0 + acc1);
            nan |= accNaN != Vector256<long>.Zero;
        }
        else if (Vector128.IsHardwareAccelerated)
        {
            // The same eight at a time in four 128-bit registers (SSE4.2 / NEON): one loop test and one band test
            // per eight, where a lane-by-lane loop over two-lane vectors ran at a quarter of the 256-bit speed; the
            // in-bracket lanes packed by a byte shuffle per register (pshufb / TBL).
            var absMask = Vector128.Create((long)AbsMask);
            var hiV = Vector128.Create((long)hi); var loV = Vector128.Create((long)lo - 1); var infV = Vector128.Create((long)InfinityBits);
            Vector128<long> acc0 = default, acc1 = default, accNaN = default;
            ref byte pack128 = ref MemoryMarshal.GetReference(Pack128);
            ref ulong candRef = ref MemoryMarshal.GetReference(cand);
            for (; i <= n - 8; i += 8)
            {
                Prefetch.Ahead(ref gr, (nuint)i);
                var v0 = Vector128.LoadUnsafe(ref gr, (nuint)i) & absMask;
                var v1 = Vector128.LoadUnsafe(ref gr, (nuint)i + 2) & absMask;
                var v2 = Vector128.LoadUnsafe(ref gr, (nuint)i + 4) & absMask;
                var v3 = Vector128.LoadUnsafe(ref gr, (nuint)i + 6) & absMask;
                var a0 = Vector128.GreaterThan(v0, hiV); var a1 = Vector128.GreaterThan(v1, hiV);
                var a2 = Vector128.GreaterThan(v2, hiV); var a3 = Vector128.GreaterThan(v3, hiV);
                acc0 -= a0 + a1; acc1 -= a2 + a3;
                accNaN |= (Vector128.GreaterThan(v0, infV) | Vector128.GreaterThan(v1, infV)) | (Vector128.GreaterThan(v2, infV) | Vector128.GreaterThan(v3, infV));
                var b0 = Vector128.AndNot(Vector128.GreaterThan(v0, loV), a0);
                var b1 = Vector128.AndNot(Vector128.GreaterThan(v1, loV), a1);
                var b2 = Vector128.AndNot(Vector128.GreaterThan(v2, loV), a2);
                var b3 = Vector128.AndNot(Vector128.GreaterThan(v3, loV), a3);
                if (((b0 | b1) | (b2 | b3)) != Vector128<long>.Zero)
                {
                    count = Append(v0, b0, ref pack128, ref candRef, count);
                    count = Append(v1, b1, ref pack128, ref candRef, count);
                    count = Append(v2, b2, ref pack128, ref candRef, count);
                    count = Append(v3, b3, ref pack128, ref candRef, count);
                }
            }
            greater += Vector128.Sum(acc0 + acc1);
            nan |= accNaN != Vector128<long>.Zero;
        }
        for (; i < n; i++)
        {
            ulong v = gb[i] & AbsMask;
            if (v > hi) greater++;
            else if (v >= lo) cand[count++] = v;
            nan |= v > InfinityBits;
        }
        greaterOut = greater; nanOut = nan;
        return count;
    }

    /// <summary>
    /// Appends the lanes of <paramref name="v"/> with lo ≤ v ≤ lo + width (one unsigned comparison of v − lo) to
    /// <paramref name="cand"/> at <paramref name="count"/> (<see cref="Append(Vector512{ulong}, Vector512{ulong}, ref ulong, int)"/>);
    /// returns the new count.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int KeepInBracket(Vector512<ulong> v, Vector512<ulong> lo, Vector512<ulong> width, ref ulong cand, int count) =>
        Append(v, Vector512.LessThanOrEqual(v - lo, width), ref cand, count);

    /// <summary>
    /// Appends the lanes of <paramref name="v"/> kept by <paramref name="keep"/> to <paramref name="cand"/> at
    /// <paramref name="count"/>, packed by AVX-512 compress and stored as a whole vector (count ≤ the index of v's first
    /// lane, so the 8 slots stay inside cand and overwrite nothing unread); returns the new count.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Append(Vector512<ulong> v, Vector512<ulong> keep, ref ulong cand, int count)
    {
        Avx512F.Compress(Vector512<ulong>.Zero, keep, v).StoreUnsafe(ref cand, (nuint)count);
        return count + BitOperations.PopCount(keep.ExtractMostSignificantBits());
    }

    /// <summary>
    /// Appends the lanes of <paramref name="v"/> kept by <paramref name="keep"/> to <paramref name="cand"/> at
    /// <paramref name="count"/>, moved to the front by the permutation <see cref="Pack256"/> gives for the mask and stored
    /// as a whole vector (count ≤ the index of v's first lane, so the 4 slots stay inside cand); returns the new count.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Append(Vector256<long> v, Vector256<long> keep, ref int pack256, ref ulong cand, int count)
    {
        uint mask = keep.ExtractMostSignificantBits();
        Avx2.PermuteVar8x32(v.AsInt32(), Vector256.LoadUnsafe(ref pack256, mask * 8)).AsUInt64().StoreUnsafe(ref cand, (nuint)count);
        return count + BitOperations.PopCount(mask);
    }

    /// <summary>The two-lane <see cref="Append(Vector256{long}, Vector256{long}, ref int, ref ulong, int)"/>: a byte shuffle from <see cref="Pack128"/> (pshufb / TBL).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Append(Vector128<long> v, Vector128<long> keep, ref byte pack128, ref ulong cand, int count)
    {
        uint mask = keep.ExtractMostSignificantBits();
        Vector128.Shuffle(v.AsByte(), Vector128.LoadUnsafe(ref pack128, mask * 16)).AsUInt64().StoreUnsafe(ref cand, (nuint)count);
        return count + BitOperations.PopCount(mask);
    }

    /// <summary>
    /// For each 4-bit mask of a four-lane register, the 32-bit lane indices that move its kept 64-bit lanes to the
    /// front in index order (the rest repeat lane 0: they are stored past the count and overwritten).
    /// </summary>
    private static ReadOnlySpan<int> Pack256 =>
    [
        0, 0, 0, 0, 0, 0, 0, 0,  0, 1, 0, 0, 0, 0, 0, 0,  2, 3, 0, 0, 0, 0, 0, 0,  0, 1, 2, 3, 0, 0, 0, 0,
        4, 5, 0, 0, 0, 0, 0, 0,  0, 1, 4, 5, 0, 0, 0, 0,  2, 3, 4, 5, 0, 0, 0, 0,  0, 1, 2, 3, 4, 5, 0, 0,
        6, 7, 0, 0, 0, 0, 0, 0,  0, 1, 6, 7, 0, 0, 0, 0,  2, 3, 6, 7, 0, 0, 0, 0,  0, 1, 2, 3, 6, 7, 0, 0,
        4, 5, 6, 7, 0, 0, 0, 0,  0, 1, 4, 5, 6, 7, 0, 0,  2, 3, 4, 5, 6, 7, 0, 0,  0, 1, 2, 3, 4, 5, 6, 7,
    ];

    /// <summary>For each 2-bit mask of a two-lane register, the byte indices that move its kept lanes to the front.</summary>
    private static ReadOnlySpan<byte> Pack128 =>
    [
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 1, 2, 3, 4, 5, 6, 7, 0, 0, 0, 0, 0, 0, 0, 0,
        8, 9, 10, 11, 12, 13, 14, 15, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15,
    ];

    /// <summary>
    /// <see cref="Refine"/> on the values a bracket [lo, hi] kept, with its own histogram (kept out of the hot path's frame,
    /// see <see cref="RadixSelect"/>). Every value in [lo, hi] has the bits of lo and hi above the highest bit where those
    /// two differ (<paramref name="boundsDiffer"/> = lo ^ hi), so the first round's 12 bits start at that bit. From the top
    /// bits instead, a bracket around one threshold, which spans an exponent or two, fell into a few buckets, and more
    /// rounds over thousands of values followed (docs/benchmarks.md, eighteenth round).
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static RelevantCut RefineMany(Span<ulong> cand, int count, int need, int greater, int t, ulong boundsDiffer)
    {
        Span<int> h0 = stackalloc int[Buckets];
        int top = 63 - BitOperations.LeadingZeroCount(boundsDiffer); // −1 when lo = hi: then the values are all equal
        return Refine(cand, count, need, greater, t, Math.Max(top - (Bits - 1), 0), h0);
    }

    /// <summary>
    /// <see cref="BracketPass"/> over the blocks of a <see cref="Numerics.StepPass"/> on every core: each block keeps its
    /// values in its own part of cand, then the parts are moved together in block order. One per thread that selects
    /// (the selection is never re-entered from a block), created once, so a pass allocates nothing.
    /// </summary>
    private sealed class BracketJob
    {
        [ThreadStatic] private static BracketJob? t_job;

        /// <summary>This thread's job.</summary>
        public static BracketJob ForThisThread => t_job ??= new BracketJob();

        private readonly Numerics.StepPass _pass;
        private readonly int[] _kept = new int[Numerics.StepPass.MaxBlocks];
        private readonly bool[] _nan = new bool[Numerics.StepPass.MaxBlocks];
        private ulong _lo, _hi; // the bracket in flight while _pass runs

        private BracketJob() => _pass = new Numerics.StepPass(Block);

        public int Run(ReadOnlySpan<ulong> gb, Span<ulong> cand, ulong lo, ulong hi, int blocks, out long greater, out bool nan)
        {
            int n = gb.Length;
            _lo = lo; _hi = hi;
            // The pass's x is where a block keeps its values (cand), its g the magnitudes' bits.
            greater = _pass.Run(MemoryMarshal.Cast<ulong, double>(cand[..n]), MemoryMarshal.Cast<ulong, double>(gb), blocks).Second;
            int count = 0;
            nan = false;
            for (int b = 0; b < blocks; b++)
            {
                int start = Numerics.StepPass.Block(n, blocks, b).Start;
                if (start != count) cand.Slice(start, _kept[b]).CopyTo(cand[count..]); // moves left: the copy allows overlap
                count += _kept[b]; nan |= _nan[b];
            }
            return count;
        }

        // One block, on whichever thread takes it: (values kept, values above the bracket).
        private (int, int) Block(int b, int start, Span<double> cand, ReadOnlySpan<double> g)
        {
            _kept[b] = BracketPass(MemoryMarshal.Cast<double, ulong>(g), MemoryMarshal.Cast<double, ulong>(cand), _lo, _hi,
                out long greater, out _nan[b]);
            return (_kept[b], (int)greater);
        }
    }

    internal static void ThrowIfNaN(ReadOnlySpan<double> g)
    {
        for (int j = 0; j < g.Length; j++)
            if (double.IsNaN(g[j])) throw new ArgumentException($"The values contain NaN at index {j}.", nameof(g));
    }

    /// <summary>Walks buckets from the top until rank <paramref name="need"/> is reached; counts what lies above.</summary>
    /// <remarks>
    /// Eight buckets at a time while whole groups lie above the rank (one vector sum per group instead of eight dependent
    /// tests), then bucket by bucket inside the group that holds it. The counts are integers, so the order of the sums
    /// does not matter: the same bucket and counts as the plain walk. The lengths used here (256, 4096) are multiples of eight.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int PickBucket(Span<int> hist, ref int need, ref int greater)
    {
        int b = hist.Length - 1;
        if (Vector256.IsHardwareAccelerated)
        {
            ref int h = ref MemoryMarshal.GetReference(hist);
            for (; b >= 7; b -= 8)
            {
                int group = Vector256.Sum(Vector256.LoadUnsafe(ref h, (nuint)(b - 7)));
                if (group >= need) break;
                need -= group; greater += group;
            }
        }
        for (; ; b--)
        {
            int c = hist[b];
            if (c >= need) return b;
            need -= c; greater += c;
        }
    }
}
