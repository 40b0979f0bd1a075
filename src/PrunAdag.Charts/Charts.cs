using Plotly.NET;
using Plotly.NET.LayoutObjects;
using CChart = Plotly.NET.CSharp.Chart;

namespace PrunAdag.Charts;

/// <summary>
/// Plotly.NET charts of prunAdag results, comparisons, pruning profiles and gradient checks.
/// Every chart is a plain <see cref="GenericChart"/>: show it with any Plotly.NET tool, or render
/// it offline with <see cref="HtmlReport"/>. Long traces are downsampled (see <see cref="Downsampling"/>).
/// </summary>
public static class Charts
{
    /// <summary>‖g_k‖ against k (log y) for one or several runs.</summary>
    public static GenericChart GradientNorm(IEnumerable<MinimizationResult> results, int maxPoints = Downsampling.DefaultMaxPoints)
    {
        var list = NonEmpty(results, nameof(results));
        var lines = list.Select(r =>
        {
            var idx = Downsampling.Indices(r.Trace.GradientNorm.Count, maxPoints);
            return CChart.Line<int, double, string>(idx, Downsampling.Take(r.Trace.GradientNorm, idx), Name: Label(r, list));
        });
        return Style(CChart.Combine(lines), "‖g_k‖ against k", "k", "‖g_k‖", logY: true);
    }

    /// <summary>‖g_k‖ against k (log y) for one run.</summary>
    public static GenericChart GradientNorm(MinimizationResult result, int maxPoints = Downsampling.DefaultMaxPoints) =>
        GradientNorm([result], maxPoints);

    /// <summary>% of components with |x_i| &lt; δ against k for one or several runs.</summary>
    public static GenericChart BelowDelta(IEnumerable<MinimizationResult> results, int maxPoints = Downsampling.DefaultMaxPoints)
    {
        var list = NonEmpty(results, nameof(results));
        var lines = list.Select(r =>
        {
            var idx = Downsampling.Indices(r.Trace.BelowDelta.Count, maxPoints);
            return CChart.Line<int, double, string>(idx, Downsampling.Take(r.Trace.BelowDelta, idx).Select(v => 100 * v), Name: Label(r, list));
        });
        double delta = list[0].Trace.Delta;
        return Style(CChart.Combine(lines), $"% of components with |x_i| < δ = {delta:G3}", "k", "% below δ", logY: false);
    }

    /// <summary>% of components with |x_i| &lt; δ against k for one run.</summary>
    public static GenericChart BelowDelta(MinimizationResult result, int maxPoints = Downsampling.DefaultMaxPoints) =>
        BelowDelta([result], maxPoints);

    /// <summary>|O_k|, |A_k| and |D_k| against k; null when the run's method does not classify components (Adagrad, Frank–Wolfe).</summary>
    public static GenericChart? SetSizes(MinimizationResult result, int maxPoints = Downsampling.DefaultMaxPoints)
    {
        ArgumentNullException.ThrowIfNull(result);
        var t = result.Trace;
        if (t.Optimisable is null || t.Acceptable is null || t.Decreasable is null || t.Optimisable.Count == 0) return null;
        var idx = Downsampling.Indices(t.Optimisable.Count, maxPoints);
        var lines = new[]
        {
            CChart.Line<int, double, string>(idx, Downsampling.Take(t.Optimisable, idx), Name: "|O_k| (optimisable)"),
            CChart.Line<int, double, string>(idx, Downsampling.Take(t.Acceptable, idx), Name: "|A_k| (acceptable)"),
            CChart.Line<int, double, string>(idx, Downsampling.Take(t.Decreasable, idx), Name: "|D_k| (decreasable)"),
        };
        return Style(CChart.Combine(lines), $"Set sizes of {result.Method.DisplayName}", "k", "components", logY: false);
    }

    /// <summary>The charts of one run: ‖g_k‖, % below δ, and the set sizes when the trace has them.</summary>
    public static IReadOnlyList<GenericChart> Convergence(MinimizationResult result, int maxPoints = Downsampling.DefaultMaxPoints)
    {
        ArgumentNullException.ThrowIfNull(result);
        var charts = new List<GenericChart> { GradientNorm(result, maxPoints), BelowDelta(result, maxPoints) };
        if (SetSizes(result, maxPoints) is { } sets) charts.Add(sets);
        return charts;
    }

    /// <summary>The paper's Fig. 4 layout: ‖g_k‖ and % below δ of every run, overlaid.</summary>
    public static IReadOnlyList<GenericChart> Comparison(IEnumerable<MinimizationResult> results, int maxPoints = Downsampling.DefaultMaxPoints)
    {
        var list = NonEmpty(results, nameof(results));
        return [GradientNorm(list, maxPoints), BelowDelta(list, maxPoints)];
    }

    /// <summary>The charts of a comparison: the overlaid runs, then the pruning charts when it has profiles.</summary>
    public static IReadOnlyList<GenericChart> Comparison(Comparison comparison, int maxPoints = Downsampling.DefaultMaxPoints)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        var charts = Comparison(comparison.Results, maxPoints).ToList();
        if (comparison.Profiles is { Count: > 0 } p) charts.AddRange(Pruning(p));
        return charts;
    }

    /// <summary>
    /// Pruning charts of one or several profiles: ρ and ω against σ (log y), accuracy against σ when
    /// any point has one, and achieved against target sparsity (with the diagonal).
    /// </summary>
    public static IReadOnlyList<GenericChart> Pruning(IEnumerable<PruningProfile> profiles)
    {
        ArgumentNullException.ThrowIfNull(profiles);
        var list = profiles.ToList();
        if (list.Count == 0) throw new ArgumentException("At least one pruning profile is needed.", nameof(profiles));
        if (list.Any(p => p is null)) throw new ArgumentException("A pruning profile is null.", nameof(profiles));
        static double[] Sigma(PruningProfile p) => p.Points.Select(q => 100 * q.TargetSparsity).ToArray();

        var charts = new List<GenericChart>
        {
            Style(CChart.Combine(list.Select(p => CChart.Line<double, double, string>(Sigma(p), p.Points.Select(q => q.Rho), ShowMarkers: true, Name: p.Label))),
                "ρ = ‖∇f(x_σ)‖ against σ", "σ (% pruned)", "ρ", logY: true),
        };
        if (list.Any(p => p.Points.Any(q => double.IsFinite(q.Omega))))
            charts.Add(Style(CChart.Combine(list.Select(p => CChart.Line<double, double, string>(Sigma(p), p.Points.Select(q => q.Omega), ShowMarkers: true, Name: p.Label))),
                "ω = √|f(x_σ) − f(x)| against σ", "σ (% pruned)", "ω", logY: true));
        if (list.Any(p => p.Points.Any(q => q.Accuracy is not null)))
            charts.Add(Style(CChart.Combine(list.Select(p => CChart.Line<double, double, string>(Sigma(p),
                    p.Points.Select(q => q.Accuracy is { } a ? 100 * a : double.NaN), ShowMarkers: true, Name: p.Label))),
                "Test accuracy against σ", "σ (% pruned)", "accuracy (%)", logY: false));
        var diagonal = CChart.Line<double, double, string>([0.0, 100.0], [0.0, 100.0], Name: "achieved = target");
        charts.Add(Style(CChart.Combine(list.Select(p => CChart.Line<double, double, string>(Sigma(p),
                p.Points.Select(q => 100 * q.AchievedSparsity), ShowMarkers: true, Name: p.Label)).Append(diagonal)),
            "Achieved against target sparsity", "target σ (%)", "achieved sparsity (%)", logY: false));
        return charts;
    }

    /// <summary>Pruning charts of one profile.</summary>
    public static IReadOnlyList<GenericChart> Pruning(PruningProfile profile) => Pruning([profile]);

    /// <summary>Analytic against numeric gradient per checked component; flagged components highlighted.</summary>
    public static GenericChart GradientCheck(GradientCheckReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var comps = report.Components;
        var idx = comps.Select(c => c.Index).ToArray();
        var parts = new List<GenericChart>
        {
            CChart.Scatter<int, double, string>(idx, comps.Select(c => c.Analytic), StyleParam.Mode.Markers, Name: "analytic"),
            CChart.Scatter<int, double, string>(idx, comps.Select(c => c.Numeric), StyleParam.Mode.Markers, Name: "numeric (central differences)"),
        };
        var flagged = report.Flagged;
        if (flagged.Count > 0)
            parts.Add(CChart.Scatter<int, double, string>(flagged.Select(c => c.Index), flagged.Select(c => c.Analytic), StyleParam.Mode.Markers,
                Name: $"flagged ({flagged.Count})", MarkerColor: Color.fromString("red"),
                MarkerSymbol: StyleParam.MarkerSymbol.X));
        return Style(CChart.Combine(parts), $"Gradient check of {report.ObjectiveName}: " + (report.Passed ? "passed" : $"{flagged.Count} flagged"),
            "component i", "∂f/∂x_i", logY: false);
    }

    private static List<MinimizationResult> NonEmpty(IEnumerable<MinimizationResult> results, string name)
    {
        ArgumentNullException.ThrowIfNull(results, name);
        var list = results.ToList();
        if (list.Count == 0) throw new ArgumentException("At least one result is needed.", name);
        if (list.Any(r => r is null)) throw new ArgumentException("A result is null.", name);
        return list;
    }

    /// <summary>The legend label of a run: the method, plus T when runs of one method with different T are overlaid.</summary>
    internal static string Label(MinimizationResult r, IReadOnlyList<MinimizationResult> all)
    {
        string name = r.Method.DisplayName;
        int same = all.Count(o => o.Method == r.Method);
        return same > 1 ? $"{name} (T = {r.TargetRelevant}, #{all.ToList().IndexOf(r) + 1})" : name;
    }

    private static GenericChart Style(GenericChart chart, string title, string xTitle, string yTitle, bool logY)
    {
        chart = Plotly.NET.CSharp.GenericChartExtensions.WithXAxisStyle<double, double, string>(chart, TitleText: xTitle);
        chart = logY
            ? Plotly.NET.CSharp.GenericChartExtensions.WithYAxisStyle<double, double, string>(chart, TitleText: yTitle, AxisType: StyleParam.AxisType.Log)
            : Plotly.NET.CSharp.GenericChartExtensions.WithYAxisStyle<double, double, string>(chart, TitleText: yTitle);
        var layout = GenericChart.getLayout(chart);
        var t = new Title();
        t.SetProperty("text", title);
        layout.SetProperty("title", t);
        layout.SetProperty("height", 380);
        return GenericChart.setLayout(layout, chart);
    }
}
