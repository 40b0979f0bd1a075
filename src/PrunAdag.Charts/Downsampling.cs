namespace PrunAdag.Charts;

/// <summary>
/// Picks which iterations of a long trace to draw, so a 10⁴-iteration run stays a small chart:
/// k = 0, the last k, and log-spaced iterations in between (convergence plots use a log or
/// early-heavy reading, so log spacing keeps the shape where it changes fastest).
/// </summary>
public static class Downsampling
{
    /// <summary>The default cap on points per trace.</summary>
    public const int DefaultMaxPoints = 500;

    /// <summary>
    /// Indices 0..count−1 to keep, strictly increasing, always containing 0 and count−1, at most
    /// <paramref name="maxPoints"/> of them (every index when count ≤ maxPoints).
    /// </summary>
    /// <param name="count">The number of points in the trace (≥ 0).</param>
    /// <param name="maxPoints">The cap (≥ 2).</param>
    /// <exception cref="ArgumentOutOfRangeException">count &lt; 0 or maxPoints &lt; 2.</exception>
    public static int[] Indices(int count, int maxPoints = DefaultMaxPoints)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (maxPoints < 2) throw new ArgumentOutOfRangeException(nameof(maxPoints), maxPoints, $"maxPoints must be ≥ 2; got {maxPoints}.");
        if (count <= maxPoints) return Enumerable.Range(0, count).ToArray();
        if (maxPoints == 2) return [0, count - 1];

        // Candidates k = round(exp(t)), t uniform on [0, ln(count−1)], plus 0 and count−1. Rounding
        // makes duplicates at small k, so oversample until the distinct set fills the budget,
        // then keep the set of the largest oversampling that stays within it.
        int last = count - 1;
        SortedSet<int> Build(int samples)
        {
            var set = new SortedSet<int> { 0, last };
            double top = Math.Log(last);
            for (int s = 0; s < samples; s++)
            {
                int k = (int)Math.Round(Math.Exp(top * s / (samples - 1)));
                set.Add(Math.Clamp(k, 0, last));
            }
            return set;
        }

        int lo = 2, hi = maxPoints * 64;
        var best = Build(lo);
        while (lo < hi)
        {
            int mid = lo + (hi - lo + 1) / 2;
            var set = Build(mid);
            if (set.Count <= maxPoints) { best = set; lo = mid; }
            else hi = mid - 1;
        }
        return best.ToArray();
    }

    /// <summary>The values of <paramref name="values"/> at <paramref name="indices"/>.</summary>
    internal static double[] Take(IReadOnlyList<double> values, int[] indices)
    {
        var r = new double[indices.Length];
        for (int i = 0; i < indices.Length; i++) r[i] = values[indices[i]];
        return r;
    }

    /// <summary>The integer values of <paramref name="values"/> at <paramref name="indices"/>, as doubles.</summary>
    internal static double[] Take(IReadOnlyList<int> values, int[] indices)
    {
        var r = new double[indices.Length];
        for (int i = 0; i < indices.Length; i++) r[i] = values[indices[i]];
        return r;
    }
}
