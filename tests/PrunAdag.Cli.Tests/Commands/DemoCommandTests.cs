using PrunAdag.Cli.Tests.Support;

namespace PrunAdag.Cli.Tests.Commands;

public class DemoCommandTests
{
    private static readonly string[] MethodLabels = ["prunAdag-V1", "prunAdag-V2", "prunAdag-V3", "prunAdag-V4", "Adagrad", "FW1", "FW2"];

    [Fact]
    public void Demo_on_a_small_problem_prints_all_seven_methods()
    {
        var outcome = CliRunner.Run("demo", "--m", "10", "--n", "60", "--max-iter", "40", "--seed", "3");

        Assert.Equal(0, outcome.ExitCode);
        Assert.Equal("", outcome.Stderr);
        var rows = outcome.StdoutLines.SkipWhile(l => !l.StartsWith("---")).Skip(1).TakeWhile(l => l.Trim().Length > 0 && !l.StartsWith("ρ")).ToArray();
        Assert.Equal(MethodLabels, rows.Select(r => r.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0]));
        // Columns: method, iterations, stop reason, final ‖g‖, ρ at 10..70% (7 values).
        Assert.All(rows, r => Assert.Equal(4 + 7, r.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length));
        Assert.Contains("m = 10, n = 60, T = 6, seed = 3", outcome.Stdout);
    }

    [Theory]
    [InlineData("a5-01", "Random least squares A5-01:")]
    [InlineData("A3", "Random least squares A3:")]
    public void Demo_takes_the_catalogues_class_names(string cls, string header)
    {
        var outcome = CliRunner.Run("demo", "--m", "8", "--n", "40", "--max-iter", "5", "--class", cls);
        Assert.True(outcome.ExitCode == 0, outcome.Stderr);
        Assert.Contains(header, outcome.Stdout);
        Assert.DoesNotContain("A5ZeroOne", outcome.Stdout);
    }

    [Theory]
    [InlineData("7")] [InlineData("A5ZeroOne")] [InlineData("a7")]
    public void Demo_refuses_a_class_outside_the_catalogue_naming_the_option_and_the_names(string cls)
    {
        var outcome = CliRunner.Run("demo", "--class", cls);
        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains($"--class: '{cls}' is not one of A1, A2, A3, A4, A5, A6, A5-01.", outcome.Stderr);
        Assert.DoesNotContain("PrunAdag.Problems", outcome.Stderr);
        Assert.Equal("", outcome.Stdout);
    }

    [Fact]
    public void Demo_output_is_the_same_for_the_same_seed_and_differs_for_another()
    {
        string[] args = ["demo", "--m", "8", "--n", "40", "--max-iter", "30"];
        var a = CliRunner.Run([.. args, "--seed", "5"]);
        var b = CliRunner.Run([.. args, "--seed", "5"]);
        var c = CliRunner.Run([.. args, "--seed", "6"]);

        Assert.Equal(a.Stdout, b.Stdout);
        Assert.NotEqual(a.Stdout.Replace("seed = 5", ""), c.Stdout.Replace("seed = 6", ""));
    }

    [Fact]
    public void Running_prunadag_without_arguments_runs_the_default_demo()
    {
        var outcome = CliRunner.Run();

        Assert.Equal(0, outcome.ExitCode);
        Assert.Contains("m = 100, n = 1000, T = 100, seed = 1, max-iter = 10000", outcome.Stdout);
        foreach (var label in MethodLabels) Assert.Contains(label, outcome.Stdout);
    }
}
