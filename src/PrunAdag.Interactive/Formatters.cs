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
        Html<IEnumerable<MinimizationResult>>(rs => HtmlReport.For(rs));
        Html<PruningProfile>(p => HtmlReport.For(p));
        Html<IEnumerable<PruningProfile>>(ps => HtmlReport.For(ps));
        Html<GradientCheckReport>(g => HtmlReport.For(g));
        Html<TestProblem>(p => HtmlReport.For(p));
        Html<HtmlReport>(r => r);
        // A figure on its own (e.g. Figures.SetSizes(runs)) draws like the figures inside the reports.
        Html<Plotly.NET.GenericChart>(c => HtmlReport.Create("").AddChart(c));
        Formatter.Register<LiveProgressView>((v, w) => w.Write(v.ToHtml()), HtmlFormatter.MimeType);
        Formatter.Register<PlotlyLoader>((v, w) => w.Write(v.ToString()), HtmlFormatter.MimeType);

        Plain<MinimizationResult>(r => LiveDisplay.WasShownLiveByCurrentCommand(r) ? ShownAbove(r) : r.ToString());
        Plain<Comparison>(c => c.ToString());
        Plain<IEnumerable<MinimizationResult>>(rs => string.Join(Environment.NewLine, rs.Select(r => r.ToString())));
        Plain<PruningProfile>(p => p.ToString());
        Plain<IEnumerable<PruningProfile>>(ps => string.Join(Environment.NewLine, ps.Select(p => p.ToString())));
        Plain<GradientCheckReport>(g => g.ToString());
        Plain<TestProblem>(p => p.ToString());
        Plain<HtmlReport>(r => $"{r.Title} ({r.Charts.Count} chart(s); shown as HTML in notebooks)");
        Formatter.Register<LiveProgressView>((v, w) => w.Write(v.ToString()), PlainTextFormatter.MimeType);

        foreach (var t in new[] { typeof(MinimizationResult), typeof(Comparison), typeof(PruningProfile), typeof(GradientCheckReport),
                     typeof(TestProblem), typeof(LiveProgressView), typeof(List<MinimizationResult>), typeof(MinimizationResult[]),
                     typeof(List<PruningProfile>), typeof(PruningProfile[]), typeof(HtmlReport), typeof(Plotly.NET.GenericChart) })
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

    private static void Html<T>(Func<T, HtmlReport> report) =>
        Formatter.Register<T>((value, writer) => writer.Write(NotebookHtml(report(value))), HtmlFormatter.MimeType);

    private static void Plain<T>(Func<T, string> text) =>
        Formatter.Register<T>((value, writer) => writer.Write(text(value)), PlainTextFormatter.MimeType);
}
