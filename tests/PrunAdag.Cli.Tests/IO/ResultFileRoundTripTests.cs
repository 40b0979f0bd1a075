using System.Text.Json;
using MathNet.Numerics.LinearAlgebra;
using PrunAdag.Cli.Tests.Support;
using PrunAdag.IO;

namespace PrunAdag.Cli.Tests.IO;

public class ResultFileRoundTripTests
{
    private static MinimizationResult RunLibrary(Method method, MethodSettings settings)
    {
        var p = SmallProblem.Create();
        return Minimizer.Create(method, settings).Minimize(p.ToObjective(), p.X0);
    }

    [Theory]
    [InlineData(Method.V3)]
    [InlineData(Method.RelevantOnly)]
    [InlineData(Method.Adagrad)]
    [InlineData(Method.FW2)]
    public void Save_then_Load_returns_the_same_bits_and_lengths(Method method)
    {
        using var tmp = new TempFolder();
        var r = RunLibrary(method, new MethodSettings { TargetRelevant = 6, MaxIterations = 40 });
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
        if (ResultFile.Classifies(method))
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
    [InlineData(Method.V1)]
    [InlineData(Method.RelevantOnly)]
    [InlineData(Method.FW1)]
    public void The_saved_settings_repeat_the_run_bitwise(Method method)
    {
        using var tmp = new TempFolder();
        var settings = new MethodSettings { TargetRelevant = 5, MaxIterations = 30, Sigma0 = 0.03, BaseVariant = Variant.V2, Tau = 7.5, Delta = 0.01 };
        var r = RunLibrary(method, settings);
        string path = tmp.File("r.json");
        ResultFile.Save(path, r);

        var back = ResultFile.Load(path);
        var again = RunLibrary(back.Method, back.Settings);

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
        ResultFile.Save(path, RunLibrary(Method.V4, new MethodSettings { MaxIterations = 5 }));

        Assert.Equal("v4", ResultFile.Load(path).Method.ToCliName());
        Assert.Equal(["r.json"], Directory.GetFiles(tmp.Path).Select(Path.GetFileName));
    }
}
