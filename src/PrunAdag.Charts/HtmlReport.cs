using System.Globalization;
using System.Net;
using System.Text;
using Plotly.NET;
using PrunAdag.Problems;

namespace PrunAdag.Charts;

/// <summary>
/// An HTML report (summary tables + Plotly charts) that renders with no network: a full page embeds
/// plotly.js exactly once, inline; a fragment holds only the tables, the chart divs and small scripts
/// that wait for <c>window.Plotly</c> (for hosts such as notebooks that load plotly.js once per page).
/// The same report backs the notebook displays, so console and file-based apps get identical output.
/// </summary>
/// <example><code>
/// var result = Minimizer.Create(Method.V3).Minimize(f, x0);
/// result.SaveHtml("run.html");                       // or HtmlReport.For(result).SaveHtml(...)
/// </code></example>
public sealed class HtmlReport
{
    private readonly List<(string Kind, string Html, GenericChart? Chart)> _sections = [];

    private HtmlReport(string title) => Title = title;

    /// <summary>The page heading and &lt;title&gt;.</summary>
    public string Title { get; private set; }

    /// <summary>The charts in this report, in order.</summary>
    public IReadOnlyList<GenericChart> Charts => _sections.Where(s => s.Chart is not null).Select(s => s.Chart!).ToArray();

    /// <summary>An empty report to fill with <see cref="AddHtml"/> and <see cref="AddChart"/>.</summary>
    public static HtmlReport Create(string title) => new(title ?? throw new ArgumentNullException(nameof(title)));

    /// <summary>A run: its summary, ‖g_k‖ and % below δ against k, and |O_k|, |A_k|, |D_k| when recorded.</summary>
    public static HtmlReport For(MinimizationResult result, int maxPoints = Downsampling.DefaultMaxPoints)
    {
        ArgumentNullException.ThrowIfNull(result);
        var r = new HtmlReport($"{result.Method.DisplayName} on {Fallback(result.ObjectiveName)}");
        r.AddHtml(SummaryTables.Results([result]));
        foreach (var c in PrunAdag.Charts.Charts.Convergence(result, maxPoints)) r.AddChart(c);
        return r;
    }

    /// <summary>Several runs overlaid (the paper's Fig. 4 layout), plus pruning charts when the comparison has profiles.</summary>
    public static HtmlReport For(Comparison comparison, int maxPoints = Downsampling.DefaultMaxPoints)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        var r = new HtmlReport(comparison.Title ?? $"Comparison of {comparison.Results.Count} runs on {Fallback(comparison.Results[0].ObjectiveName)}");
        r.AddHtml(SummaryTables.Results(comparison.Results));
        foreach (var c in PrunAdag.Charts.Charts.Comparison(comparison.Results, maxPoints)) r.AddChart(c);
        if (comparison.Profiles is { Count: > 0 } profiles)
        {
            r.AddHtml(SummaryTables.Profiles(profiles));
            foreach (var c in PrunAdag.Charts.Charts.Pruning(profiles)) r.AddChart(c);
        }
        return r;
    }

    /// <summary>Several runs overlaid (a <see cref="Comparison"/> without profiles).</summary>
    public static HtmlReport For(IEnumerable<MinimizationResult> results, int maxPoints = Downsampling.DefaultMaxPoints)
    {
        ArgumentNullException.ThrowIfNull(results);
        return For(new Comparison(results.ToArray()), maxPoints);
    }

    /// <summary>One or several pruning profiles: a table per σ and the pruning charts.</summary>
    public static HtmlReport For(IEnumerable<PruningProfile> profiles)
    {
        ArgumentNullException.ThrowIfNull(profiles);
        var list = profiles.ToArray();
        if (list.Length == 0) throw new ArgumentException("At least one pruning profile is needed.", nameof(profiles));
        var r = new HtmlReport(list.Length == 1 ? $"Pruning profile of {list[0].Label}" : $"Pruning profiles of {string.Join(", ", list.Select(p => p.Label))}");
        r.AddHtml(SummaryTables.Profiles(list));
        foreach (var c in PrunAdag.Charts.Charts.Pruning(list)) r.AddChart(c);
        return r;
    }

    /// <summary>One pruning profile.</summary>
    public static HtmlReport For(PruningProfile profile) => For([profile ?? throw new ArgumentNullException(nameof(profile))]);

    /// <summary>A gradient check: the verdict, the flagged components, and analytic against numeric per component.</summary>
    public static HtmlReport For(GradientCheckReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var r = new HtmlReport($"Gradient check of {Fallback(report.ObjectiveName)}");
        r.AddHtml(SummaryTables.GradientCheck(report));
        r.AddChart(PrunAdag.Charts.Charts.GradientCheck(report));
        return r;
    }

    /// <summary>A test problem: its name, kind, seed, n, T and description (no charts).</summary>
    public static HtmlReport For(TestProblem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var r = new HtmlReport($"Test problem {problem.Name}");
        r.AddHtml(SummaryTables.Problem(problem));
        return r;
    }

    /// <summary>Replaces the heading.</summary>
    public HtmlReport WithTitle(string title)
    {
        Title = title ?? throw new ArgumentNullException(nameof(title));
        return this;
    }

    /// <summary>Appends trusted HTML (a table, a paragraph) as it is.</summary>
    public HtmlReport AddHtml(string html)
    {
        ArgumentNullException.ThrowIfNull(html);
        _sections.Add(("html", html, null));
        return this;
    }

    /// <summary>Appends a chart (any Plotly.NET chart).</summary>
    public HtmlReport AddChart(GenericChart chart)
    {
        ArgumentNullException.ThrowIfNull(chart);
        _sections.Add(("chart", "", chart));
        return this;
    }

    /// <summary>A complete, self-contained HTML page: plotly.js embedded once, no external script or style.</summary>
    public string ToHtml()
    {
        var sb = new StringBuilder();
        sb.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
          .Append(WebUtility.HtmlEncode(Title)).Append("</title>\n")
          .Append(PlotlyJs.ScriptTag).Append('\n')
          .Append("</head>\n<body style=\"font-family: system-ui, sans-serif; margin: 1.5em;\">\n")
          .Append(ToHtmlFragment())
          .Append("\n</body>\n</html>\n");
        return sb.ToString();
    }

    /// <summary>
    /// The report without plotly.js: tables, chart divs, and per chart a script that draws it as soon
    /// as <c>window.Plotly</c> exists (and explains what to do if it never appears).
    /// </summary>
    public string ToHtmlFragment()
    {
        var sb = new StringBuilder();
        sb.Append("<div class=\"prunadag-report\">\n")
          .Append(SummaryTables.Style)
          .Append("<h3 class=\"prunadag-title\">").Append(WebUtility.HtmlEncode(Title)).Append("</h3>\n");
        bool inCharts = false;
        foreach (var (kind, html, chart) in _sections)
        {
            if (kind == "chart" && !inCharts) { sb.Append("<div class=\"prunadag-charts\">\n"); inCharts = true; }
            if (kind != "chart" && inCharts) { sb.Append("</div>\n"); inCharts = false; }
            if (chart is not null) sb.Append(ChartHtml.Fragment(chart)).Append('\n');
            else sb.Append(html).Append('\n');
        }
        if (inCharts) sb.Append("</div>\n");
        sb.Append("</div>");
        return sb.ToString();
    }

    /// <summary>Writes <see cref="ToHtml"/> to <paramref name="path"/> (UTF-8), creating the folder if needed.</summary>
    /// <returns>The full path written.</returns>
    public string SaveHtml(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        string full = Path.GetFullPath(path);
        if (Path.GetDirectoryName(full) is { Length: > 0 } dir) Directory.CreateDirectory(dir);
        File.WriteAllText(full, ToHtml(), new UTF8Encoding(false));
        return full;
    }

    /// <inheritdoc/>
    public override string ToString() => Title;

    private static string Fallback(string name) => string.IsNullOrWhiteSpace(name) ? "objective" : name;
}

/// <summary>Renders one chart as a div plus a script that draws it once plotly.js is present.</summary>
internal static class ChartHtml
{
    private static long _counter;

    /// <summary>How long (ms) a chart waits for window.Plotly before it explains why it is blank.</summary>
    internal const int WaitMilliseconds = 20_000;

    public static string Fragment(GenericChart chart)
    {
        // Unique per process and per display: several displays of one result share a page in notebooks.
        string id = $"prunadag-chart-{Environment.ProcessId:x}-{Interlocked.Increment(ref _counter)}-{Guid.NewGuid().ToString("N")[..8]}";
        string figure = GenericChart.toFigureJson(chart).Replace("</", "<\\/", StringComparison.Ordinal);
        return $$"""
            <div id="{{id}}" class="prunadag-chart" style="flex: 1 1 440px; min-width: 360px; height: 380px;"></div>
            <script type="text/javascript">
            (function () {
              var fig = {{figure}};
              var waited = 0;
              function draw() {
                var el = document.getElementById('{{id}}');
                if (!el) { return; }
                if (window.Plotly && window.Plotly.newPlot) {
                  window.Plotly.newPlot(el, fig.data, fig.layout, { responsive: true, displaylogo: false });
                } else if ((waited += 50) < {{WaitMilliseconds}}) {
                  setTimeout(draw, 50);
                } else {
                  el.innerHTML = '<p style="color:#a00">plotly.js is not loaded in this page, so the chart cannot be drawn. ' +
                    'In a notebook run <code>#!prunadag plotly</code> and display the value again; in a file use ToHtml() (full page), not the fragment.</p>';
                }
              }
              draw();
            })();
            </script>
            """;
    }
}

/// <summary>The HTML tables of the reports.</summary>
internal static class SummaryTables
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public const string Style = """
        <style>
        .prunadag-report table { border-collapse: collapse; margin: 0.5em 0; font-size: 0.9em; }
        .prunadag-report th, .prunadag-report td { border: 1px solid #ccc; padding: 0.2em 0.6em; text-align: right; }
        .prunadag-report th:first-child, .prunadag-report td:first-child { text-align: left; }
        .prunadag-report tr.flagged td { background: #fdd; }
        .prunadag-charts { display: flex; flex-wrap: wrap; gap: 0.5em; }
        </style>

        """;

    public static string Results(IReadOnlyList<MinimizationResult> results)
    {
        var sb = new StringBuilder("<table class=\"prunadag-summary\">\n<thead><tr><th>method</th><th>T</th><th>iterations</th><th>stop reason</th>" +
            "<th>final ‖g‖</th><th>fraction |x_i| &lt; δ</th><th>f(x_K)</th><th>n</th><th>time</th></tr></thead>\n<tbody>\n");
        foreach (var r in results)
            sb.Append("<tr><td>").Append(E(r.Method.DisplayName)).Append("</td><td>").Append(r.TargetRelevant)
              .Append("</td><td>").Append(r.Iterations).Append("</td><td>").Append(E(r.StopReason.ToString()))
              .Append("</td><td>").Append(N(r.FinalGradientNorm, "G4")).Append("</td><td>").Append(P(r.FinalBelowDelta))
              .Append(" (δ = ").Append(N(r.Trace.Delta, "G3")).Append(")</td><td>").Append(r.FinalValue is { } f ? N(f, "G6") : "—")
              .Append("</td><td>").Append(r.Dimension).Append("</td><td>").Append(E(Time(r.Elapsed))).Append("</td></tr>\n");
        return sb.Append("</tbody>\n</table>").ToString();
    }

    public static string Profiles(IReadOnlyList<PruningProfile> profiles)
    {
        bool acc = profiles.Any(p => p.Points.Any(q => q.Accuracy is not null));
        var sb = new StringBuilder("<table class=\"prunadag-pruning\">\n<thead><tr><th>profile</th><th>σ (%)</th><th>achieved (%)</th><th>ρ</th><th>ω</th>" +
            (acc ? "<th>accuracy (%)</th>" : "") + "</tr></thead>\n<tbody>\n");
        foreach (var p in profiles)
            foreach (var q in p.Points)
                sb.Append("<tr><td>").Append(E(p.Label)).Append("</td><td>").Append(N(100 * q.TargetSparsity, "0.##"))
                  .Append("</td><td>").Append(N(100 * q.AchievedSparsity, "0.##")).Append("</td><td>").Append(N(q.Rho, "G4"))
                  .Append("</td><td>").Append(N(q.Omega, "G4")).Append("</td>")
                  .Append(acc ? "<td>" + (q.Accuracy is { } a ? N(100 * a, "0.##") : "—") + "</td>" : "").Append("</tr>\n");
        return sb.Append("</tbody>\n</table>").ToString();
    }

    /// <summary>The verdict and the components (flagged ones first and highlighted; at most 50 rows).</summary>
    public static string GradientCheck(GradientCheckReport report)
    {
        const int maxRows = 50;
        var sb = new StringBuilder("<p class=\"prunadag-verdict\">").Append(E(report.ToString())).Append("</p>\n")
            .Append("<table class=\"prunadag-gradient-check\">\n<thead><tr><th>component</th><th>analytic</th><th>numeric</th><th>|error|</th><th>flagged</th></tr></thead>\n<tbody>\n");
        var rows = report.Components.OrderByDescending(c => c.Flagged).ThenBy(c => c.Index).Take(maxRows);
        foreach (var c in rows)
            sb.Append(c.Flagged ? "<tr class=\"flagged\">" : "<tr>").Append("<td>").Append(c.Index).Append("</td><td>").Append(N(c.Analytic, "G8"))
              .Append("</td><td>").Append(N(c.Numeric, "G8")).Append("</td><td>").Append(N(c.AbsoluteError, "G3"))
              .Append("</td><td>").Append(c.Flagged ? "yes" : "no").Append("</td></tr>\n");
        sb.Append("</tbody>\n</table>");
        if (report.Components.Count > maxRows)
            sb.Append($"\n<p>{maxRows} of {report.Components.Count} components shown (flagged first); tolerance {N(report.Tolerance, "G3")}.</p>");
        return sb.ToString();
    }

    public static string Problem(TestProblem p) =>
        "<table class=\"prunadag-problem\">\n<tbody>\n" +
        $"<tr><th>name</th><td>{E(p.Name)}</td></tr>\n<tr><th>kind</th><td>{E(p.Kind)}</td></tr>\n<tr><th>seed</th><td>{p.Seed}</td></tr>\n" +
        $"<tr><th>n</th><td>{p.Dimension}</td></tr>\n<tr><th>T</th><td>{p.TargetRelevant}</td></tr>\n" +
        $"<tr><th>known solution</th><td>{(p.Solution is null ? "no" : "yes")}</td></tr>\n" +
        $"<tr><th>test accuracy</th><td>{(p.TestAccuracy is null ? "no" : "yes")}</td></tr>\n" +
        $"<tr><th>description</th><td>{E(p.Description)}</td></tr>\n</tbody>\n</table>";

    private static string E(string s) => WebUtility.HtmlEncode(s);
    private static string N(double v, string format) => double.IsNaN(v) ? "—" : v.ToString(format, Inv);
    private static string P(double fraction) => double.IsNaN(fraction) ? "—" : (100 * fraction).ToString("0.##", Inv) + " %";

    private static string Time(TimeSpan t) => t.TotalSeconds < 1 ? $"{t.TotalMilliseconds.ToString("0", Inv)} ms"
        : t.TotalMinutes < 1 ? $"{t.TotalSeconds.ToString("0.0", Inv)} s" : t.ToString(@"h\:mm\:ss", Inv);
}
