using System.Text.RegularExpressions;

namespace PrunAdag.Charts.Tests.Browser;

/// <summary>Real-browser checks: headless Chromium with the network off draws every chart as SVG.</summary>
public class OfflineRenderingTests
{
    private static int CountMatches(string text, string pattern) => Regex.Matches(text, pattern).Count;

    private static string Render(string html)
    {
        string dir = Directory.CreateTempSubdirectory("prunadag-render-").FullName;
        try
        {
            string path = Path.Combine(dir, "page.html");
            File.WriteAllText(path, html);
            return HeadlessChromium.DumpDom(path);
        }
        finally { Directory.Delete(dir, true); }
    }

    [SkippableFact]
    public void A_saved_result_page_renders_every_chart_offline()
    {
        var r = Runs.Run(Method.V3, 200);
        string dom = Render(r.ToHtml());
        // Fig. 4 (‖g‖ and % below δ, two subplots) and the set sizes: each subplot gets a scatter layer
        // whose trace paths carry data ("M" path commands), not a blank div.
        Assert.True(CountMatches(dom, "class=\"main-svg\"") >= 2, "expected a main-svg per chart");
        Assert.Equal(3, CountMatches(dom, "class=\"scatterlayer mlayer\""));
        Assert.Matches(new Regex("class=\"js-line\"[^>]*d=\"M[0-9.]+,[0-9.]+L"), dom);
        // The fallback message (drawn into the div when plotly.js never arrives) is not there.
        Assert.DoesNotMatch(new Regex("class=\"prunadag-chart\"[^>]*><p "), dom);
    }

    [SkippableFact]
    public void Charts_render_when_the_page_has_an_amd_loader()
    {
        // A page with require.js defines define.amd; plotly.js would then register as an AMD module and
        // never set window.Plotly. This stub is enough to trigger that branch of plotly's UMD header.
        var r = Runs.Run(Method.Adagrad, 100);
        string html = r.ToHtml().Replace("<head>",
            "<head>\n<script>window.define = function (deps, factory) { window.__amdCalls = (window.__amdCalls || 0) + 1; }; window.define.amd = {};</script>",
            StringComparison.Ordinal);
        string dom = Render(html);
        Assert.Equal(2, CountMatches(dom, "class=\"scatterlayer mlayer\""));
    }

    [SkippableFact]
    public void A_fragment_draws_once_plotly_is_loaded_later_in_the_page()
    {
        // The notebook situation: the chart's div and script arrive before plotly.js is injected.
        var p = Runs.Run(Method.V4, 100).PruningProfile(Runs.Objective, Pruning.PaperSigmas);
        string fragment = HtmlReport.For(p).ToHtmlFragment();
        string html = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body>" + fragment +
                      "<script>setTimeout(function () { var s = document.createElement('div'); document.body.appendChild(s); }, 10);</script>" +
                      PlotlyJs.ScriptTag + "</body></html>";
        string dom = Render(html);
        Assert.Equal(3, CountMatches(dom, "class=\"scatterlayer mlayer\""));
    }
}
