using Plotly.NET;

namespace PrunAdag.Charts;

/// <summary>
/// Charts of mini-batch training runs (docs/algorithm.md E5): the values an evaluation hook recorded against the epoch,
/// test accuracy against σ with the spread over seeds, |O_k|/|D_k| against k, and the sparsity of each block of a
/// parameter layout. Each takes runs or profiles of several seeds and draws the mean with a min–max band. They share the
/// layout of <see cref="Figures"/> (the legend below the plot, one colour per label in order, values that are not finite
/// left out as gaps).
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
        var bands = new List<(string, double[], IReadOnlyList<IReadOnlyList<double>>)>();
        foreach (var (label, traces) in list)
        {
            if (traces is null || traces.Count == 0) throw new ArgumentException($"The series '{label}' has no trace.", nameof(series));
            if (traces.Any(t => !t.Contains(name))) throw new ArgumentException($"A trace of '{label}' holds no value '{name}'.", nameof(series));
            int count = traces.Min(t => t.Count);
            bands.Add((label, traces[0].Epochs.Take(count).ToArray(), traces.Select(t => (IReadOnlyList<double>)t[name].Take(count).ToArray()).ToList()));
        }
        return Draw(bands, $"{Capitalised(name)} against the epoch", "epoch", name);
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
        var bands = new List<(string, double[], IReadOnlyList<IReadOnlyList<double>>)>();
        foreach (var (label, profiles) in list)
        {
            if (profiles is null || profiles.Count == 0) throw new ArgumentException($"The series '{label}' has no profile.", nameof(series));
            if (profiles.Any(p => p.Points.Any(q => q.Accuracy is null))) throw new ArgumentException($"A profile of '{label}' has no accuracy.", nameof(series));
            int count = profiles.Min(p => p.Points.Count);
            var sigma = profiles[0].Points.Take(count).Select(q => 100 * q.TargetSparsity).ToArray();
            bands.Add((label, sigma, profiles.Select(p => (IReadOnlyList<double>)p.Points.Take(count).Select(q => 100 * q.Accuracy!.Value).ToArray()).ToList()));
        }
        return Draw(bands, "Test accuracy against σ", "σ (% of the prunable weights pruned)", "test accuracy (%)");
    }

    /// <summary>|O_k| / |D_k| against k for a run of a method that classifies components; null otherwise.</summary>
    /// <remarks>An iteration with no decreasable component (|D_k| = 0) has no ratio: it is a gap in the line, and the title says so when every iteration is one.</remarks>
    public static GenericChart? OptimisableOverDecreasable(MinimizationResult result, int maxPoints = Downsampling.DefaultMaxPoints)
    {
        ArgumentNullException.ThrowIfNull(result);
        var t = result.Trace;
        if (t.Optimisable is null || t.Decreasable is null || t.Optimisable.Count == 0) return null;
        var idx = Downsampling.Indices(t.Optimisable.Count, maxPoints);
        var ratio = idx.Select(k => t.Decreasable[k] == 0 ? double.NaN : (double)t.Optimisable[k] / t.Decreasable[k]).ToArray();
        string title = $"|O_k| / |D_k| of {result.Method.DisplayName}" + (ratio.All(double.IsNaN) ? " (no component was decreasable: |D_k| = 0 throughout)" : "");
        var figure = new FigureBuilder(title);
        figure.AddPanel(null, "k", "|O_k| / |D_k|", logY: false)
            .Add(result.Method.DisplayName, FigureBuilder.Palette[0], idx.Select(k => (double)k).ToArray(), ratio);
        return figure.Build(1, 300);
    }

    /// <summary>The sparsity (% zeros) of each prunable block, one group of columns per label (e.g. per method at σ = 90 %).</summary>
    /// <exception cref="ArgumentException">No series.</exception>
    public static GenericChart BlockSparsity(IEnumerable<(string Label, LayoutSparsity Sparsity)> series, string title)
    {
        ArgumentNullException.ThrowIfNull(series);
        var list = series.ToList();
        if (list.Count == 0) throw new ArgumentException("At least one series is needed.", nameof(series));
        var figure = new FigureBuilder(title);
        var panel = figure.AddPanel(null, "block", "zeros (%)", logY: false);
        for (int i = 0; i < list.Count; i++)
        {
            var blocks = list[i].Sparsity.Blocks.Where(b => b.Prunable).ToArray();
            panel.AddBars(list[i].Label, Colour(i), blocks.Select(b => b.Name).ToArray(), blocks.Select(b => 100 * b.Sparsity).ToArray());
        }
        return figure.Build(1, 300);
    }

    // Each label: its mean as a line with markers, over its min–max band when it has several seeds; one colour per label.
    private static GenericChart Draw(List<(string Label, double[] X, IReadOnlyList<IReadOnlyList<double>> Columns)> bands, string what, string xTitle, string yTitle)
    {
        int most = bands.Max(b => b.Columns.Count), fewest = bands.Min(b => b.Columns.Count);
        string spread = most == 1 ? "" : most == fewest ? $" (mean, min–max over {most} seeds)" : " (mean, min–max over seeds)";
        var figure = new FigureBuilder(what + spread);
        var panel = figure.AddPanel(null, xTitle, yTitle, logY: false);
        for (int i = 0; i < bands.Count; i++)
        {
            var (label, x, columns) = bands[i];
            int count = x.Length;
            var mean = new double[count]; var min = new double[count]; var max = new double[count];
            for (int j = 0; j < count; j++)
            {
                var at = columns.Select(c => c[j]).ToArray();
                mean[j] = at.Average(); min[j] = at.Min(); max[j] = at.Max();
            }
            if (columns.Count > 1) panel.AddBand(label, Colour(i), x, min, max);
            panel.Add(columns.Count > 1 ? $"{label} (mean of {columns.Count})" : label, Colour(i), x, mean, mode: "lines+markers", legendGroup: label);
        }
        return figure.Build(1, 300);
    }

    private static string Colour(int i) => FigureBuilder.Palette[i % FigureBuilder.Palette.Length];

    private static string Capitalised(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..];
}
