namespace PrunAdag;

/// <summary>The cut defining R_k (see RelevantSet.Find).</summary>
internal readonly struct RelevantCut(double threshold, int tiesToTake, bool all)
{
    public double Threshold { get; } = threshold;
    public int TiesToTake { get; } = tiesToTake;
    public bool All { get; } = all;

    /// <summary>A cursor to be asked once per index, in increasing index order.</summary>
    public RelevantCursor Cursor() => new(Threshold, TiesToTake, All);
}
