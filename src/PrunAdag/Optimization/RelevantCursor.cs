namespace PrunAdag;

/// <summary>Answers "is i in R_k?" for i = 0, 1, 2, … in order; ties go to the first indices met.</summary>
internal struct RelevantCursor(double threshold, int ties, bool all)
{
    private int _ties = ties;

    public readonly double Threshold => threshold;
    public readonly bool All => all;

    public bool IsRelevant(double absG)
    {
        if (all || absG > threshold) return true;
        if (absG == threshold && _ties > 0) { _ties--; return true; }
        return false;
    }

    /// <summary>Ties still to hand out (for handing the cursor over between a vector loop and its scalar tail).</summary>
    public readonly int TiesLeft => _ties;

    /// <summary>Whether a vector loop must still look for ties of the threshold: some are left, and T &lt; n.</summary>
    public readonly bool HasTiesLeft => !all && _ties > 0;
}
