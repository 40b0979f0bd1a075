namespace PrunAdag;

/// <summary>The wording of parameters that several methods share, stated once.</summary>
internal static class SharedParameters
{
    public const string TargetRelevant = "T, the number of relevant components (default max(1, floor(n/10))).";
    public const string TargetRelevantRange = "in 1..n";
    public const string RelevantScope = "With a parameter layout: one relevant set over all prunable blocks (global), or one per prunable block (perblock).";
    public const string RelevantFraction = "T as a fraction of the components of each relevant set (instead of target-relevant).";
}
