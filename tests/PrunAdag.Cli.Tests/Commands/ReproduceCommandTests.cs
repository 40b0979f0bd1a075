using PrunAdag.Cli.Tests.Support;

namespace PrunAdag.Cli.Tests.Commands;

public class ReproduceCommandTests
{
    [Fact]
    public void A_small_reproduction_writes_the_csv_the_markdown_table_and_the_html_report()
    {
        using var tmp = new TempFolder();
        var r = CliRunner.Run("reproduce", "least-squares", "--problems", "random-ls:A1,random-ls:A6", "--methods", "v3,adagrad",
            "--seeds", "2", "--max-iter", "50", "--jobs", "2", "--out", tmp.Path);
        Assert.True(r.ExitCode == 0, r.Stderr + r.Stdout);
        var csv = File.ReadAllLines(tmp.File("results.csv"));
        Assert.Equal("experiment,problem,method,seed,sigma,achieved_sparsity,rho,omega,accuracy,iterations,final_grad_norm,stop_reason,seconds", csv[0]);
        // 2 problems × 2 seeds × 2 methods × 9 sigmas.
        Assert.Equal(1 + 2 * 2 * 2 * 9, csv.Length);
        Assert.False(File.Exists(tmp.File("results.csv.partial")));
        var md = File.ReadAllText(tmp.File("table.md"));
        Assert.Contains("## random-ls:A1", md);
        Assert.Contains("| prunAdag-V3 | 2 |", md);
        var html = File.ReadAllText(tmp.File("report.html"));
        Assert.StartsWith("<!DOCTYPE html>", html);
        Assert.Contains("report: " + tmp.File("report.html"), r.Stdout);
    }

    [Fact]
    public void Results_do_not_depend_on_the_number_of_jobs()
    {
        using var one = new TempFolder();
        using var two = new TempFolder();
        string[] common = ["reproduce", "least-squares", "--problems", "random-ls:A2", "--methods", "v1,fw2", "--seeds", "3", "--max-iter", "40"];
        Assert.Equal(0, CliRunner.Run([.. common, "--jobs", "1", "--out", one.Path]).ExitCode);
        Assert.Equal(0, CliRunner.Run([.. common, "--jobs", "3", "--out", two.Path]).ExitCode);
        // Every column but the timing is identical.
        static string[] WithoutSeconds(string path) => File.ReadAllLines(path).Select(l => l[..l.LastIndexOf(',')]).ToArray();
        Assert.Equal(WithoutSeconds(one.File("results.csv")), WithoutSeconds(two.File("results.csv")));
    }

    [Theory]
    [InlineData("--methods", "v3,sgd", "sgd")]
    [InlineData("--problems", "random-ls:A9", "random-ls:A9")]
    [InlineData("--seeds", "0", "--seeds")]
    public void Bad_values_are_one_line_errors_with_exit_code_2(string option, string value, string named)
    {
        using var tmp = new TempFolder();
        var r = CliRunner.Run("reproduce", "least-squares", option, value, "--max-iter", "5", "--out", tmp.Path);
        Assert.Equal(2, r.ExitCode);
        Assert.Single(r.StderrLines);
        Assert.Contains(named, r.Stderr);
    }

    [Fact]
    public void An_unknown_family_is_rejected()
    {
        var r = CliRunner.Run("reproduce", "table9");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("table9", r.Stderr);
    }

    private static readonly string[] Subcommands = ["least-squares", "sparco", "sparse-coding", "classification", "figures", "neural"];

    // The family was once an argument of `reproduce`, so the help of `reproduce neural` read
    // "Usage: prunadag reproduce <family> neural" and listed the four families as its arguments.
    [Theory]
    [InlineData("least-squares")]
    [InlineData("sparco")]
    [InlineData("sparse-coding")]
    [InlineData("classification")]
    [InlineData("figures")]
    [InlineData("neural")]
    public void Each_reproduce_command_help_shows_the_line_a_user_types(string name)
    {
        var r = CliRunner.Run("reproduce", name, "--help");
        Assert.Equal(0, r.ExitCode);
        string help = r.Stdout.Replace("\r\n", "\n");
        Assert.Contains($"Usage:\n  prunadag reproduce {name} [options]\n", help);
        Assert.DoesNotContain("<family>", help);
        Assert.DoesNotContain("Arguments:", help);
        Assert.Contains("--out <DIR>", help);
    }

    [Fact]
    public void Reproduce_help_lists_every_family_the_figure_checks_and_the_network()
    {
        var r = CliRunner.Run("reproduce", "--help");
        Assert.Equal(0, r.ExitCode);
        foreach (var name in Subcommands) Assert.Contains("  " + name + " ", r.Stdout);
    }

    [Theory]
    [InlineData("")]
    [InlineData("table9")]
    public void Reproduce_without_a_known_command_is_one_line_that_names_all_six(string name)
    {
        var r = CliRunner.Run(name.Length == 0 ? ["reproduce"] : ["reproduce", name]);
        Assert.Equal(2, r.ExitCode);
        Assert.Single(r.StderrLines);
        Assert.StartsWith("prunadag reproduce: error:", r.Stderr);
        Assert.Contains("Choose one of: " + string.Join(", ", Subcommands) + ".", r.Stderr);
    }

    [Theory]
    [InlineData("least-squares")]
    [InlineData("sparco")]
    public void A_family_help_names_the_problems_its_plan_runs(string family)
    {
        string help = CliRunner.Run("reproduce", family, "--help").Stdout;
        foreach (var problem in PrunAdag.Experiments.PaperExperiments.Plan(family, seeds: 1).Plan.Problems)
            Assert.Contains(problem, help);
    }

    [Fact]
    public void An_error_in_a_family_names_the_family_command()
    {
        var r = CliRunner.Run("reproduce", "sparco", "--methods", "v1,v1");
        Assert.Equal(2, r.ExitCode);
        Assert.Equal("prunadag reproduce sparco: error: --methods: 'v1' is listed twice in 'v1,v1'; each may appear once.", Assert.Single(r.StderrLines));
    }
}
