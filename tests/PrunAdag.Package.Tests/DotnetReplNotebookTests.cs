using System.Text.Json;
using System.Text.RegularExpressions;
using PrunAdag.Charts.Tests.Browser;

namespace PrunAdag.Package.Tests;

/// <summary>
/// Runs notebooks/smoke.dib in a real host, dotnet-repl 0.3.259 from the local tool manifest (it ships an
/// older FSharp.Core than Plotly.NET needs), against the packed packages: #i the local feed, #r the
/// package, which auto-loads extension.dib. Then renders the notebook's HTML outputs offline in Chromium.
/// </summary>
public sealed class SmokeNotebookRun
{
    public SmokeNotebookRun()
    {
        var feed = LocalFeed.Instance;
        Directory = System.IO.Directory.CreateTempSubdirectory("prunadag-repl-").FullName;
        string template = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "notebooks", "smoke.dib"));
        string notebook = Path.Combine(Directory, "smoke.dib");
        File.WriteAllText(notebook, template.Replace("{{FEED}}", feed.Directory).Replace("{{VERSION}}", feed.Version));
        Output = Path.Combine(Directory, "smoke-out.ipynb");

        var restore = Processes.Run("dotnet", ["tool", "restore"], feed.RepoRoot, TimeSpan.FromMinutes(5));
        if (restore.ExitCode != 0) throw new InvalidOperationException($"dotnet tool restore failed:\n{restore.Output}");
        (ExitCode, Log) = Processes.Run("dotnet", ["repl", "--run", notebook, "--exit-after-run", "--output-path", Output],
            feed.RepoRoot, TimeSpan.FromMinutes(8));
        Cells = File.Exists(Output)
            ? JsonDocument.Parse(File.ReadAllText(Output)).RootElement.GetProperty("cells").EnumerateArray().ToArray()
            : [];
    }

    public string Directory { get; }
    public string Output { get; }
    public int ExitCode { get; }
    public string Log { get; }
    public JsonElement[] Cells { get; }

    public static IEnumerable<JsonElement> Outputs(JsonElement cell) =>
        cell.TryGetProperty("outputs", out var o) ? o.EnumerateArray() : [];

    public static string Data(JsonElement output, string mime) =>
        output.TryGetProperty("data", out var d) && d.TryGetProperty(mime, out var v)
            ? v.ValueKind == JsonValueKind.Array ? string.Concat(v.EnumerateArray().Select(x => x.GetString())) : v.GetString() ?? ""
            : "";
}

public class DotnetReplNotebookTests(SmokeNotebookRun run) : IClassFixture<SmokeNotebookRun>
{
    private string Html(int cell) => string.Join("\n", SmokeNotebookRun.Outputs(run.Cells[cell]).Select(o => SmokeNotebookRun.Data(o, "text/html")));

    [Fact]
    public void The_notebook_runs_to_the_end_without_errors()
    {
        Assert.True(run.ExitCode == 0, $"dotnet repl exited with {run.ExitCode}:\n{run.Log}");
        Assert.Equal(4, run.Cells.Length);
        var errors = run.Cells.SelectMany(SmokeNotebookRun.Outputs)
            .Where(o => o.GetProperty("output_type").GetString() == "error" || SmokeNotebookRun.Data(o, "text/plain").Contains("Exception", StringComparison.Ordinal))
            .Select(o => o.ToString()).ToArray();
        Assert.True(errors.Length == 0, "error outputs:\n" + string.Join("\n", errors));
    }

    [Fact]
    public void The_saved_notebook_passes_the_output_checks_of_the_tutorial_runs()
    {
        // The same checks eng/run-notebooks.sh and eng/run-jupyter.sh apply: no error, nothing shown twice,
        // no progress display left, plotly.js inline exactly once.
        var (code, output) = Processes.Run("python3", [Path.Combine(LocalFeed.Instance.RepoRoot, "eng", "check-notebooks.py"), run.Output],
            LocalFeed.Instance.RepoRoot, TimeSpan.FromMinutes(1));
        Assert.True(code == 0, output);
    }

    [Fact]
    public void Referencing_the_package_loads_its_extension_dib()
    {
        string text = string.Join("\n", SmokeNotebookRun.Outputs(run.Cells[0]).Select(o => SmokeNotebookRun.Data(o, "text/plain")));
        Assert.Contains("interactive-extensions/dotnet/extension.dib", text);
    }

    [Fact]
    public void A_result_is_displayed_as_html_with_charts_and_plotly_embedded_once_per_session()
    {
        string result = Html(1);
        Assert.Contains("class=\"prunadag-summary\"", result);
        Assert.Contains("<td>prunAdag-V3</td>", result);
        Assert.Equal(2, Regex.Matches(result, "class=\"prunadag-chart[ \"]").Count); // Fig. 4 (two panels), set sizes
        string all = string.Join("\n", Enumerable.Range(0, run.Cells.Length).Select(Html));
        Assert.Single(Regex.Matches(all, "embedded by PrunAdag.Charts"));
        Assert.DoesNotMatch(new Regex(@"<script[^>]*\bsrc\s*=", RegexOptions.IgnoreCase), all);
    }

    [Fact]
    public void The_magic_command_shows_the_comparison_of_the_listed_methods()
    {
        string html = SmokeNotebookRun.Outputs(run.Cells[2]).Select(o => SmokeNotebookRun.Data(o, "text/html")).Last();
        foreach (var m in new[] { "prunAdag-V1", "prunAdag-V3", "Adagrad", "FW1" }) Assert.Contains($"<td>{m}</td>", html);
        Assert.Equal(2, Regex.Matches(html, "class=\"prunadag-chart[ \"]").Count); // Fig. 4, Fig. 2 (V1, V3)
    }

    [SkippableFact]
    public void The_notebook_html_renders_every_chart_in_an_offline_browser()
    {
        HeadlessChromium.Require();
        // The page a notebook front end builds: every HTML output in order (progress updates included).
        string body = string.Join("\n", Enumerable.Range(0, run.Cells.Length).Select(Html));
        string page = Path.Combine(run.Directory, "notebook.html");
        File.WriteAllText(page, "<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body>" + body + "</body></html>");
        string dom = HeadlessChromium.DumpDom(page);
        int charts = Regex.Matches(body, "class=\"prunadag-chart[ \"]").Count;
        Assert.Equal(2 + 2 + 3, charts); // result (Fig. 4, set sizes), comparison (Fig. 4, Fig. 2), pruning profile (ρ, ω, achieved)
        // One scatter layer per subplot: result 2 + 1, comparison 2 + 2 (V1 and V3), profile 3.
        Assert.Equal(2 + 1 + 2 + 2 + 3, Regex.Matches(dom, "class=\"scatterlayer mlayer\"").Count);
        Assert.Matches(new Regex("class=\"js-line\"[^>]*d=\"M[0-9.]+,[0-9.]+L"), dom);
    }
}
