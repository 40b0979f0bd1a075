using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace PrunAdag;

/// <summary>
/// R_k a vector at a time (docs/algorithm.md, Step 1 and C1): the lanes whose |g_i| exceeds the threshold. Ties of
/// the threshold go to the smallest indices, which only an index-ordered scan can hand out, so a vector that holds
/// a tie while ties are left is refused and the caller leaves it to the scalar loop and its cursor.
/// </summary>
internal static class RelevanceMask
{
    /// <summary>The mask of R_k over <paramref name="absG"/>, or false when the vector must go to the scalar loop.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryGet<V>(V absG, V threshold, bool all, int ties, out V relevant) where V : struct, ISimd<V>
    {
        if (all) { relevant = V.AllBitsSet; return true; }
        relevant = V.GreaterThan(absG, threshold);
        return ties <= 0 || !V.EqualsAny(absG, threshold);
    }

    /// <summary>The masks of four lanes held in one vector (<paramref name="half"/> = 1) or two of two lanes (2).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryGetQuad<V>(V g0, V g1, int half, V threshold, bool all, int ties, out V r0, out V r1) where V : struct, ISimd<V>
    {
        bool ok = TryGet(V.Abs(g0), threshold, all, ties, out r0);
        if (half == 2) return TryGet(V.Abs(g1), threshold, all, ties, out r1) && ok;
        r1 = V.Zero;
        return ok;
    }

    /// <summary>
    /// How many of R_k's ties a range takes: the number of i in <paramref name="g"/> with |g_i| equal to the threshold,
    /// counted in index order up to <paramref name="tiesLeft"/> (the ties still to hand out when the range starts).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int CountTies(ReadOnlySpan<double> g, double threshold, int tiesLeft)
    {
        int n = g.Length, i = 0, count = 0;
        if (tiesLeft <= 0) return 0;
        if (Vector512.IsHardwareAccelerated) i = SkipUntilTie<Simd512>(g, threshold);
        else if (Vector256.IsHardwareAccelerated) i = SkipUntilTie<Simd256>(g, threshold);
        else if (Vector128.IsHardwareAccelerated) i = SkipUntilTie<Simd128>(g, threshold);
        // From the first vector that holds a tie (ties are rare: usually R_k's last member alone), one at a time.
        for (; i < n; i++)
            if (Math.Abs(g[i]) == threshold && ++count == tiesLeft) break;
        return count;
    }

    // The first index of the first whole vector holding a tie (or of the tail).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int SkipUntilTie<V>(ReadOnlySpan<double> g, double threshold) where V : struct, ISimd<V>
    {
        ref double gr = ref MemoryMarshal.GetReference(g);
        var thr = V.Create(threshold);
        int i = 0;
        for (; i <= g.Length - V.Count; i += V.Count)
            if (V.EqualsAny(V.Abs(V.Load(ref gr, (nuint)i)), thr)) break;
        return i;
    }
}
