using System.Text.RegularExpressions;

namespace PrunAdag.Charts.Tests;

public class HtmlReportTests
{
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
        Assert.Equal(2, Count(html, "class=\"prunadag-chart\""));
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
        Assert.Equal(3, Count(fragment, "class=\"prunadag-chart\""));
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
        Assert.Equal(2 + 3, report.Charts.Count);
        Assert.Contains("class=\"prunadag-pruning\"", report.ToHtmlFragment());
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
