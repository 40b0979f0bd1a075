using System.Globalization;
using MathNet.Numerics.LinearAlgebra;
using PrunAdag.Cli.Commands;
using PrunAdag.Cli.Tests.Support;
using PrunAdag.IO;

namespace PrunAdag.Cli.Tests.Commands;

public class PruneCommandTests
{
    private static (string Problem, string Result) RunAdagrad(TempFolder tmp)
    {
        string problemPath = SmallProblem.SaveTo(tmp), resultPath = tmp.File("r.json");
        Assert.Equal(0, CliRunner.Run("run", "--problem", problemPath, "--method", "adagrad", "--max-iter", "10", "--output", resultPath).ExitCode);
        return (problemPath, resultPath);
    }

    /// <summary>The table rows: lines after the dashed rule.</summary>
    private static string[][] Rows(string stdout) =>
        stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .SkipWhile(l => !l.StartsWith("---", StringComparison.Ordinal)).Skip(1)
            .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToArray();

    [Fact]
    public void Prune_prints_one_row_per_default_sigma_with_the_achieved_sparsity()
    {
        using var tmp = new TempFolder();
        var (problem, result) = RunAdagrad(tmp);
        var x = ResultFile.Load(result).Solution;
        Assert.DoesNotContain(0.0, x); // so the achieved sparsity is exactly ⌈σn⌉/n

        var outcome = CliRunner.Run("prune", "--problem", problem, "--result", result);

        Assert.Equal(0, outcome.ExitCode);
        var rows = Rows(outcome.Stdout);
        Assert.Equal(9, rows.Length);
        // n = 40: σ = 10%, …, 90% prune 4, 8, …, 36 components, i.e. exactly σ.
        for (int i = 0; i < 9; i++)
        {
            Assert.Equal(((i + 1) * 10).ToString(CultureInfo.InvariantCulture), rows[i][0]);
            Assert.Equal(((i + 1) * 10).ToString(CultureInfo.InvariantCulture), rows[i][1]);
        }
    }

    [Fact]
    public void Prune_reports_rho_of_the_pruned_point()
    {
        using var tmp = new TempFolder();
        var (problem, result) = RunAdagrad(tmp);
        var x = ResultFile.Load(result).Solution;
        var p = ProblemFile.Load(problem);

        var outcome = CliRunner.Run("prune", "--problem", problem, "--result", result, "--sigmas", "25");

        // Independently: zero the 10 smallest |x_i| (25% of 40) and take ‖Aᵀ(A x̄ − b)‖.
        var order = Enumerable.Range(0, x.Count).OrderBy(i => Math.Abs(x[i])).Take(10).ToHashSet();
        var pruned = Vector<double>.Build.Dense(x.Count, i => order.Contains(i) ? 0 : x[i]);
        double rho = (p.A.TransposeThisAndMultiply(p.A * pruned - p.B)).L2Norm();
        var row = Assert.Single(Rows(outcome.Stdout));
        Assert.Equal(["25", "25"], row[..2]);
        Assert.Equal(rho, double.Parse(row[2], CultureInfo.InvariantCulture), rho * 1e-3);
    }

    [Fact]
    public void Custom_sigmas_with_an_ellipsis_fill_in_the_progression()
    {
        using var tmp = new TempFolder();
        var (problem, result) = RunAdagrad(tmp);

        var outcome = CliRunner.Run("prune", "--problem", problem, "--result", result, "--sigmas", "10,20,...,50");

        Assert.Equal(["10", "20", "30", "40", "50"], Rows(outcome.Stdout).Select(r => r[0]));
    }

    [Theory]
    [InlineData("10,20,...,90", new double[] { 10, 20, 30, 40, 50, 60, 70, 80, 90 })]
    [InlineData("5, 7.5", new double[] { 5, 7.5 })]
    [InlineData("0,25,...,100", new double[] { 0, 25, 50, 75, 100 })]
    [InlineData("10,30,...,60", new double[] { 10, 30, 50, 60 })]
    public void ParseSigmas_reads_percent_lists(string text, double[] expected) =>
        Assert.Equal(expected, PruneCommand.ParseSigmas(text));
}
