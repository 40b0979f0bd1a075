using System.ComponentModel;
using Plotly.NET;

namespace PrunAdag.Charts;

/// <summary>
/// The former name of <see cref="Figures"/>. A class named like its namespace must be written
/// <c>PrunAdag.Charts.Charts</c> from code in the <c>PrunAdag</c> namespaces, so it was renamed; these
/// forwarders keep existing callers compiling.
/// </summary>
[Obsolete("Use PrunAdag.Charts.Figures: Charts was renamed because it clashed with its namespace.")]
[EditorBrowsable(EditorBrowsableState.Never)]
public static class Charts
{
    /// <summary>Fig. 4 of the runs as a one-figure list; use <see cref="Figures.Comparison(IEnumerable{MinimizationResult}, int)"/>.</summary>
    public static IReadOnlyList<GenericChart> Comparison(IEnumerable<MinimizationResult> results, int maxPoints = Downsampling.DefaultMaxPoints) =>
        [Figures.Comparison(results, maxPoints)];

    /// <summary>Use <see cref="Figures.SetSizes(MinimizationResult, int)"/>.</summary>
    public static GenericChart? SetSizes(MinimizationResult result, int maxPoints = Downsampling.DefaultMaxPoints) =>
        Figures.SetSizes(result, maxPoints);

    /// <summary>Use <see cref="Figures.Pruning(IEnumerable{PruningProfile})"/>.</summary>
    public static IReadOnlyList<GenericChart> Pruning(IEnumerable<PruningProfile> profiles) => Figures.Pruning(profiles);
}
