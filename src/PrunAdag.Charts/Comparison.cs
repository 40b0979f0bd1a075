namespace PrunAdag.Charts;

/// <summary>
/// Several runs to be shown together (the paper's Fig. 4 layout: ‖g_k‖ and % of components below δ
/// per method, overlaid; Fig. 2: the set sizes per prunAdag run), optionally with the pruning profiles
/// of their solutions (shown as method × σ tables of ρ and ω; long form from <see cref="PruningCsv"/>).
/// </summary>
/// <param name="Results">The runs, in legend order (at least one).</param>
/// <param name="Profiles">Optional pruning profiles (one per run, or any set to overlay).</param>
/// <param name="Title">Optional heading, e.g. the problem's name.</param>
public sealed record Comparison(IReadOnlyList<MinimizationResult> Results, IReadOnlyList<PruningProfile>? Profiles = null, string? Title = null)
{
    /// <summary>The runs, in legend order (at least one, none null; checked also when set by <c>with</c>).</summary>
    public IReadOnlyList<MinimizationResult> Results { get; init => field = CheckResults(value); } = CheckResults(Results);

    /// <summary>
    /// <see cref="Profiles"/> as the displays label them: a profile of run i that carries only its method's name (the
    /// default of <c>PruningProfile</c>) takes that run's legend label (e.g. "prunAdag-V3 (T = 5)"), and labels that are
    /// still alike get "#2", "#3": each curve, table row and CSV row can be told apart. Null without profiles.
    /// </summary>
    internal IReadOnlyList<PruningProfile>? LabelledProfiles
    {
        get
        {
            if (Profiles is not { Count: > 0 } list) return null;
            var relabelled = list.Select((p, i) => list.Count == Results.Count && p.Label == Results[i].Method.DisplayName
                ? p with { Label = Figures.Label(Results[i], Results) } : p).ToList();
            return PruningLabels.Distinct(relabelled);
        }
    }

    private static IReadOnlyList<MinimizationResult> CheckResults(IReadOnlyList<MinimizationResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        if (results.Count == 0) throw new ArgumentException("A comparison needs at least one result.", nameof(Results));
        for (int i = 0; i < results.Count; i++)
            if (results[i] is null) throw new ArgumentException($"Results[{i}] is null.", nameof(Results));
        return results;
    }

    /// <summary>
    /// The pruning profiles in long form as CSV: header <c>profile,sigma,achieved_sparsity,rho,omega,accuracy</c>,
    /// then one row per profile and σ (fractions, round-trip numbers, an empty accuracy when none was
    /// measured). Only the header when the comparison has no profiles. The HTML display shows the same
    /// numbers as method × σ tables and links this file.
    /// </summary>
    public string PruningCsv() => PruningCsvWriter.Write(LabelledProfiles ?? []);

    /// <summary>Writes <see cref="PruningCsv"/> to <paramref name="path"/> (UTF-8), creating the folder if needed; returns the full path.</summary>
    public string SavePruningCsv(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        string full = Path.GetFullPath(path);
        if (Path.GetDirectoryName(full) is { Length: > 0 } dir) Directory.CreateDirectory(dir);
        File.WriteAllText(full, PruningCsv(), new System.Text.UTF8Encoding(false));
        return full;
    }

    /// <summary>A comparison of <paramref name="results"/> with no profiles.</summary>
    public static Comparison Of(params MinimizationResult[] results) => new(results);

    /// <inheritdoc/>
    public override string ToString() =>
        (Title is null ? "" : Title + Environment.NewLine) + string.Join(Environment.NewLine, Results.Select(r => r.ToString()));
}

/// <summary>Labels that tell profiles apart.</summary>
internal static class PruningLabels
{
    /// <summary>The profiles with "#2", "#3", … appended to the second and later of labels that are alike (the first keeps its own).</summary>
    public static IReadOnlyList<PruningProfile> Distinct(IReadOnlyList<PruningProfile> profiles)
    {
        var counts = profiles.GroupBy(p => p.Label, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet(StringComparer.Ordinal);
        if (counts.Count == 0) return profiles;
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        return profiles.Select(p =>
        {
            if (!counts.Contains(p.Label)) return p;
            int n = seen[p.Label] = seen.GetValueOrDefault(p.Label) + 1;
            return n == 1 ? p : p with { Label = $"{p.Label} #{n}" };
        }).ToList();
    }
}
