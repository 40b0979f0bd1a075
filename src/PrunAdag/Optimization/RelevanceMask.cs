using System.Runtime.CompilerServices;

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
}
