using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace PrunAdag;

/// <summary>
/// R_k's ties for the vector loops (docs/algorithm.md, Step 1 and C1). A vector loop takes the lanes whose |g_i| exceeds
/// the threshold; ties of the threshold go to the smallest indices, which only an index-ordered scan can hand out, so
/// while ties are left a vector holding one goes to the scalar loop and its cursor. <see cref="CountTies"/> says how
/// many ties a range takes, so that the blocks of a threaded step start with the right number left.
/// </summary>
internal static class RelevanceMask
{
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
    [MethodImpl(SimdLoop.Options)]
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
