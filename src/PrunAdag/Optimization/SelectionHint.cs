namespace PrunAdag;

/// <summary>What <see cref="RelevantSet.Find(ReadOnlySpan{double}, int, Span{double}, ref SelectionHint)"/> remembers between calls.</summary>
internal struct SelectionHint
{
    public bool Valid;
    public double Threshold;
    /// <summary>The bracket is [Threshold / Factor, Threshold · Factor].</summary>
    public double Factor;
}
