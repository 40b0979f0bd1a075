using PrunAdag.Cli.Tests.Support;
using PrunAdag.IO;
using PrunAdag.Tests.Shared;

namespace PrunAdag.Cli.Tests.Commands;

/// <summary>
/// One registration (<see cref="TestStepMethod"/>, done once for this test assembly) makes a method appear everywhere
/// the command line and the files reach: --help, run and its options, the result file, reproduce, tables and reports.
/// </summary>
public class MethodRegistryTests
{
    [Fact]
    public void The_registered_method_and_its_parameter_appear_in_run_help()
    {
        var r = CliRunner.Run("run", "--help");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("test-step", r.Stdout);                     // in the --method list
        Assert.Contains("--shrink", r.Stdout);                      // its own parameter, with its description and range
        Assert.Contains("The step length c of x ← x − c·g. Default 0.5. Valid: in (0, 1]. Only test-step.", r.Stdout);
        Assert.Contains("test-step", CliRunner.Run("reproduce", "least-squares", "--help").Stdout);
    }

    [Fact]
    public void Run_takes_its_parameter_checks_its_range_and_writes_a_result_that_repeats_bitwise()
    {
        using var tmp = new TempFolder();
        string problem = SmallProblem.SaveTo(tmp), output = tmp.File("r.json");
        var ok = CliRunner.Run("run", "--problem", problem, "--method", "test-step", "--shrink", "0.25", "--max-iter", "12", "--output", output);
        Assert.True(ok.ExitCode == 0, ok.Stderr);

        var saved = ResultFile.Load(output);
        Assert.Same(TestStepMethod.Method, saved.Method);
        Assert.Equal(0.25, Assert.IsType<TestStepOptions>(saved.Options).Shrink);
        Assert.Null(saved.Optimisable); // it does not classify, so the file has no set sizes
        var p = SmallProblem.Create();
        var again = Minimizer.Create(saved.Method, saved.Options).Minimize(p.ToObjective(), p.X0);
        Assert.Equal(again.Solution.ToArray(), saved.Solution.ToArray());
        // x_1 = x_0 − 0.25 g_0, computed here from the problem's own gradient.
        var one = Minimizer.Create(saved.Method, saved.Options with { MaxIterations = 1 }).Minimize(p.ToObjective(), p.X0);
        var g0 = p.ToObjective().Gradient(p.X0);
        for (int i = 0; i < p.Dimension; i++) Assert.Equal(p.X0[i] - 0.25 * g0[i], one.Solution[i]);

        var bad = CliRunner.Run("run", "--problem", problem, "--method", "test-step", "--shrink", "2", "--output", output);
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("--shrink must be in (0, 1]; got 2", bad.Stderr);
        var foreign = CliRunner.Run("run", "--problem", problem, "--method", "v3", "--shrink", "0.5", "--output", output);
        Assert.Equal(2, foreign.ExitCode);
        Assert.Contains("--shrink does not apply to v3", foreign.Stderr);
    }

    [Fact]
    public void Reproduce_runs_it_and_its_tables_and_report_name_it()
    {
        using var tmp = new TempFolder();
        var r = CliRunner.Run("reproduce", "least-squares", "--problems", "A1", "--methods", "test-step,v3", "--seeds", "1",
            "--max-iter", "10", "--jobs", "1", "--out", tmp.Path);
        Assert.True(r.ExitCode == 0, r.Stderr + r.Stdout);
        var rows = File.ReadAllLines(tmp.File("results.csv")).Skip(1).ToArray();
        Assert.Equal(9, rows.Count(l => l.Split(',')[2] == "test-step"));
        Assert.Contains("| TestStep |", File.ReadAllText(tmp.File("table.md")));
        Assert.Contains("TestStep", File.ReadAllText(tmp.File("report.html")));
    }

    [Fact]
    public void Registering_a_taken_name_or_a_malformed_one_is_refused()
    {
        Assert.Throws<ArgumentException>(() => Method.Register<TestStepOptions>("v3", "Other", "", (o, layout) => null!));
        Assert.Throws<ArgumentException>(() => Method.Register<TestStepOptions>("Bad Name", "Bad", "", (o, layout) => null!));
        Assert.Throws<ArgumentException>(() => Method.Register<TestStepOptions>("other", "TestStep", "", (o, layout) => null!));
    }
}
