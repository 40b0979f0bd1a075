using System.Runtime.CompilerServices;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Formatting;
using PrunAdag.Charts;
using PrunAdag.Problems;

namespace PrunAdag.Interactive;

/// <summary>
/// The text/html and text/plain displays. HTML is <see cref="HtmlReport"/>'s fragment; plotly.js is
/// injected inline with the first display of a session (not once per chart), so every chart renders
/// with no network. Formatters are process-global in .NET Interactive.
/// </summary>
public static class Formatters
{
    private static int _registered;
    private static readonly ConditionalWeakTable<Kernel, object> PlotlyInjected = new();
    private static int _plotlyInjectedWithoutKernel;

    /// <summary>Registers the formatters (idempotent).</summary>
    public static void Register()
    {
        if (Interlocked.Exchange(ref _registered, 1) == 1) return;

        // A result that MinimizeLive already showed in this cell is referred to, not shown again.
        Formatter.Register<MinimizationResult>((r, w) => w.Write(LiveDisplay.WasShownLiveByCurrentCommand(r)
            ? "<div class=\"prunadag-shown-above\" style=\"font-family: system-ui, sans-serif; font-size: 0.9em; color: #555;\">" +
              System.Net.WebUtility.HtmlEncode(ShownAbove(r)) + "</div>"
            : NotebookHtml(HtmlReport.For(r))), HtmlFormatter.MimeType);
        Html<Comparison>(c => HtmlReport.For(c));
        // An empty list has nothing to report: a line saying so, not the report's "at least one" error.
        Formatter.Register<IEnumerable<MinimizationResult>>((rs, w) => w.Write(rs.Any()
            ? NotebookHtml(HtmlReport.For(rs)) : Note("No runs to show (the list is empty).")), HtmlFormatter.MimeType);
        Html<PruningProfile>(p => HtmlReport.For(p));
        Formatter.Register<IEnumerable<PruningProfile>>((ps, w) => w.Write(ps.Any()
            ? NotebookHtml(HtmlReport.For(ps)) : Note("No pruning profiles to show (the list is empty).")), HtmlFormatter.MimeType);
        // Several problems (e.g. a loop over the catalogue): one line each, not one wide line.
        Formatter.Register<IEnumerable<TestProblem>>((ps, w) => w.Write("<ul class=\"prunadag-problems\" style=\"font-family: system-ui, sans-serif; font-size: 0.9em;\">" +
            string.Concat(ps.Select(p => "<li>" + System.Net.WebUtility.HtmlEncode(p.ToString()) + "</li>")) + "</ul>"), HtmlFormatter.MimeType);
        Html<GradientCheckReport>(g => HtmlReport.For(g));
        Html<TestProblem>(p => HtmlReport.For(p));
        Html<HtmlReport>(r => r);
        // A figure on its own (e.g. Figures.SetSizes(runs)) draws like the figures inside the reports.
        Html<Plotly.NET.GenericChart>(c => HtmlReport.Create("").AddChart(c));
        Formatter.Register<LiveProgressView>((v, w) => w.Write(v.ToHtml()), HtmlFormatter.MimeType);
        Formatter.Register<PlotlyLoader>((v, w) => w.Write(v.ToString()), HtmlFormatter.MimeType);

        Plain<MinimizationResult>(r => LiveDisplay.WasShownLiveByCurrentCommand(r) ? ShownAbove(r) : r.ToString());
        Plain<Comparison>(c => c.ToString());
        Plain<IEnumerable<MinimizationResult>>(rs => rs.Any() ? string.Join(Environment.NewLine, rs.Select(r => r.ToString())) : "No runs to show (the list is empty).");
        Plain<PruningProfile>(p => p.ToString());
        Plain<IEnumerable<PruningProfile>>(ps => ps.Any() ? string.Join(Environment.NewLine, ps.Select(p => p.ToString())) : "No pruning profiles to show (the list is empty).");
        Plain<IEnumerable<TestProblem>>(ps => string.Join(Environment.NewLine, ps.Select(p => p.ToString())));
        // A saved notebook's text of a chart: what it shows, not an object dump of its traces.
        Plain<Plotly.NET.GenericChart>(ChartText);
        Plain<GradientCheckReport>(g => g.ToString());
        Plain<TestProblem>(p => p.ToString());
        Plain<HtmlReport>(r => $"{r.Title} ({r.Charts.Count} chart(s); shown as HTML in notebooks)");
        Formatter.Register<LiveProgressView>((v, w) => w.Write(v.ToString()), PlainTextFormatter.MimeType);

        foreach (var t in new[] { typeof(MinimizationResult), typeof(Comparison), typeof(PruningProfile), typeof(GradientCheckReport),
                     typeof(TestProblem), typeof(LiveProgressView), typeof(List<MinimizationResult>), typeof(MinimizationResult[]),
                     typeof(List<PruningProfile>), typeof(PruningProfile[]), typeof(HtmlReport), typeof(Plotly.NET.GenericChart),
                     typeof(List<TestProblem>), typeof(TestProblem[]) })
            Formatter.SetPreferredMimeTypesFor(t, HtmlFormatter.MimeType, PlainTextFormatter.MimeType);
    }

    /// <summary>
    /// The HTML of <paramref name="report"/> for a notebook: the fragment, preceded by plotly.js the
    /// first time in this session (per root kernel, or per process outside a kernel invocation).
    /// </summary>
    public static string NotebookHtml(HtmlReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        string fragment = report.ToHtmlFragment();
        return report.Charts.Count > 0 && ClaimPlotlyInjection() ? PlotlyJs.ScriptTag + "\n" + fragment : fragment;
    }

    /// <summary>Forgets that plotly.js was injected (the next chart display carries it again), e.g. after a page reload.</summary>
    public static void ResetPlotlyInjection()
    {
        var root = KernelInvocationContext.Current?.HandlingKernel?.RootKernel;
        if (root is not null) PlotlyInjected.Remove(root);
        Volatile.Write(ref _plotlyInjectedWithoutKernel, 0);
    }

    /// <summary>True exactly once per session: the caller must then emit plotly.js.</summary>
    private static bool ClaimPlotlyInjection()
    {
        var root = KernelInvocationContext.Current?.HandlingKernel?.RootKernel;
        if (root is null) return Interlocked.Exchange(ref _plotlyInjectedWithoutKernel, 1) == 0;
        lock (PlotlyInjected)
        {
            if (PlotlyInjected.TryGetValue(root, out _)) return false;
            PlotlyInjected.Add(root, new object());
            return true;
        }
    }

    private static string ShownAbove(MinimizationResult r) => $"{r} (displayed above by MinimizeLive)";

    private static string Note(string text) =>
        "<div class=\"prunadag-note\" style=\"font-family: system-ui, sans-serif; font-size: 0.9em; color: #555;\">" + System.Net.WebUtility.HtmlEncode(text) + "</div>";

    // "Chart: <title> (<n> traces: <names>); shown as HTML in notebooks".
    private static string ChartText(Plotly.NET.GenericChart chart)
    {
        System.Text.Json.JsonDocument doc;
        try { doc = System.Text.Json.JsonDocument.Parse(Plotly.NET.GenericChart.toFigureJson(chart)); }
        catch (System.Text.Json.JsonException) { return "Chart; shown as HTML in notebooks"; } // e.g. a user's chart with NaN in its data
        using var _ = doc;
        string title = doc.RootElement.TryGetProperty("layout", out var layout) && layout.TryGetProperty("title", out var t)
            ? (t.ValueKind == System.Text.Json.JsonValueKind.Object && t.TryGetProperty("text", out var text) ? text.GetString() : t.ValueKind == System.Text.Json.JsonValueKind.String ? t.GetString() : null) ?? "" : "";
        var names = doc.RootElement.TryGetProperty("data", out var data)
            ? data.EnumerateArray().Where(d => !d.TryGetProperty("showlegend", out var sl) || sl.ValueKind != System.Text.Json.JsonValueKind.False)
                .Select(d => d.TryGetProperty("name", out var n) ? n.GetString() : null).OfType<string>().Distinct().ToArray()
            : [];
        return $"Chart{(title.Length > 0 ? ": " + title : "")}{(names.Length > 0 ? $" ({string.Join(", ", names)})" : "")}; shown as HTML in notebooks";
    }

    private static void Html<T>(Func<T, HtmlReport> report) =>
        Formatter.Register<T>((value, writer) => writer.Write(NotebookHtml(report(value))), HtmlFormatter.MimeType);

    private static void Plain<T>(Func<T, string> text) =>
        Formatter.Register<T>((value, writer) => writer.Write(text(value)), PlainTextFormatter.MimeType);
}
