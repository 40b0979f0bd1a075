using Plotly.NET;
using Plotly.NET.LayoutObjects;
using CChart = Plotly.NET.CSharp.Chart;

namespace PrunAdag.Charts;

/// <summary>
/// Charts of mini-batch training runs (docs/algorithm.md E5): the values an evaluation hook recorded against the epoch,
/// test accuracy against σ with the spread over seeds, |O_k|/|D_k| against k, and the sparsity of each block of a
/// parameter layout. Each takes runs or profiles of several seeds and draws the mean with a min–max band.
/// </summary>
public static class NeuralCharts
{
    /// <summary>
    /// The evaluation value <paramref name="name"/> (e.g. "test accuracy") against the epoch: for each label the mean over
    /// its traces (seeds) with a min–max band. Traces of one label must share their evaluation epochs (runs of one plan do).
    /// </summary>
    /// <exception cref="ArgumentException">No series, a series without traces, or traces that do not hold <paramref name="name"/>.</exception>
    public static GenericChart Evaluation(IEnumerable<(string Label, IReadOnlyList<EvaluationTrace> Traces)> series, string name)
    {
        ArgumentNullException.ThrowIfNull(series);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var list = series.ToList();
        if (list.Count == 0) throw new ArgumentException("At least one series is needed.", nameof(series));
        var parts = new List<GenericChart>();
        foreach (var (label, traces) in list)
        {
            if (traces is null || traces.Count == 0) throw new ArgumentException($"The series '{label}' has no trace.", nameof(series));
            if (traces.Any(t => !t.Contains(name))) throw new ArgumentException($"A trace of '{label}' holds no value '{name}'.", nameof(series));
            int count = traces.Min(t => t.Count);
            var epochs = traces[0].Epochs.Take(count).ToArray();
            var columns = traces.Select(t => t[name]).ToList();
            parts.Add(Band(epochs, columns, count, label, traces.Count));
        }
        return Style(CChart.Combine(parts), $"{Capitalised(name)} against the epoch (mean, min–max over seeds)", "epoch", name);
    }

    /// <summary>
    /// Test accuracy (%) against σ (%): for each label the mean over its profiles (seeds) with a min–max band. The profiles
    /// of one label must share their σ grid.
    /// </summary>
    /// <exception cref="ArgumentException">No series, an empty series, or profiles without accuracy.</exception>
    public static GenericChart AccuracyAgainstSparsity(IEnumerable<(string Label, IReadOnlyList<PruningProfile> Profiles)> series)
    {
        ArgumentNullException.ThrowIfNull(series);
        var list = series.ToList();
        if (list.Count == 0) throw new ArgumentException("At least one series is needed.", nameof(series));
        var parts = new List<GenericChart>();
        foreach (var (label, profiles) in list)
        {
            if (profiles is null || profiles.Count == 0) throw new ArgumentException($"The series '{label}' has no profile.", nameof(series));
            if (profiles.Any(p => p.Points.Any(q => q.Accuracy is null))) throw new ArgumentException($"A profile of '{label}' has no accuracy.", nameof(series));
            int count = profiles.Min(p => p.Points.Count);
            var sigma = profiles[0].Points.Take(count).Select(q => 100 * q.TargetSparsity).ToArray();
            var columns = profiles.Select(p => (IReadOnlyList<double>)p.Points.Select(q => 100 * q.Accuracy!.Value).ToArray()).ToList();
            parts.Add(Band(sigma, columns, count, label, profiles.Count));
        }
        return Style(CChart.Combine(parts), "Test accuracy against σ (mean, min–max over seeds)", "σ (% of the prunable weights pruned)", "test accuracy (%)");
    }

    /// <summary>|O_k| / |D_k| against k for a run of a method that classifies components; null otherwise.</summary>
    public static GenericChart? OptimisableOverDecreasable(MinimizationResult result, int maxPoints = Downsampling.DefaultMaxPoints)
    {
        ArgumentNullException.ThrowIfNull(result);
        var t = result.Trace;
        if (t.Optimisable is null || t.Decreasable is null || t.Optimisable.Count == 0) return null;
        var idx = Downsampling.Indices(t.Optimisable.Count, maxPoints);
        var ratio = idx.Select(k => t.Decreasable[k] == 0 ? double.NaN : (double)t.Optimisable[k] / t.Decreasable[k]).ToArray();
        return Style(CChart.Line<int, double, string>(idx, ratio, Name: result.Method.DisplayName),
            $"|O_k| / |D_k| of {result.Method.DisplayName}", "k", "|O_k| / |D_k|");
    }

    /// <summary>The sparsity (% zeros) of each prunable block, one group of columns per label (e.g. per method at σ = 90 %).</summary>
    /// <exception cref="ArgumentException">No series.</exception>
    public static GenericChart BlockSparsity(IEnumerable<(string Label, LayoutSparsity Sparsity)> series, string title)
    {
        ArgumentNullException.ThrowIfNull(series);
        var list = series.ToList();
        if (list.Count == 0) throw new ArgumentException("At least one series is needed.", nameof(series));
        var columns = list.Select(s =>
        {
            var blocks = s.Sparsity.Blocks.Where(b => b.Prunable).ToArray();
            return CChart.Column<double, string, string>(blocks.Select(b => 100 * b.Sparsity), Keys: blocks.Select(b => b.Name).ToArray(), Name: s.Label);
        });
        return Style(CChart.Combine(columns), title, "block", "zeros (%)");
    }

    private static GenericChart Band(double[] x, IReadOnlyList<IReadOnlyList<double>> columns, int count, string label, int seeds)
    {
        var mean = new double[count]; var min = new double[count]; var max = new double[count];
        for (int j = 0; j < count; j++)
        {
            var at = columns.Select(c => c[j]).ToArray();
            mean[j] = at.Average(); min[j] = at.Min(); max[j] = at.Max();
        }
        string name = seeds > 1 ? $"{label} (mean of {seeds})" : label;
        return CChart.Range<double, double, string>(x, mean, max, min, StyleParam.Mode.Lines_Markers, Name: name, ShowLegend: true);
    }

    private static string Capitalised(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..];

    private static GenericChart Style(GenericChart chart, string title, string xTitle, string yTitle)
    {
        chart = Plotly.NET.CSharp.GenericChartExtensions.WithXAxisStyle<double, double, string>(chart, TitleText: xTitle);
        chart = Plotly.NET.CSharp.GenericChartExtensions.WithYAxisStyle<double, double, string>(chart, TitleText: yTitle);
        var layout = GenericChart.getLayout(chart);
        var t = new Title();
        t.SetProperty("text", title);
        layout.SetProperty("title", t);
        layout.SetProperty("height", 380);
        return GenericChart.setLayout(layout, chart);
    }
}
