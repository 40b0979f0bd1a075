using System.Globalization;
using PrunAdag.Cli.Tests.Support;

namespace PrunAdag.Cli.Tests.Commands;

public class ReproduceFiguresCommandTests
{
    private static string[] Field(string line) => line.Split(',');

    [Fact]
    public void Fig2_writes_the_run_table_the_long_csv_the_markdown_and_the_html_report()
    {
        using var tmp = new TempFolder();
        var r = CliRunner.Run("reproduce", "figures", "--figure", "fig2", "--seeds", "2", "--max-iter", "30", "--jobs", "2", "--out", tmp.Path);
        Assert.True(r.ExitCode == 0, r.Stderr + r.Stdout);
        string dir = Path.Combine(tmp.Path, "fig2");
        var runs = File.ReadAllLines(Path.Combine(dir, "runs.csv"));
        var header = Field(runs[0]);
        Assert.Equal("check", header[0]);
        Assert.Equal(1 + 4 * 2, runs.Length); // V1..V4 × 2 seeds
        int o = Array.IndexOf(header, "mean_optimisable_first_1000"), a = Array.IndexOf(header, "mean_acceptable_first_1000"),
            d = Array.IndexOf(header, "mean_decreasable_first_1000"), t = Array.IndexOf(header, "target_relevant");
        foreach (var line in runs.Skip(1))
        {
            var f = Field(line);
            double mo = double.Parse(f[o], CultureInfo.InvariantCulture), ma = double.Parse(f[a], CultureInfo.InvariantCulture),
                   md = double.Parse(f[d], CultureInfo.InvariantCulture);
            // O_k = R_k ∪ A_k with |R_k| = T, and O_k, D_k partition the n = 1000 components (docs/algorithm.md, Step 3).
            Assert.Equal(100, int.Parse(f[t], CultureInfo.InvariantCulture));
            Assert.Equal(mo - 100, ma, 9);
            Assert.Equal(1000, mo + md, 9);
        }
        var csv = File.ReadAllLines(Path.Combine(dir, "results.csv"));
        Assert.StartsWith("experiment,problem,method,seed,sigma", csv[0]);
        Assert.Equal(1 + 4 * 2 * 3, csv.Length); // × σ = 10, 30, 50 %
        var md2 = File.ReadAllText(Path.Combine(dir, "table.md"));
        Assert.Contains("prunadag reproduce figures --figure fig2", md2);
        Assert.Contains("| prunAdag-V3 |", md2);
        Assert.StartsWith("<!DOCTYPE html>", File.ReadAllText(Path.Combine(dir, "report.html")));
    }

    [Fact]
    public void Fig3_runs_every_T_of_the_figure()
    {
        using var tmp = new TempFolder();
        var r = CliRunner.Run("reproduce", "figures", "--figure", "fig3", "--seeds", "1", "--max-iter", "5", "--out", tmp.Path);
        Assert.True(r.ExitCode == 0, r.Stderr + r.Stdout);
        var runs = File.ReadAllLines(Path.Combine(tmp.Path, "fig3", "runs.csv"));
        int t = Array.IndexOf(Field(runs[0]), "target_relevant");
        var targets = runs.Skip(1).Select(l => int.Parse(Field(l)[t], CultureInfo.InvariantCulture)).Distinct().Order().ToArray();
        Assert.Equal([25, 50, 100, 200, 400], targets);
        Assert.Contains("| T = 25 |", r.Stdout);
    }

    [Fact]
    public void Results_do_not_depend_on_the_number_of_jobs()
    {
        using var one = new TempFolder();
        using var two = new TempFolder();
        string[] common = ["reproduce", "figures", "--figure", "a5", "--seeds", "3", "--max-iter", "40"];
        Assert.Equal(0, CliRunner.Run([.. common, "--jobs", "1", "--out", one.Path]).ExitCode);
        Assert.Equal(0, CliRunner.Run([.. common, "--jobs", "2", "--out", two.Path]).ExitCode);
        static string[] WithoutSeconds(string path) => File.ReadAllLines(path).Select(l => l[..l.LastIndexOf(',')]).ToArray();
        Assert.Equal(WithoutSeconds(Path.Combine(one.Path, "a5", "runs.csv")), WithoutSeconds(Path.Combine(two.Path, "a5", "runs.csv")));
        Assert.Equal(WithoutSeconds(Path.Combine(one.Path, "a5", "results.csv")), WithoutSeconds(Path.Combine(two.Path, "a5", "results.csv")));
        // Both readings of A5 ran.
        Assert.Contains("random-ls:A5-01", File.ReadAllText(Path.Combine(one.Path, "a5", "table.md")));
    }

    [Theory]
    [InlineData("fig4", "fig4")]
    [InlineData("", "empty")]
    [InlineData("fig1,,fig2", "item 2 of 'fig1,,fig2' is empty")] // was dropped in silence
    [InlineData("fig1,FIG1", "listed twice")]                     // was run once in silence
    public void A_bad_figure_list_is_a_one_line_error_with_exit_code_2(string value, string named)
    {
        using var tmp = new TempFolder();
        var r = CliRunner.Run("reproduce", "figures", "--figure", value, "--out", tmp.Path);
        Assert.Equal(2, r.ExitCode);
        Assert.Single(r.StderrLines);
        Assert.Contains(named, r.Stderr);
        Assert.Contains("--figure", r.Stderr);
    }

    [Fact]
    public void The_a9a_check_without_its_data_is_a_user_error_naming_the_file()
    {
        using var tmp = new TempFolder();
        Directory.CreateDirectory(tmp.File("data"));
        var r = CliRunner.Run("reproduce", "figures", "--figure", "a9a-ties", "--data", tmp.File("data"), "--out", tmp.File("out"));
        Assert.Equal(2, r.ExitCode);
        Assert.Single(r.StderrLines);
        Assert.Contains("a9a.gz", r.Stderr);
        Assert.False(Directory.Exists(tmp.File("out")));
    }
}
