namespace PrunAdag;

/// <summary>The wording of parameters that several methods share, stated once.</summary>
internal static class SharedParameters
{
    public const string TargetRelevant = "T, the number of relevant components (default max(1, floor(n/10))).";
    public const string TargetRelevantRange = "in 1..n";
}
