namespace PrunAdag.Charts.Tests;

public class ChartsTests
{
    [Fact]
    public void Convergence_of_prunadag_has_gradient_below_delta_and_set_size_charts()
    {
        var r = Runs.Run(Method.V3, 200);
        var charts = Charts.Convergence(r);
        Assert.Equal(3, charts.Count);
        Assert.Equal(["prunAdag-V3"], FigureJson.TraceNames(charts[0]));
        Assert.Equal("log", FigureJson.Layout(charts[0]).GetProperty("yaxis").GetProperty("type").GetString());
        Assert.Equal(["|O_k| (optimisable)", "|A_k| (acceptable)", "|D_k| (decreasable)"], FigureJson.TraceNames(charts[2]));
        // 200 steps: 201 iterates of ‖g_k‖, 200 classifications.
        Assert.Equal(201, FigureJson.Data(charts[0])[0].GetProperty("y").GetArrayLength());
        Assert.Equal(200, FigureJson.Data(charts[2])[0].GetProperty("y").GetArrayLength());
    }

    [Fact]
    public void Convergence_of_adagrad_has_no_set_size_chart()
    {
        var r = Runs.Run(Method.Adagrad, 50);
        Assert.Null(Charts.SetSizes(r));
        Assert.Equal(2, Charts.Convergence(r).Count);
    }

    [Fact]
    public void Below_delta_is_plotted_in_percent()
    {
        var r = Runs.Run(Method.V4, 100);
        var y = FigureJson.Data(Charts.BelowDelta(r))[0].GetProperty("y").EnumerateArray().Select(v => v.GetDouble()).ToArray();
        Assert.Equal(100 * r.Trace.BelowDelta[^1], y[^1], 12);
        Assert.All(y, v => Assert.InRange(v, 0, 100));
    }

    [Fact]
    public void Comparison_overlays_every_method_in_both_panels()
    {
        var runs = new[] { Method.V1, Method.V3, Method.Adagrad, Method.FW1 }.Select(m => Runs.Run(m, 100)).ToArray();
        var charts = Charts.Comparison(runs);
        Assert.Equal(2, charts.Count);
        string[] expected = ["prunAdag-V1", "prunAdag-V3", "Adagrad", "FW1"];
        Assert.Equal(expected, FigureJson.TraceNames(charts[0]));
        Assert.Equal(expected, FigureJson.TraceNames(charts[1]));
    }

    [Fact]
    public void Long_runs_are_downsampled_to_at_most_500_points_with_first_and_last_iteration()
    {
        var r = Runs.Run(Method.V3, 10_000);
        Assert.Equal(10_001, r.Trace.GradientNorm.Count);
        foreach (var chart in Charts.Convergence(r))
            foreach (var trace in FigureJson.Data(chart).EnumerateArray())
            {
                var x = trace.GetProperty("x").EnumerateArray().Select(v => v.GetInt32()).ToArray();
                Assert.InRange(x.Length, 2, 500);
                Assert.Equal(0, x[0]);
                Assert.True(x[^1] >= 9_999, $"last plotted k is {x[^1]}");
            }
    }

    [Fact]
    public void Pruning_charts_show_rho_omega_accuracy_and_achieved_sparsity()
    {
        var r = Runs.Run(Method.V3, 300);
        var p1 = r.PruningProfile(Runs.Objective, Pruning.PaperSigmas, accuracy: x => 1 - Pruning.Sparsity(x) / 2);
        var p2 = Runs.Run(Method.Adagrad, 300).PruningProfile(Runs.Objective, Pruning.PaperSigmas);
        var charts = Charts.Pruning([p1, p2]);
        Assert.Equal(4, charts.Count);
        Assert.Equal(["prunAdag-V3", "Adagrad"], FigureJson.TraceNames(charts[0]));
        Assert.Equal("log", FigureJson.Layout(charts[0]).GetProperty("yaxis").GetProperty("type").GetString());
        Assert.Equal("log", FigureJson.Layout(charts[1]).GetProperty("yaxis").GetProperty("type").GetString());
        Assert.Equal(["prunAdag-V3", "Adagrad", "achieved = target"], FigureJson.TraceNames(charts[3]));
        var sigma = FigureJson.Data(charts[0])[0].GetProperty("x").EnumerateArray().Select(v => v.GetDouble());
        Assert.Equal([10.0, 20, 30, 40, 50, 60, 70, 80, 90], sigma.Select(s => Math.Round(s)));
    }

    [Fact]
    public void Pruning_without_accuracy_has_no_accuracy_chart()
    {
        var p = Runs.Run(Method.V3, 100).PruningProfile(Runs.Objective, [0.3, 0.5]);
        Assert.Equal(3, Charts.Pruning(p).Count);
    }

    [Fact]
    public void Gradient_check_highlights_flagged_components()
    {
        // ∇ deliberately wrong in component 3: analytic 2x_i + (i == 3 ? 1 : 0) for f = Σ x_i².
        var f = Objective.Create(8, (x, g) => { for (int i = 0; i < 8; i++) g[i] = 2 * x[i] + (i == 3 ? 1 : 0); },
            x => { double s = 0; foreach (var v in x) s += v * v; return s; }, "sum of squares");
        var report = GradientChecker.Check(f, MathNet.Numerics.LinearAlgebra.Vector<double>.Build.Dense(8, 0.5));
        var chart = Charts.GradientCheck(report);
        Assert.Equal(["analytic", "numeric (central differences)", "flagged (1)"], FigureJson.TraceNames(chart));
        Assert.Equal(3, FigureJson.Data(chart)[2].GetProperty("x")[0].GetInt32());
    }
}
