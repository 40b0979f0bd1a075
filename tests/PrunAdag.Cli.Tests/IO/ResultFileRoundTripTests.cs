using System.Text.Json;
using MathNet.Numerics.LinearAlgebra;
using PrunAdag.Cli.Tests.Support;
using PrunAdag.IO;

namespace PrunAdag.Cli.Tests.IO;

public class ResultFileRoundTripTests
{
    private static MinimizationResult RunLibrary(Method method, MinimizerOptions options)
    {
        var p = SmallProblem.Create();
        return Minimizer.Create(method, options).Minimize(p.ToObjective(), p.X0);
    }

    /// <summary>The method's defaults with each named parameter set where the method has it.</summary>
    private static MinimizerOptions Options(Method method, params (string Name, object Value)[] values)
    {
        var o = method.DefaultOptions;
        foreach (var (name, value) in values)
            if (method.FindParameter(name) is { } p) o = p.WithValue(o, value);
        return o;
    }

    [Fact]
    public void Save_streams_exactly_the_text_of_ToJson()
    {
        // Save writes the text as it is made (a long run's trace can be more than one string holds); the bytes are ToJson's.
        var r = RunLibrary(Method.V3, Options(Method.V3, ("target-relevant", 6), ("max-iter", 3000), ("gtol", 0.0), ("iterate-every", 500), ("record-objective", true)));
        using var tmp = new TempFolder();
        string path = tmp.File("r.json");
        ResultFile.Save(path, r);
        Assert.Equal(new System.Text.UTF8Encoding(false).GetBytes(ResultFile.ToJson(r)), File.ReadAllBytes(path));
        Assert.Empty(Directory.GetFiles(tmp.Path, "*.tmp"));
    }

    [Theory]
    [InlineData("v3")]
    [InlineData("relevant-only")]
    [InlineData("adagrad")]
    [InlineData("fw2")]
    public void Save_then_Load_returns_the_same_bits_and_lengths(string name)
    {
        var method = Method.Parse(name);
        using var tmp = new TempFolder();
        var r = RunLibrary(method, Options(method, ("target-relevant", 6), ("max-iter", 40)));
        string path = tmp.File("r.json");

        ResultFile.Save(path, r);
        var back = ResultFile.Load(path);

        int k = r.Iterations;
        Assert.Equal(method, back.Method);
        Assert.Equal(k, back.Iterations);
        Assert.Equal(r.StopReason, back.StopReason);
        Assert.Equal(r.Dimension, back.Dimension);
        Assert.Equal(r.TargetRelevant, back.TargetRelevant);
        Assert.Equal(k + 1, back.GradientNorm.Count);
        Assert.Equal(k + 1, back.BelowDelta.Count);
        for (int i = 0; i < r.Dimension; i++) Assert.True(SmallProblem.SameBits(r.Solution[i], back.Solution[i]), $"x[{i}]");
        for (int i = 0; i <= k; i++)
        {
            Assert.True(SmallProblem.SameBits(r.Trace.GradientNorm[i], back.GradientNorm[i]), $"gradNorm[{i}]");
            Assert.True(SmallProblem.SameBits(r.Trace.BelowDelta[i], back.BelowDelta[i]), $"belowDelta[{i}]");
        }
        Assert.True(SmallProblem.SameBits(r.FinalValue!.Value, back.Value!.Value));
        if (method.Classifies)
        {
            Assert.Equal(r.Trace.Optimisable, back.Optimisable);
            Assert.Equal(r.Trace.Acceptable, back.Acceptable);
            Assert.Equal(r.Trace.Decreasable, back.Decreasable);
            Assert.Equal(k, back.Optimisable!.Count);
        }
        else
        {
            Assert.Null(back.Optimisable);
            using var doc = JsonDocument.Parse(File.ReadAllText(path));
            Assert.False(doc.RootElement.TryGetProperty("optimisable", out _));
            Assert.False(doc.RootElement.TryGetProperty("acceptable", out _));
            Assert.False(doc.RootElement.TryGetProperty("decreasable", out _));
        }
    }

    [Theory]
    [InlineData("v1")]
    [InlineData("relevant-only")]
    [InlineData("fw1")]
    public void The_saved_settings_repeat_the_run_bitwise(string name)
    {
        var method = Method.Parse(name);
        using var tmp = new TempFolder();
        var options = Options(method, ("target-relevant", 5), ("max-iter", 30), ("sigma0", 0.03), ("base-variant", Variant.V2), ("tau", 7.5), ("delta", 0.01));
        var r = RunLibrary(method, options);
        string path = tmp.File("r.json");
        ResultFile.Save(path, r);

        var back = ResultFile.Load(path);
        Assert.Equal(options, back.Options);
        var again = RunLibrary(back.Method, back.Options);

        for (int i = 0; i < r.Dimension; i++) Assert.True(SmallProblem.SameBits(r.Solution[i], again.Solution[i]), $"x[{i}]");
        Assert.Equal(r.Iterations, again.Iterations);
    }

    [Fact]
    public void Non_finite_gradient_norms_are_written_as_named_literals_and_read_back()
    {
        using var tmp = new TempFolder();
        int calls = 0;
        // ∇f(x) = x for three calls, then NaN: the run stops on a non-finite gradient at k = 3. No value function.
        var f = Objective.Create(4, (x, g) =>
        {
            calls++;
            for (int i = 0; i < x.Length; i++) g[i] = calls > 3 ? double.NaN : x[i];
        });
        var r = Minimizer.Create(Method.Adagrad).Minimize(f, Vector<double>.Build.Dense([1.0, -2.0, 3.0, 0.5]));
        Assert.Equal(StopReason.NonFiniteGradient, r.StopReason);
        string path = tmp.File("nan.json");

        ResultFile.Save(path, r);
        string text = File.ReadAllText(path);
        var back = ResultFile.Load(path);

        Assert.Contains("\"NaN\"", text);
        Assert.True(double.IsNaN(back.GradientNorm[^1]));
        Assert.Null(back.Value); // written as null: the objective had no value
        Assert.Equal(StopReason.NonFiniteGradient, back.StopReason);
    }

    [Fact]
    public void Saving_over_an_existing_file_replaces_it_and_leaves_no_temporary_files()
    {
        using var tmp = new TempFolder();
        string path = tmp.Write("r.json", "old contents");
        ResultFile.Save(path, RunLibrary(Method.V4, new PrunAdagOptions { MaxIterations = 5 }));

        Assert.Equal("v4", ResultFile.Load(path).Method.Name);
        Assert.Equal(["r.json"], Directory.GetFiles(tmp.Path).Select(Path.GetFileName));
    }
}
