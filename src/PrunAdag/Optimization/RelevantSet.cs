namespace PrunAdag;

/// <summary>
/// The relevant set R_k of Step 1: the indices of the T largest |g_i|, ties broken by the smaller
/// index so the set is deterministic. Found in expected O(n) time by selecting the T-th largest
/// magnitude (introselect with a three-way partition, which keeps runs of equal values — common
/// exact zeros in gradients — linear) instead of sorting.
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
    internal static RelevantCut Find(ReadOnlySpan<double> g, int t, Span<double> scratch)
    {
        int n = g.Length;
        if (t >= n) return new RelevantCut(double.NegativeInfinity, 0, all: true);
        var a = scratch[..n];
        for (int i = 0; i < n; i++)
        {
            double v = Math.Abs(g[i]);
            if (double.IsNaN(v)) throw new ArgumentException($"The values contain NaN at index {i}.", nameof(g));
            a[i] = v;
        }
        double threshold = NthSmallest(a, n - t);
        int greater = 0;
        for (int i = 0; i < n; i++) if (Math.Abs(g[i]) > threshold) greater++;
        return new RelevantCut(threshold, t - greater, all: false);
    }

    /// <summary>The value that would sit at ascending position <paramref name="p"/> after sorting; reorders <paramref name="a"/>.</summary>
    internal static double NthSmallest(Span<double> a, int p)
    {
        int lo = 0, hi = a.Length - 1;
        int budget = 2 * (64 - System.Numerics.BitOperations.LeadingZeroCount((ulong)a.Length)) + 8;
        while (hi > lo)
        {
            if (--budget < 0)
            {
                // Adversarial input: fall back to O(m log m) on what is left, which keeps the worst case bounded.
                a[lo..(hi + 1)].Sort();
                return a[p];
            }
            double pivot = MedianOfThree(a[lo], a[lo + (hi - lo) / 2], a[hi]);
            int lt = lo, i = lo, gt = hi;
            while (i <= gt)
            {
                double v = a[i];
                if (v < pivot) { a[i] = a[lt]; a[lt] = v; lt++; i++; }
                else if (v > pivot) { a[i] = a[gt]; a[gt] = v; gt--; }
                else i++;
            }
            if (p < lt) hi = lt - 1;
            else if (p > gt) lo = gt + 1;
            else return pivot;
        }
        return a[p];
    }

    private static double MedianOfThree(double x, double y, double z) =>
        x < y ? (y < z ? y : (x < z ? z : x)) : (x < z ? x : (y < z ? z : y));
}

/// <summary>The cut defining R_k (see <see cref="RelevantSet.Find"/>).</summary>
internal readonly struct RelevantCut(double threshold, int tiesToTake, bool all)
{
    public double Threshold { get; } = threshold;
    public int TiesToTake { get; } = tiesToTake;
    public bool All { get; } = all;

    /// <summary>A cursor to be asked once per index, in increasing index order.</summary>
    public RelevantCursor Cursor() => new(Threshold, TiesToTake, All);
}

/// <summary>Answers "is i in R_k?" for i = 0, 1, 2, … in order; ties go to the first indices met.</summary>
internal struct RelevantCursor(double threshold, int ties, bool all)
{
    private int _ties = ties;

    public bool IsRelevant(double absG)
    {
        if (all || absG > threshold) return true;
        if (absG == threshold && _ties > 0) { _ties--; return true; }
        return false;
    }
}
