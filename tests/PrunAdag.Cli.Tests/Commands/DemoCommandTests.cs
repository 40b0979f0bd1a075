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
