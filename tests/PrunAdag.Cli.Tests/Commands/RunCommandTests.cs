using System.Text.Json;
using PrunAdag.Cli.Tests.Support;
using PrunAdag.IO;

namespace PrunAdag.Cli.Tests.Commands;

public class RunCommandTests
{
    [Theory]
    [InlineData("v1")]
    [InlineData("v3")]
    [InlineData("relevant-only")]
    [InlineData("adagrad")]
    [InlineData("fw1")]
    public void Run_writes_a_result_whose_x_equals_the_library_call_bitwise(string cliName)
    {
        var method = Method.Parse(cliName);
        using var tmp = new TempFolder();
        string problemPath = SmallProblem.SaveTo(tmp);
        string resultPath = tmp.File("result.json");

        var outcome = CliRunner.Run("run", "--problem", problemPath, "--method", cliName, "--max-iter", "60", "--output", resultPath);

        Assert.Equal(0, outcome.ExitCode);
        Assert.Equal("", outcome.Stderr);
        var result = ResultFile.Load(resultPath);
        // The same call through the library: T from the problem file (6) where the method has a T, the iteration limit from the option.
        var problem = SmallProblem.Create();
        var expected = Minimizer.Create(method, method.DefaultOptions.WithTargetRelevant(6) with { MaxIterations = 60 })
            .Minimize(problem.ToObjective(), problem.X0);
        Assert.Equal(method, result.Method);
        Assert.Equal(expected.Iterations, result.Iterations);
        Assert.Equal(expected.StopReason, result.StopReason);
        for (int i = 0; i < problem.Dimension; i++)
            Assert.True(SmallProblem.SameBits(expected.Solution[i], result.Solution[i]), $"x[{i}]");
    }

    [Fact]
    public void Run_with_record_objective_and_iterate_every_writes_the_values_and_iterates_of_the_library_call()
    {
        using var tmp = new TempFolder();
        string problemPath = SmallProblem.SaveTo(tmp), resultPath = tmp.File("r.json");

        var outcome = CliRunner.Run("run", "--problem", problemPath, "--method", "v3", "--max-iter", "25",
            "--record-objective", "true", "--iterate-every", "10", "--output", resultPath);

        Assert.Equal(0, outcome.ExitCode);
        var problem = SmallProblem.Create();
        var expected = Minimizer.Create(Method.V3, Method.V3.DefaultOptions.WithTargetRelevant(6) with { MaxIterations = 25, RecordObjective = true, IterateEvery = 10 })
            .Minimize(problem.ToObjective(), problem.X0);
        using var doc = JsonDocument.Parse(File.ReadAllText(resultPath));
        var root = doc.RootElement;
        var values = root.GetProperty("objectiveValues").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        Assert.Equal(26, values.Length);
        for (int k = 0; k <= 25; k++) Assert.True(SmallProblem.SameBits(expected.Trace.Value![k], values[k]), $"objectiveValues[{k}]");
        var kept = root.GetProperty("iterates").EnumerateArray().ToArray();
        Assert.Equal([0, 10, 20, 25], kept.Select(e => e.GetProperty("k").GetInt32()));
        var last = kept[^1].GetProperty("x").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        for (int i = 0; i < problem.Dimension; i++) Assert.True(SmallProblem.SameBits(expected.Solution[i], last[i]), $"iterates[^1].x[{i}]");
        Assert.True(root.GetProperty("options").GetProperty("recordObjective").GetBoolean());
        Assert.Equal(10, root.GetProperty("options").GetProperty("iterateEvery").GetInt32());
    }

    [Fact]
    public void Run_writes_K_plus_1_entries_per_iterate_and_K_per_step()
    {
        using var tmp = new TempFolder();
        string problemPath = SmallProblem.SaveTo(tmp), resultPath = tmp.File("r.json");

        Assert.Equal(0, CliRunner.Run("run", "--problem", problemPath, "--method", "relevant-only", "--max-iter", "25", "--output", resultPath).ExitCode);

        using var doc = JsonDocument.Parse(File.ReadAllText(resultPath));
        var root = doc.RootElement;
        int k = root.GetProperty("iterations").GetInt32();
        Assert.Equal(25, k);
        Assert.Equal(k + 1, root.GetProperty("gradNorm").GetArrayLength());
        Assert.Equal(k + 1, root.GetProperty("belowDelta").GetArrayLength());
        Assert.Equal(k, root.GetProperty("optimisable").GetArrayLength());
        Assert.Equal(k, root.GetProperty("decreasable").GetArrayLength());
        // Relevant-only has no acceptable set.
        Assert.All(root.GetProperty("acceptable").EnumerateArray(), a => Assert.Equal(0, a.GetInt32()));
        Assert.Equal("relevant-only", root.GetProperty("method").GetString());
        Assert.Equal(40, root.GetProperty("n").GetInt32());
        Assert.Equal(6, root.GetProperty("targetRelevant").GetInt32());
        Assert.Equal("IterationLimit", root.GetProperty("stopReason").GetString());
        Assert.True(root.GetProperty("elapsedSeconds").GetDouble() >= 0);
        Assert.Equal(JsonValueKind.Object, root.GetProperty("options").ValueKind);
    }

    [Fact]
    public void Every_double_in_the_result_parses_back_to_the_library_value_exactly()
    {
        using var tmp = new TempFolder();
        string problemPath = SmallProblem.SaveTo(tmp), resultPath = tmp.File("r.json");
        Assert.Equal(0, CliRunner.Run("run", "--problem", problemPath, "--method", "v2", "--max-iter", "30", "--output", resultPath).ExitCode);

        var problem = SmallProblem.Create();
        var expected = Minimizer.Create(Method.V2, new PrunAdagOptions { TargetRelevant = 6, MaxIterations = 30 })
            .Minimize(problem.ToObjective(), problem.X0);
        // Parse with System.Text.Json directly (not our reader) so the check is independent of ResultFile.Load.
        using var doc = JsonDocument.Parse(File.ReadAllText(resultPath));
        var x = doc.RootElement.GetProperty("x").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        var g = doc.RootElement.GetProperty("gradNorm").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        for (int i = 0; i < x.Length; i++) Assert.True(SmallProblem.SameBits(expected.Solution[i], x[i]), $"x[{i}]");
        for (int i = 0; i < g.Length; i++) Assert.True(SmallProblem.SameBits(expected.Trace.GradientNorm[i], g[i]), $"gradNorm[{i}]");
        Assert.True(SmallProblem.SameBits(expected.FinalValue!.Value, doc.RootElement.GetProperty("f").GetDouble()));
    }

    [Fact]
    public void Options_reach_the_minimizer_and_are_recorded()
    {
        using var tmp = new TempFolder();
        string problemPath = SmallProblem.SaveTo(tmp), resultPath = tmp.File("r.json");

        var outcome = CliRunner.Run("run", "--problem", problemPath, "--method", "fw2", "--output", resultPath,
            "--target-relevant", "4", "--max-iter", "20", "--gtol", "1e-6", "--tau", "12.5", "--beta", "0.25", "--delta", "0.01");

        Assert.Equal(0, outcome.ExitCode);
        var r = ResultFile.Load(resultPath);
        Assert.Equal(4, r.TargetRelevant);
        var o = Assert.IsType<FrankWolfeOptions>(r.Options);
        Assert.Equal(20, o.MaxIterations);
        Assert.Equal(1e-6, o.GradientTolerance);
        Assert.Equal(12.5, o.Tau);
        Assert.Equal(0.25, o.Beta);
        Assert.Equal(0.01, o.Delta);
        var problem = SmallProblem.Create();
        var expected = Minimizer.Create(Method.FW2, new FrankWolfeOptions
        {
            TargetRelevant = 4, MaxIterations = 20, GradientTolerance = 1e-6, Tau = 12.5, Beta = 0.25, Delta = 0.01,
        }).Minimize(problem.ToObjective(), problem.X0);
        for (int i = 0; i < problem.Dimension; i++) Assert.True(SmallProblem.SameBits(expected.Solution[i], r.Solution[i]), $"x[{i}]");
    }

    [Fact]
    public void Sigma0_and_base_variant_reach_relevant_only()
    {
        using var tmp = new TempFolder();
        string problemPath = SmallProblem.SaveTo(tmp), resultPath = tmp.File("r.json");

        Assert.Equal(0, CliRunner.Run("run", "--problem", problemPath, "--method", "relevant-only", "--output", resultPath,
            "--sigma0", "0.05", "--base-variant", "v1", "--max-iter", "15").ExitCode);

        var r = ResultFile.Load(resultPath);
        var o = Assert.IsType<RelevantOnlyOptions>(r.Options);
        Assert.Equal(0.05, o.Sigma0);
        Assert.Equal(Variant.V1, o.BaseVariant);
        var problem = SmallProblem.Create();
        var expected = Minimizer.Create(Method.RelevantOnly, new RelevantOnlyOptions { TargetRelevant = 6, MaxIterations = 15, Sigma0 = 0.05, BaseVariant = Variant.V1 })
            .Minimize(problem.ToObjective(), problem.X0);
        Assert.Equal(expected.Solution.ToArray(), r.Solution.ToArray());
    }

    [Fact]
    public void Without_T_in_the_file_or_options_the_method_default_is_used()
    {
        using var tmp = new TempFolder();
        string problemPath = SmallProblem.SaveTo(tmp, targetRelevant: null), resultPath = tmp.File("r.json");

        Assert.Equal(0, CliRunner.Run("run", "--problem", problemPath, "--method", "v4", "--output", resultPath, "--max-iter", "3").ExitCode);

        Assert.Equal(4, ResultFile.Load(resultPath).TargetRelevant); // max(1, ⌊40/10⌋)
    }
}
