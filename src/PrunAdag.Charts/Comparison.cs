namespace PrunAdag.Charts;

/// <summary>
/// Several runs to be shown together (the paper's Fig. 4 layout: ‖g_k‖ and % of components below δ
/// per method, overlaid), optionally with the pruning profiles of their solutions.
/// </summary>
/// <param name="Results">The runs, in legend order (at least one).</param>
/// <param name="Profiles">Optional pruning profiles (one per run, or any set to overlay).</param>
/// <param name="Title">Optional heading, e.g. the problem's name.</param>
public sealed record Comparison(IReadOnlyList<MinimizationResult> Results, IReadOnlyList<PruningProfile>? Profiles = null, string? Title = null)
{
    /// <summary>The runs, in legend order (at least one, none null).</summary>
    public IReadOnlyList<MinimizationResult> Results { get; init; } = CheckResults(Results);

    private static IReadOnlyList<MinimizationResult> CheckResults(IReadOnlyList<MinimizationResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        if (results.Count == 0) throw new ArgumentException("A comparison needs at least one result.", nameof(Results));
        for (int i = 0; i < results.Count; i++)
            if (results[i] is null) throw new ArgumentException($"Results[{i}] is null.", nameof(Results));
        return results;
    }

    /// <summary>A comparison of <paramref name="results"/> with no profiles.</summary>
    public static Comparison Of(params MinimizationResult[] results) => new(results);

    /// <inheritdoc/>
    public override string ToString() =>
        (Title is null ? "" : Title + Environment.NewLine) + string.Join(Environment.NewLine, Results.Select(r => r.ToString()));
}
