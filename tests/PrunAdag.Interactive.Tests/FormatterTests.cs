using Microsoft.DotNet.Interactive.Events;
using Microsoft.DotNet.Interactive.Formatting;

namespace PrunAdag.Interactive.Tests;

[Collection("kernel")]
public class FormatterTests
{
    private static string Marker => PrunAdag.Charts.PlotlyJs.Source.Substring(PrunAdag.Charts.PlotlyJs.Source.IndexOf("!function(t,e){", StringComparison.Ordinal), 60);

    private static async Task<string> HtmlOf(Microsoft.DotNet.Interactive.CompositeKernel kernel, string expression)
    {
        var r = await Kernels.SubmitOk(kernel, expression);
        var produced = r.Events.OfType<ReturnValueProduced>().Single();
        return produced.FormattedValues.Single(v => v.MimeType == "text/html").Value;
    }

    [Theory]
    [InlineData("Run(Method.V3, 100)", "prunadag-summary", 2)]
    [InlineData("new Comparison(new[] { Run(Method.V1, 50), Run(Method.Adagrad, 50) })", "prunadag-summary", 2)]
    [InlineData("new List<MinimizationResult> { Run(Method.V2, 50), Run(Method.FW1, 50) }", "prunadag-summary", 2)]
    [InlineData("new[] { Run(Method.V2, 50), Run(Method.FW2, 50) }", "prunadag-summary", 2)]
    [InlineData("Run(Method.V3, 80).PruningProfile(f, Pruning.PaperSigmas)", "prunadag-pruning", 3)]
    [InlineData("new List<PruningProfile> { Run(Method.V3, 80).PruningProfile(f, [0.3, 0.5]), Run(Method.V4, 80).PruningProfile(f, [0.3, 0.5]) }", "prunadag-pruning", 3)]
    [InlineData("new[] { Run(Method.V3, 80).PruningProfile(f, [0.3]) }", "prunadag-pruning", 3)]
    [InlineData("GradientChecker.Check(f, x0)", "prunadag-gradient-check", 1)]
    [InlineData("ProblemCatalog.Create(\"random-ls:A1\", 1)", "prunadag-problem", 0)]
    [InlineData("Figures.SetSizes(new[] { Run(Method.V1, 40), Run(Method.V3, 40) })", "prunadag-charts", 1)]
    [InlineData("HtmlReport.For(Run(Method.V1, 40)).AddChart(Figures.GradientNorm(Run(Method.V2, 40)))", "prunadag-summary", 3)]
    public async Task Every_type_is_displayed_as_html_with_its_table_and_charts(string expression, string tableClass, int charts)
    {
        using var kernel = await Kernels.CreateAsync();
        await Kernels.SubmitOk(kernel, Snippets.Problem);
        string html = await HtmlOf(kernel, expression);
        Assert.Matches($"class=\"{tableClass}[ \"]", html);
        Assert.Equal(charts, System.Text.RegularExpressions.Regex.Matches(html, "class=\"prunadag-chart[ \"]").Count);
        Assert.DoesNotMatch(@"<script[^>]*\bsrc\s*=", html);
    }

    [Fact]
    public async Task Plotly_is_injected_with_the_first_chart_display_of_a_session_only()
    {
        using var kernel = await Kernels.CreateAsync();
        await Kernels.SubmitOk(kernel, Snippets.Problem);
        string problem = await HtmlOf(kernel, "ProblemCatalog.Create(\"random-ls:A1\", 1)");
        string first = await HtmlOf(kernel, "Run(Method.V3, 30)");
        string second = await HtmlOf(kernel, "Run(Method.V4, 30)");
        Assert.DoesNotContain(Marker, problem); // no chart, no plotly yet
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(first, System.Text.RegularExpressions.Regex.Escape(Marker)));
        Assert.DoesNotContain(Marker, second);
        Assert.Contains("window.Plotly", second);

        // Another session (kernel) gets its own copy.
        using var other = await Kernels.CreateAsync();
        await Kernels.SubmitOk(other, Snippets.Problem);
        Assert.Contains(Marker, await HtmlOf(other, "Run(Method.V3, 30)"));
    }

    [Fact]
    public async Task Plain_text_is_the_one_line_summary()
    {
        using var kernel = await Kernels.CreateAsync();
        await Kernels.SubmitOk(kernel, Snippets.Problem);
        var r = await Kernels.SubmitOk(kernel, "var r = Run(Method.V3, 20); r");
        var produced = r.Events.OfType<ReturnValueProduced>().Single();
        var result = Assert.IsType<MinimizationResult>(produced.Value);
        Assert.Equal(result.ToString(), Formatter.ToDisplayString(result, PlainTextFormatter.MimeType));
        Assert.StartsWith("prunAdag-V3 on ", result.ToString());
    }

    [Theory]
    [InlineData("new List<MinimizationResult>()", "No runs to show")]
    [InlineData("new List<PruningProfile>()", "No pruning profiles to show")]
    public async Task An_empty_list_is_a_line_saying_so_not_an_error(string expression, string expected)
    {
        using var kernel = await Kernels.CreateAsync();
        await Kernels.SubmitOk(kernel, Snippets.Problem);
        var r = await Kernels.SubmitOk(kernel, expression);
        var produced = r.Events.OfType<ReturnValueProduced>().Single();
        Assert.Contains(expected, produced.FormattedValues.Single(v => v.MimeType == "text/html").Value);
        Assert.Contains(expected, produced.FormattedValues.Single(v => v.MimeType == "text/plain").Value);
    }

    [Fact]
    public async Task A_chart_and_a_list_of_problems_have_readable_text()
    {
        using var kernel = await Kernels.CreateAsync();
        await Kernels.SubmitOk(kernel, Snippets.Problem);
        var chart = await Kernels.SubmitOk(kernel, "Figures.GradientNorm(new[] { Run(Method.V1, 20), Run(Method.V3, 20) })");
        string text = chart.Events.OfType<ReturnValueProduced>().Single().FormattedValues.Single(v => v.MimeType == "text/plain").Value;
        Assert.StartsWith("Chart", text);
        Assert.Contains("prunAdag-V1", text);
        Assert.DoesNotContain("FSharpList", text);
        var problems = await Kernels.SubmitOk(kernel, "new[] { ProblemCatalog.Create(\"random-ls:A1\", 1), ProblemCatalog.Create(\"random-ls:A2\", 1) }");
        string html = problems.Events.OfType<ReturnValueProduced>().Single().FormattedValues.Single(v => v.MimeType == "text/html").Value;
        Assert.Equal(2, System.Text.RegularExpressions.Regex.Matches(html, "<li>").Count);
    }
}
