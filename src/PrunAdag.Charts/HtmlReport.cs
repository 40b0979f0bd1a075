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
/// var result = Minimizer.Create(Method.V3, settings).Minimize(f, x0);
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

    /// <summary>An empty report to fill with <see cref="AddHtml"/> and <see cref="AddChart"/> (an empty title shows no heading).</summary>
    public static HtmlReport Create(string title) => new(title ?? throw new ArgumentNullException(nameof(title)));

    /// <summary>A run: its summary, ‖g_k‖ and % below δ against k, and |O_k|, |A_k|, |D_k| when recorded.</summary>
    public static HtmlReport For(MinimizationResult result, int maxPoints = Downsampling.DefaultMaxPoints)
    {
        ArgumentNullException.ThrowIfNull(result);
        var r = new HtmlReport($"{result.Method.DisplayName} on {Fallback(result.ObjectiveName)}");
        r.AddHtml(SummaryTables.Results([result]));
        foreach (var c in Figures.Convergence(result, maxPoints)) r.AddChart(c);
        return r;
    }

    /// <summary>
    /// Several runs: their summary, the paper's Fig. 4 (‖g_k‖ and % below δ side by side) and Fig. 2 (set sizes
    /// per prunAdag run), then, when the comparison has profiles, ρ and ω as method × σ tables (with the long
    /// form as a CSV download) and the pruning charts.
    /// </summary>
    public static HtmlReport For(Comparison comparison, int maxPoints = Downsampling.DefaultMaxPoints)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        var r = new HtmlReport(comparison.Title ?? $"Comparison of {comparison.Results.Count} run{(comparison.Results.Count == 1 ? "" : "s")} on {Fallback(comparison.Results[0].ObjectiveName)}");
        r.AddHtml(SummaryTables.Results(comparison.Results));
        r.AddChart(Figures.Comparison(comparison.Results, maxPoints));
        if (Figures.SetSizes(comparison.Results, maxPoints) is { } sets) r.AddChart(sets);
        if (comparison.LabelledProfiles is { } profiles)
        {
            r.AddHtml(SummaryTables.Profiles(profiles));
            foreach (var c in Figures.Pruning(profiles)) r.AddChart(c);
        }
        return r;
    }

    /// <summary>Several runs overlaid (a <see cref="Comparison"/> without profiles).</summary>
    public static HtmlReport For(IEnumerable<MinimizationResult> results, int maxPoints = Downsampling.DefaultMaxPoints)
    {
        ArgumentNullException.ThrowIfNull(results);
        return For(new Comparison(results.ToArray()), maxPoints);
    }

    /// <summary>One or several pruning profiles: ρ and ω as profile × σ tables (long form as CSV) and the pruning charts.</summary>
    public static HtmlReport For(IEnumerable<PruningProfile> profiles)
    {
        ArgumentNullException.ThrowIfNull(profiles);
        var list = profiles.ToArray();
        if (list.Length == 0) throw new ArgumentException("At least one pruning profile is needed.", nameof(profiles));
        var r = new HtmlReport(list.Length == 1 ? $"Pruning profile of {list[0].Label}" : $"Pruning profiles of {string.Join(", ", list.Select(p => p.Label))}");
        r.AddHtml(SummaryTables.Profiles(list));
        foreach (var c in Figures.Pruning(list)) r.AddChart(c);
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
        r.AddChart(Figures.GradientCheck(report));
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
          .Append(SummaryTables.Style);
        if (Title.Length > 0) sb.Append("<h3 class=\"prunadag-title\">").Append(WebUtility.HtmlEncode(Title)).Append("</h3>\n");
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

    /// <summary>The height of a chart whose layout sets none (plotly.js's own default), px.</summary>
    private const int DefaultHeight = 450;

    public static string Fragment(GenericChart chart)
    {
        // Unique per process and per display: several displays of one result share a page in notebooks.
        string id = $"prunadag-chart-{Environment.ProcessId:x}-{Interlocked.Increment(ref _counter)}-{Guid.NewGuid().ToString("N")[..8]}";
        string figure = GenericChart.toFigureJson(chart).Replace("</", "<\\/", StringComparison.Ordinal);
        var layout = GenericChart.getLayout(chart);
        int height = layout.TryGetPropertyValue("height") is { } h && h.Value is IConvertible c
            ? Math.Clamp(Convert.ToInt32(c, CultureInfo.InvariantCulture), 150, 4000) : DefaultHeight;
        // Figures with several panels side by side take a whole row; others share rows (two or more per row
        // when the container is wide enough). The width is always the container's: any fixed width in the
        // layout (Plotly.NET's default is 600 px) is dropped before drawing.
        bool wide = layout.TryGetPropertyValue("xaxis2") is not null;
        string basis = wide ? "100%" : "440px";
        return $$"""
            <div id="{{id}}" class="prunadag-chart{{(wide ? " prunadag-chart-wide" : "")}}" style="flex: 1 1 {{basis}}; min-width: 0; max-width: 100%; height: {{height}}px;"></div>
            <script type="text/javascript">
            (function () {
              var fig = {{figure}};
              var layout = fig.layout || {};
              delete layout.width;
              layout.autosize = true;
              var waited = 0;
              // Redraw when the container's width changes (a neighbour arrives, a notebook column resizes),
              // not only when the window does.
              function follow(el) {
                if (!window.ResizeObserver) { return; }
                var width = el.clientWidth, pending = false;
                new ResizeObserver(function () {
                  if (pending || el.clientWidth === width) { return; }
                  pending = true;
                  window.requestAnimationFrame(function () { pending = false; width = el.clientWidth; window.Plotly.Plots.resize(el); });
                }).observe(el);
              }
              function draw() {
                var el = document.getElementById('{{id}}');
                if (!el) { return; }
                if (window.Plotly && window.Plotly.newPlot) {
                  window.Plotly.newPlot(el, fig.data, layout, { responsive: true, displaylogo: false }).then(function () { follow(el); });
                } else if ((waited += 50) < {{WaitMilliseconds}}) {
                  setTimeout(draw, 50);
                } else {
                  el.style.height = 'auto';
                  el.innerHTML = '<p style="color:#a00">plotly.js is not loaded in this page, so the chart cannot be drawn. ' +
                    'In a notebook run <code>#!prunadag plotly</code> and display the value again; in a file use ToHtml() (full page), not the fragment.</p>';
                }
              }
              // In a page still loading, wait until every chart's box exists, so each is drawn at its final width.
              if (document.readyState === 'loading') { document.addEventListener('DOMContentLoaded', draw); } else { draw(); }
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
        .prunadag-report { max-width: 100%; box-sizing: border-box; }
        .prunadag-report .prunadag-table { max-width: 100%; overflow-x: auto; }
        .prunadag-report table { border-collapse: collapse; margin: 0.5em 0; font-size: 0.9em; }
        .prunadag-report th, .prunadag-report td { border: 1px solid #ccc; padding: 0.2em 0.6em; text-align: right; }
        .prunadag-report th:first-child, .prunadag-report td:first-child { text-align: left; }
        .prunadag-report caption { text-align: left; font-weight: 600; padding: 0.3em 0; }
        .prunadag-report tr.flagged td { background: #fdd; }
        .prunadag-charts { display: flex; flex-wrap: wrap; gap: 0.75em; width: 100%; margin: 0.5em 0; }
        </style>

        """;

    public static string Results(IReadOnlyList<MinimizationResult> results)
    {
        var sb = new StringBuilder("<div class=\"prunadag-table\"><table class=\"prunadag-summary\">\n<thead><tr><th>method</th><th>T</th><th>iterations</th><th>stop reason</th>" +
            "<th>final ‖g‖</th><th>fraction |x_i| &lt; δ</th><th>f(x_K)</th><th>n</th><th>time</th></tr></thead>\n<tbody>\n");
        foreach (var r in results)
            sb.Append("<tr><td>").Append(E(r.Method.DisplayName)).Append("</td><td>").Append(r.TargetRelevant)
              .Append("</td><td>").Append(r.Iterations).Append("</td><td>").Append(E(r.StopReason.ToString()))
              .Append("</td><td>").Append(N(r.FinalGradientNorm, "G4")).Append("</td><td>").Append(P(r.FinalBelowDelta))
              .Append(" (δ = ").Append(N(r.Trace.Delta, "G3")).Append(")</td><td>").Append(r.FinalValue is { } f ? N(f, "G6") : "—")
              .Append("</td><td>").Append(r.Dimension).Append("</td><td>").Append(E(Time(r.Elapsed))).Append("</td></tr>\n");
        return sb.Append("</tbody>\n</table></div>").ToString();
    }

    /// <summary>
    /// ρ and ω (and the test accuracy when measured) as wide tables, one row per profile and one column
    /// per σ, as in the paper's Tables 2–4; then a link to the long form (every column, one row per
    /// profile and σ) as a CSV file embedded in the page.
    /// </summary>
    public static string Profiles(IReadOnlyList<PruningProfile> profiles)
    {
        profiles = PruningLabels.Distinct(profiles); // one row per profile, each named apart
        var sigmas = profiles.SelectMany(p => p.Points.Select(q => q.TargetSparsity)).Distinct().Order().ToArray();
        var sb = new StringBuilder();
        sb.Append(Wide(profiles, sigmas, "prunadag-pruning prunadag-rho", "ρ = ‖∇f(x_σ)‖ after pruning σ of the components", q => N(q.Rho, "G3")));
        if (profiles.Any(p => p.Points.Any(q => double.IsFinite(q.Omega))))
            sb.Append(Wide(profiles, sigmas, "prunadag-pruning prunadag-omega", "ω = √|f(x_σ) − f(x)|", q => N(q.Omega, "G3")));
        if (profiles.Any(p => p.Points.Any(q => q.Accuracy is not null)))
            sb.Append(Wide(profiles, sigmas, "prunadag-pruning prunadag-accuracy", "test accuracy (%)", q => q.Accuracy is { } a ? N(100 * a, "0.##") : "—"));
        string csv = PruningCsvWriter.Write(profiles);
        sb.Append("<p class=\"prunadag-long-form\">Long form (σ, achieved sparsity, ρ, ω, accuracy per row): <a download=\"pruning-profiles.csv\" href=\"data:text/csv;charset=utf-8,")
          .Append(Uri.EscapeDataString(csv)).Append("\">pruning-profiles.csv</a></p>");
        return sb.ToString();
    }

    private static string Wide(IReadOnlyList<PruningProfile> profiles, double[] sigmas, string cssClass, string caption, Func<PruningPoint, string> cell)
    {
        var sb = new StringBuilder("<div class=\"prunadag-table\"><table class=\"").Append(cssClass).Append("\">\n<caption>").Append(E(caption)).Append("</caption>\n<thead><tr><th>σ</th>");
        foreach (var s in sigmas) sb.Append("<th>").Append(N(100 * s, "0.##")).Append(" %</th>");
        sb.Append("</tr></thead>\n<tbody>\n");
        foreach (var p in profiles)
        {
            sb.Append("<tr><td>").Append(E(p.Label)).Append("</td>");
            foreach (var s in sigmas)
            {
                var q = p.Points.FirstOrDefault(x => x.TargetSparsity == s);
                sb.Append("<td>").Append(q is null ? "—" : cell(q)).Append("</td>");
            }
            sb.Append("</tr>\n");
        }
        return sb.Append("</tbody>\n</table></div>\n").ToString();
    }

    /// <summary>The verdict and the components (flagged ones first and highlighted; at most 50 rows).</summary>
    public static string GradientCheck(GradientCheckReport report)
    {
        const int maxRows = 50;
        var sb = new StringBuilder("<p class=\"prunadag-verdict\">").Append(E(report.ToString())).Append("</p>\n")
            .Append("<div class=\"prunadag-table\"><table class=\"prunadag-gradient-check\">\n<thead><tr><th>component</th><th>analytic</th><th>numeric</th><th>|error|</th><th>flagged</th></tr></thead>\n<tbody>\n");
        var rows = report.Components.OrderByDescending(c => c.Flagged).ThenBy(c => c.Index).Take(maxRows);
        foreach (var c in rows)
            sb.Append(c.Flagged ? "<tr class=\"flagged\">" : "<tr>").Append("<td>").Append(c.Index).Append("</td><td>").Append(N(c.Analytic, "G8"))
              .Append("</td><td>").Append(N(c.Numeric, "G8")).Append("</td><td>").Append(N(c.AbsoluteError, "G3"))
              .Append("</td><td>").Append(c.Flagged ? "yes" : "no").Append("</td></tr>\n");
        sb.Append("</tbody>\n</table></div>");
        if (report.Components.Count > maxRows)
            sb.Append($"\n<p>{maxRows} of {report.Components.Count} components shown (flagged first); tolerance {N(report.Tolerance, "G3")}.</p>");
        return sb.ToString();
    }

    public static string Problem(TestProblem p) =>
        "<div class=\"prunadag-table\"><table class=\"prunadag-problem\">\n<tbody>\n" +
        $"<tr><th>name</th><td>{E(p.Name)}</td></tr>\n<tr><th>kind</th><td>{E(p.Kind)}</td></tr>\n<tr><th>seed</th><td>{p.Seed}</td></tr>\n" +
        $"<tr><th>n</th><td>{p.Dimension}</td></tr>\n<tr><th>T</th><td>{p.TargetRelevant}</td></tr>\n" +
        $"<tr><th>known solution</th><td>{(p.Solution is null ? "no" : "yes")}</td></tr>\n" +
        $"<tr><th>test accuracy</th><td>{(p.TestAccuracy is null ? "no" : "yes")}</td></tr>\n" +
        $"<tr><th>description</th><td>{E(p.Description)}</td></tr>\n</tbody>\n</table></div>";

    private static string E(string s) => WebUtility.HtmlEncode(s);
    private static string N(double v, string format) => double.IsNaN(v) ? "—" : v.ToString(format, Inv);
    private static string P(double fraction) => double.IsNaN(fraction) ? "—" : (100 * fraction).ToString("0.##", Inv) + " %";

    private static string Time(TimeSpan t) => t.TotalSeconds < 1 ? $"{t.TotalMilliseconds.ToString("0", Inv)} ms"
        : t.TotalMinutes < 1 ? $"{t.TotalSeconds.ToString("0.0", Inv)} s" : t.ToString(@"h\:mm\:ss", Inv);
}
