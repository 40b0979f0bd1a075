using System.Text.RegularExpressions;

namespace PrunAdag.Charts.Tests;

public class HtmlReportTests
{
    private static int ChartDivs(string html) => Regex.Matches(html, "<div id=\"prunadag-chart-[^\"]+\" class=\"prunadag-chart[ \"]").Count;

    private static int Count(string haystack, string needle)
    {
        int n = 0;
        for (int i = haystack.IndexOf(needle, StringComparison.Ordinal); i >= 0; i = haystack.IndexOf(needle, i + needle.Length, StringComparison.Ordinal)) n++;
        return n;
    }

    /// <summary>A distinctive piece of plotly.js (its UMD header), to count how often the library is embedded.</summary>
    private static readonly string PlotlyMarker = PlotlyJs.Source.Substring(PlotlyJs.Source.IndexOf("!function(t,e){", StringComparison.Ordinal), 60);

    [Fact]
    public void Embedded_plotly_is_the_copy_plotly_net_carries()
    {
        Assert.Matches(@"^\d+\.\d+\.\d+$", PlotlyJs.Version);
        Assert.Contains("plotly.js v" + PlotlyJs.Version, PlotlyJs.Source);
        Assert.True(PlotlyJs.Source.Length > 1_000_000, "plotly.js should be the full minified bundle");
    }

    [Fact]
    public void A_full_page_embeds_plotly_exactly_once_even_with_several_charts()
    {
        var runs = new[] { Method.V2, Method.V4, Method.FW2 }.Select(m => Runs.Run(m, 50)).ToArray();
        string html = runs.ToHtml();
        Assert.Equal(1, Count(html, PlotlyMarker));
        Assert.Equal(2, ChartDivs(html)); // Fig. 4 of the three runs, Fig. 2 of the two prunAdag runs
        Assert.StartsWith("<!DOCTYPE html>", html);
    }

    [Fact]
    public void A_full_page_references_no_external_script_or_cdn()
    {
        string html = Runs.Run(Method.V3, 50).ToHtml();
        Assert.DoesNotMatch(new Regex(@"<script[^>]*\bsrc\s*=", RegexOptions.IgnoreCase), html);
        Assert.DoesNotMatch(new Regex(@"<link[^>]*\bhref\s*=", RegexOptions.IgnoreCase), html);
        // Outside the plotly.js bundle itself (which mentions URLs in strings) nothing points at the network.
        string rest = html.Replace(PlotlyJs.Source, "", StringComparison.Ordinal);
        Assert.DoesNotContain("https://", rest);
        Assert.DoesNotContain("cdn", rest, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("require.js", rest, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void A_fragment_has_no_plotly_and_waits_for_window_plotly()
    {
        var report = HtmlReport.For(Runs.Run(Method.V3, 50));
        string fragment = report.ToHtmlFragment();
        Assert.Equal(0, Count(fragment, PlotlyMarker));
        Assert.Equal(2, ChartDivs(fragment)); // ‖g_k‖ and % below δ side by side, then the set sizes
        Assert.Contains("window.Plotly", fragment);
        Assert.DoesNotContain("<html", fragment);
    }

    [Fact]
    public void The_plotly_loader_hides_amd_and_commonjs_so_plotly_becomes_a_global()
    {
        // plotly.js's UMD header prefers module.exports, then define.amd, then the global; the
        // wrapper's parameters named define/module/exports shadow whatever the page has.
        Assert.Contains("(function (define, module, exports) {", PlotlyJs.ScriptTag);
        Assert.Contains("}).call(window);", PlotlyJs.ScriptTag);
        Assert.Contains("if (!window.Plotly)", PlotlyJs.ScriptTag);
    }

    [Fact]
    public void The_result_summary_table_has_method_t_iterations_stop_reason_norm_and_fraction()
    {
        var r = Runs.Run(Method.V3, 40);
        string html = HtmlReport.For(r).ToHtmlFragment();
        foreach (var header in new[] { "method", "T", "iterations", "stop reason", "final ‖g‖", "fraction |x_i| &lt; δ" })
            Assert.Contains($"<th>{header}</th>", html);
        Assert.Contains($"<td>prunAdag-V3</td><td>10</td><td>40</td><td>IterationLimit</td>", html);
    }

    [Fact]
    public void A_comparison_with_profiles_adds_the_pruning_table_and_charts()
    {
        var runs = new[] { Method.V3, Method.Adagrad }.Select(m => Runs.Run(m, 60)).ToArray();
        var profiles = runs.Select(r => r.PruningProfile(Runs.Objective, [0.5, 0.9])).ToArray();
        var report = HtmlReport.For(new Comparison(runs, profiles, "Two runs"));
        Assert.Equal("Two runs", report.Title);
        Assert.Equal(2 + 3, report.Charts.Count); // Fig. 4, Fig. 2 (V3), then ρ, ω and achieved sparsity
        Assert.Contains("class=\"prunadag-pruning", report.ToHtmlFragment());
    }

    [Fact]
    public void A_comparison_shows_rho_and_omega_as_method_by_sigma_tables()
    {
        var runs = new[] { Method.V3, Method.V4, Method.Adagrad }.Select(m => Runs.Run(m, 60)).ToArray();
        var profiles = runs.Select(r => r.PruningProfile(Runs.Objective, [0.1, 0.5, 0.9])).ToArray();
        string html = HtmlReport.For(new Comparison(runs, profiles)).ToHtmlFragment();
        foreach (var (css, measure) in new[] { ("prunadag-rho", (Func<PruningPoint, double>)(q => q.Rho)), ("prunadag-omega", q => q.Omega) })
        {
            var table = Regex.Match(html, $"<table class=\"prunadag-pruning {css}\">(.*?)</table>", RegexOptions.Singleline);
            Assert.True(table.Success, $"no {css} table");
            var rows = Regex.Matches(table.Groups[1].Value, "<tr>(.*?)</tr>", RegexOptions.Singleline).Select(m => m.Groups[1].Value).ToArray();
            // A header row (σ = 10 %, 50 %, 90 %), then one row per method with its value at each σ.
            Assert.Equal(["σ", "10 %", "50 %", "90 %"], Regex.Matches(rows[0], "<th>(.*?)</th>").Select(m => m.Groups[1].Value));
            Assert.Equal(1 + runs.Length, rows.Length);
            for (int i = 0; i < profiles.Length; i++)
            {
                var cells = Regex.Matches(rows[1 + i], "<td>(.*?)</td>").Select(m => m.Groups[1].Value).ToArray();
                Assert.Equal(profiles[i].Label, cells[0]);
                Assert.Equal(profiles[i].Points.Select(q => measure(q).ToString("G3", System.Globalization.CultureInfo.InvariantCulture)), cells[1..]);
            }
        }
        Assert.Contains("download=\"pruning-profiles.csv\"", html);
    }

    [Fact]
    public void The_long_form_csv_has_one_row_per_profile_and_sigma_with_round_trip_numbers()
    {
        var runs = new[] { Runs.Run(Method.V3, 60), Runs.Run(Method.Adagrad, 60) };
        var profiles = runs.Select(r => r.PruningProfile(Runs.Objective, [0.3, 0.7])).ToArray();
        var comparison = new Comparison(runs, profiles);
        var lines = comparison.PruningCsv().TrimEnd('\n').Split('\n');
        Assert.Equal("profile,sigma,achieved_sparsity,rho,omega,accuracy", lines[0]);
        Assert.Equal(1 + 2 * 2, lines.Length);
        var v3At70 = lines[2].Split(',');
        Assert.Equal("prunAdag-V3", v3At70[0]);
        Assert.Equal(0.7, double.Parse(v3At70[1], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(profiles[0].Points[1].Rho, double.Parse(v3At70[3], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(profiles[0].Points[1].Omega, double.Parse(v3At70[4], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("", v3At70[5]);
        // The HTML link carries the same file.
        string html = comparison.ToHtml();
        Assert.Contains("href=\"data:text/csv;charset=utf-8," + Uri.EscapeDataString(comparison.PruningCsv()) + "\"", html);
        Assert.Equal("profile,sigma,achieved_sparsity,rho,omega,accuracy\n", Comparison.Of(runs).PruningCsv());
    }

    [Fact]
    public void Chart_boxes_take_the_container_width_and_drop_any_fixed_width()
    {
        string html = HtmlReport.Create("mixed").AddChart(Figures.GradientNorm(Runs.Run(Method.V3, 20)))
            .AddChart(Figures.Comparison([Runs.Run(Method.V3, 20)]))
            .AddChart(Plotly.NET.CSharp.Chart.Line<int, int, string>([1, 2], [3, 4])).ToHtmlFragment(); // Plotly.NET's default layout is 600 px wide
        Assert.DoesNotMatch(new Regex(@"class=""prunadag-chart[^""]*"" style=""[^""]*(?<![-\w])width:"), html);
        Assert.Contains("class=\"prunadag-chart\" style=\"flex: 1 1 440px; min-width: 0; max-width: 100%;", html);
        Assert.Contains("class=\"prunadag-chart prunadag-chart-wide\" style=\"flex: 1 1 100%;", html);
        Assert.Contains("delete layout.width;", html);
        Assert.Contains("new ResizeObserver(", html);
    }

    [Fact]
    public void A_gradient_report_lists_flagged_components_first_and_highlights_them()
    {
        var f = Objective.Create(4, (x, g) => { for (int i = 0; i < 4; i++) g[i] = 2 * x[i] + (i == 2 ? 5 : 0); },
            x => { double s = 0; foreach (var v in x) s += v * v; return s; });
        string html = GradientChecker.Check(f, MathNet.Numerics.LinearAlgebra.Vector<double>.Build.Dense(4, 1.0)).ToHtml();
        int firstRow = html.IndexOf("<tr class=\"flagged\"><td>2</td>", StringComparison.Ordinal);
        Assert.True(firstRow > 0, "component 2 is flagged and highlighted");
        Assert.True(firstRow < html.IndexOf("<tr><td>0</td>", StringComparison.Ordinal), "flagged rows come first");
    }

    [Fact]
    public void Save_html_writes_the_full_page_and_creates_the_folder()
    {
        string dir = Path.Combine(Path.GetTempPath(), "prunadag-charts-" + Guid.NewGuid().ToString("N"));
        try
        {
            var p = Runs.Run(Method.V3, 30).PruningProfile(Runs.Objective, [0.2]);
            string path = p.SaveHtml(Path.Combine(dir, "sub", "profile.html"));
            string text = File.ReadAllText(path);
            Assert.Equal(1, Count(text, PlotlyMarker));
            Assert.Contains("Pruning profile of prunAdag-V3", text);
        }
        finally { if (Directory.Exists(dir)) Directory.Delete(dir, true); }
    }

    [Fact]
    public void Text_from_the_user_is_html_encoded()
    {
        var r = Runs.Run(Method.V3, 5) with { ObjectiveName = "<script>alert(1)</script>" };
        string html = HtmlReport.For(r).ToHtmlFragment();
        Assert.DoesNotContain("<script>alert(1)", html);
        Assert.Contains("&lt;script&gt;alert(1)", html);
    }
}
