using Plotly.NET;

namespace PrunAdag.Charts;

/// <summary>
/// Plotly.NET figures of prunAdag results, comparisons, pruning profiles and gradient checks, laid out
/// like the paper's figures where it has them (Fig. 4: ‖g_k‖ and % below δ side by side; Fig. 2: |O_k|,
/// |A_k|, |D_k| per variant). Every figure is a plain <see cref="GenericChart"/> with no fixed width: it
/// fills its container (a notebook cell, a report column), its legend sits below the plot area with full
/// trace names, log axes read 10⁻⁶, and a value of exactly 0 on a log axis is a marker at the axis floor.
/// Show it with any Plotly.NET tool, or render it offline with <see cref="HtmlReport"/>. Long traces are
/// downsampled (see <see cref="Downsampling"/>).
/// </summary>
public static class Figures
{
    /// <summary>‖g_k‖ against k (log y) for one or several runs.</summary>
    public static GenericChart GradientNorm(IEnumerable<MinimizationResult> results, int maxPoints = Downsampling.DefaultMaxPoints)
    {
        var list = NonEmpty(results, nameof(results));
        var fig = new FigureBuilder("‖g_k‖ against k");
        AddGradientNorms(fig.AddPanel(null, "k", "‖g_k‖", logY: true), list, maxPoints);
        return fig.Build(1, PanelHeight);
    }

    /// <summary>‖g_k‖ against k (log y) for one run.</summary>
    public static GenericChart GradientNorm(MinimizationResult result, int maxPoints = Downsampling.DefaultMaxPoints) =>
        GradientNorm([result], maxPoints);

    /// <summary>% of components with |x_i| &lt; δ against k for one or several runs.</summary>
    public static GenericChart BelowDelta(IEnumerable<MinimizationResult> results, int maxPoints = Downsampling.DefaultMaxPoints)
    {
        var list = NonEmpty(results, nameof(results));
        var fig = new FigureBuilder(BelowDeltaTitle(list));
        AddBelowDelta(fig.AddPanel(null, "k", "% below δ", logY: false), list, maxPoints);
        return fig.Build(1, PanelHeight);
    }

    /// <summary>% of components with |x_i| &lt; δ against k for one run.</summary>
    public static GenericChart BelowDelta(MinimizationResult result, int maxPoints = Downsampling.DefaultMaxPoints) =>
        BelowDelta([result], maxPoints);

    /// <summary>
    /// The paper's Fig. 4 layout: ‖g_k‖ (log y) and the % of components below δ against k, side by side in
    /// one figure, every run in both panels under one legend entry.
    /// </summary>
    public static GenericChart Comparison(IEnumerable<MinimizationResult> results, int maxPoints = Downsampling.DefaultMaxPoints)
    {
        var list = NonEmpty(results, nameof(results));
        var fig = new FigureBuilder(null);
        AddGradientNorms(fig.AddPanel("‖g_k‖ against k", "k", "‖g_k‖", logY: true), list, maxPoints);
        AddBelowDelta(fig.AddPanel(BelowDeltaTitle(list), "k", "% below δ", logY: false), list, maxPoints);
        return fig.Build(2, PanelHeight);
    }

    /// <summary>|O_k|, |A_k| and |D_k| against k; null when the run's method does not classify components (Adagrad, Frank–Wolfe).</summary>
    public static GenericChart? SetSizes(MinimizationResult result, int maxPoints = Downsampling.DefaultMaxPoints)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (!Classifies(result)) return null;
        var fig = new FigureBuilder($"Set sizes of {result.Method.DisplayName}");
        AddSetSizes(fig.AddPanel(null, "k", "components", logY: false), result, maxPoints);
        return fig.Build(1, PanelHeight);
    }

    /// <summary>
    /// The paper's Fig. 2 layout: one panel of |O_k|, |A_k| and |D_k| against k per run that classifies
    /// components (the prunAdag variants), titled by the run, under one shared legend; null when no run does.
    /// </summary>
    public static GenericChart? SetSizes(IEnumerable<MinimizationResult> results, int maxPoints = Downsampling.DefaultMaxPoints)
    {
        var all = NonEmpty(results, nameof(results));
        var list = all.Where(Classifies).ToList();
        if (list.Count == 0) return null;
        var fig = new FigureBuilder(list.Count == 1 ? $"Set sizes of {Label(list[0], all)}" : "Set sizes |O_k|, |A_k|, |D_k| per run");
        foreach (var r in list)
            AddSetSizes(fig.AddPanel(list.Count == 1 ? null : Label(r, all), "k", "components", logY: false), r, maxPoints);
        int columns = list.Count switch { 1 => 1, 2 => 2, 4 => 2, _ => 3 };
        return fig.Build(columns, list.Count == 1 ? PanelHeight : GridPanelHeight);
    }

    /// <summary>The figures of one run: ‖g_k‖ and % below δ side by side, then its set sizes when the trace has them.</summary>
    public static IReadOnlyList<GenericChart> Convergence(MinimizationResult result, int maxPoints = Downsampling.DefaultMaxPoints)
    {
        ArgumentNullException.ThrowIfNull(result);
        var charts = new List<GenericChart> { Comparison([result], maxPoints) };
        if (SetSizes(result, maxPoints) is { } sets) charts.Add(sets);
        return charts;
    }

    /// <summary>
    /// The figures of a comparison: Fig. 4 (‖g_k‖ and % below δ of every run), Fig. 2 (set sizes per
    /// prunAdag run) when any run classifies components, then the pruning figures when it has profiles.
    /// </summary>
    public static IReadOnlyList<GenericChart> Comparison(Comparison comparison, int maxPoints = Downsampling.DefaultMaxPoints)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        var charts = new List<GenericChart> { Comparison(comparison.Results, maxPoints) };
        if (SetSizes(comparison.Results, maxPoints) is { } sets) charts.Add(sets);
        if (comparison.LabelledProfiles is { } p) charts.AddRange(Pruning(p));
        return charts;
    }

    /// <summary>
    /// Pruning figures of one or several profiles: ρ and ω against σ (log y; a value of exactly 0 is a
    /// marker at the axis floor), accuracy against σ when any point has one, and achieved against target
    /// sparsity (with the diagonal).
    /// </summary>
    public static IReadOnlyList<GenericChart> Pruning(IEnumerable<PruningProfile> profiles)
    {
        ArgumentNullException.ThrowIfNull(profiles);
        var given = profiles.ToList();
        if (given.Count == 0) throw new ArgumentException("At least one pruning profile is needed.", nameof(profiles));
        if (given.Any(p => p is null)) throw new ArgumentException("A pruning profile is null.", nameof(profiles));
        var list = PruningLabels.Distinct(given); // one legend entry per curve
        static double[] Sigma(PruningProfile p) => p.Points.Select(q => 100 * q.TargetSparsity).ToArray();

        GenericChart Measure(string title, string yTitle, string hover, bool log, Func<PruningPoint, double> value)
        {
            var fig = new FigureBuilder(title);
            var panel = fig.AddPanel(null, "σ (% pruned)", yTitle, log);
            for (int i = 0; i < list.Count; i++)
                panel.Add(list[i].Label, Color(i), Sigma(list[i]), list[i].Points.Select(value).ToArray(), mode: "lines+markers", hoverY: hover);
            return fig.Build(1, PanelHeight);
        }

        var charts = new List<GenericChart> { Measure("ρ = ‖∇f(x_σ)‖ against σ", "ρ", "ρ", log: true, q => q.Rho) };
        if (list.Any(p => p.Points.Any(q => double.IsFinite(q.Omega))))
            charts.Add(Measure("ω = √|f(x_σ) − f(x)| against σ", "ω", "ω", log: true, q => q.Omega));
        if (list.Any(p => p.Points.Any(q => q.Accuracy is not null)))
            charts.Add(Measure("Test accuracy against σ", "accuracy (%)", "accuracy (%)", log: false, q => q.Accuracy is { } a ? 100 * a : double.NaN));

        var achieved = new FigureBuilder("Achieved against target sparsity");
        var panel = achieved.AddPanel(null, "target σ (%)", "achieved sparsity (%)", logY: false);
        for (int i = 0; i < list.Count; i++)
            panel.Add(list[i].Label, Color(i), Sigma(list[i]), list[i].Points.Select(q => 100 * q.AchievedSparsity).ToArray(), mode: "lines+markers");
        panel.Add("achieved = target", "#888888", [0.0, 100.0], [0.0, 100.0], dash: "dash");
        charts.Add(achieved.Build(1, PanelHeight));
        return charts;
    }

    /// <summary>Pruning figures of one profile.</summary>
    public static IReadOnlyList<GenericChart> Pruning(PruningProfile profile) => Pruning([profile]);

    /// <summary>Analytic against numeric gradient per checked component; flagged components highlighted.</summary>
    public static GenericChart GradientCheck(GradientCheckReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var comps = report.Components;
        var fig = new FigureBuilder($"Gradient check: {(report.Passed ? "passed" : $"{report.Flagged.Count} flagged")}");
        var panel = fig.AddPanel(null, "component i", "∂f/∂x_i", logY: false);
        double[] idx = comps.Select(c => (double)c.Index).ToArray();
        panel.Add("analytic", Color(0), idx, comps.Select(c => c.Analytic).ToArray(), mode: "markers");
        panel.Add("numeric (central differences)", Color(1), idx, comps.Select(c => c.Numeric).ToArray(), mode: "markers");
        var flagged = report.Flagged;
        if (flagged.Count > 0)
            panel.Add($"flagged ({flagged.Count})", "#d62728", flagged.Select(c => (double)c.Index).ToArray(), flagged.Select(c => c.Analytic).ToArray(), mode: "markers");
        return fig.Build(1, PanelHeight);
    }

    /// <summary>The plot height of a single-panel figure, px (the legend and titles add to it).</summary>
    private const int PanelHeight = 300;

    /// <summary>The plot height of each panel of a grid of set-size panels, px.</summary>
    private const int GridPanelHeight = 220;

    private static void AddGradientNorms(FigureBuilder.Panel panel, List<MinimizationResult> list, int maxPoints)
    {
        for (int i = 0; i < list.Count; i++)
        {
            var r = list[i];
            var idx = Downsampling.Indices(r.Trace.GradientNorm.Count, maxPoints);
            panel.Add(Label(r, list), Color(i), idx.Select(k => (double)k).ToArray(), Downsampling.Take(r.Trace.GradientNorm, idx));
        }
    }

    private static void AddBelowDelta(FigureBuilder.Panel panel, List<MinimizationResult> list, int maxPoints)
    {
        for (int i = 0; i < list.Count; i++)
        {
            var r = list[i];
            var idx = Downsampling.Indices(r.Trace.BelowDelta.Count, maxPoints);
            panel.Add(Label(r, list), Color(i), idx.Select(k => (double)k).ToArray(),
                Downsampling.Take(r.Trace.BelowDelta, idx).Select(v => 100 * v).ToArray(), showLegend: true);
        }
    }

    private static void AddSetSizes(FigureBuilder.Panel panel, MinimizationResult r, int maxPoints)
    {
        var t = r.Trace;
        var idx = Downsampling.Indices(t.Optimisable!.Count, maxPoints);
        double[] k = idx.Select(i => (double)i).ToArray();
        panel.Add("|O_k| (optimisable)", Color(0), k, Downsampling.Take(t.Optimisable, idx), hoverY: "|O_k|");
        panel.Add("|A_k| (acceptable)", Color(1), k, Downsampling.Take(t.Acceptable!, idx), hoverY: "|A_k|");
        panel.Add("|D_k| (decreasable)", Color(2), k, Downsampling.Take(t.Decreasable!, idx), hoverY: "|D_k|");
    }

    private static bool Classifies(MinimizationResult r) =>
        r.Trace is { Optimisable: { Count: > 0 }, Acceptable: not null, Decreasable: not null };

    // One δ for all runs in the title; runs with different δ each name theirs.
    private static string BelowDeltaTitle(List<MinimizationResult> list) =>
        list.Select(r => r.Trace.Delta).Distinct().Count() == 1
            ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"% of |x_i| < δ = {list[0].Trace.Delta:G3}")
            : "% of |x_i| < δ, δ = " + string.Join(", ", list.Select(r => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{r.Trace.Delta:G3} ({Label(r, list)})")));

    private static string Color(int i) => FigureBuilder.Palette[i % FigureBuilder.Palette.Length];

    private static List<MinimizationResult> NonEmpty(IEnumerable<MinimizationResult> results, string name)
    {
        ArgumentNullException.ThrowIfNull(results, name);
        var list = results.ToList();
        if (list.Count == 0) throw new ArgumentException("At least one result is needed.", name);
        if (list.Any(r => r is null)) throw new ArgumentException("A result is null.", name);
        return list;
    }

    /// <summary>The legend label of a run: the method, plus T when runs of one method are overlaid.</summary>
    internal static string Label(MinimizationResult r, IReadOnlyList<MinimizationResult> all)
    {
        string name = r.Method.DisplayName;
        var same = all.Where(o => o.Method == r.Method).ToList();
        if (same.Count == 1) return name;
        // Runs of one method: told apart by T when their T differ, else by their position.
        bool distinctT = same.Select(o => o.TargetRelevant).Distinct().Count() == same.Count;
        return distinctT ? $"{name} (T = {r.TargetRelevant})" : $"{name} (T = {r.TargetRelevant}, #{same.FindIndex(o => ReferenceEquals(o, r)) + 1})";
    }
}
