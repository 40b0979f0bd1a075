using MathNet.Numerics.LinearAlgebra;

namespace PrunAdag.Charts.Tests;

/// <summary>The charts of mini-batch runs: evaluation values and accuracy with their mean and min–max band over seeds, |O_k|/|D_k|, per-block sparsity.</summary>
public class NeuralChartsTests
{
    private static EvaluationTrace Trace(double scale)
    {
        // x_{k+1} = x_k − c g with g = x: x_k = (1 − c)^k; the hook reports scale · x_k.
        var f = Objective.Create(1, (x, g) => g[0] = x[0]);
        var r = Minimizer.Create(Method.Adagrad, new AdagradOptions
        {
            MaxIterations = 4, GradientTolerance = 0, EvaluateEvery = 2,
            Evaluate = x => new Dictionary<string, double> { ["value"] = scale * x[0] },
        }).Minimize(f, Vector<double>.Build.Dense([1.0]));
        return r.Trace.Evaluations!;
    }

    private static double[] Numbers(System.Text.Json.JsonElement trace, string axis) =>
        trace.GetProperty(axis).EnumerateArray().Select(v => v.GetDouble()).ToArray();

    [Fact]
    public void An_evaluation_chart_draws_the_mean_over_seeds_with_the_min_and_max()
    {
        var a = Trace(1); var b = Trace(3);
        var chart = NeuralCharts.Evaluation([("run", (IReadOnlyList<EvaluationTrace>)[a, b])], "value");
        var data = FigureJson.Data(chart).EnumerateArray().ToArray();
        var mean = data.Single(t => t.TryGetProperty("name", out var n) && n.GetString() == "run (mean of 2)");
        Assert.Equal(a.Epochs, Numbers(mean, "x"));
        Assert.Equal(a["value"].Zip(b["value"], (p, q) => (p + q) / 2), Numbers(mean, "y"));
        var ys = data.Select(t => Numbers(t, "y")).ToArray();
        Assert.Contains(ys, y => y.SequenceEqual(b["value"])); // the max: scale 3
        Assert.Contains(ys, y => y.SequenceEqual(a["value"])); // the min
        Assert.Contains("Value against the epoch", FigureJson.Layout(chart).GetProperty("title").GetProperty("text").GetString());
        Assert.Contains("holds no value 'loss'", Assert.Throws<ArgumentException>(() => NeuralCharts.Evaluation([("run", (IReadOnlyList<EvaluationTrace>)[a])], "loss")).Message);
    }

    [Fact]
    public void Accuracy_against_sigma_is_in_percent_and_needs_accuracies()
    {
        PruningProfile P(double a50) => new("m", [new PruningPoint(0, 0, 0, 0, 0.9), new PruningPoint(0.5, 0.5, 0, 0, a50)]);
        var chart = NeuralCharts.AccuracyAgainstSparsity([("m", (IReadOnlyList<PruningProfile>)[P(0.8), P(0.6)])]);
        var mean = FigureJson.Data(chart).EnumerateArray().Single(t => t.TryGetProperty("name", out var n) && n.GetString() == "m (mean of 2)");
        Assert.Equal([0.0, 50.0], Numbers(mean, "x"));
        Assert.Equal(90.0, Numbers(mean, "y")[0], 12);
        Assert.Equal(70.0, Numbers(mean, "y")[1], 12);
        var noAccuracy = new PruningProfile("m", [new PruningPoint(0, 0, 1, 1, null)]);
        Assert.Throws<ArgumentException>(() => NeuralCharts.AccuracyAgainstSparsity([("m", (IReadOnlyList<PruningProfile>)[noAccuracy])]));
    }

    [Fact]
    public void Block_sparsity_shows_the_prunable_blocks_in_percent()
    {
        var s = new LayoutSparsity([new BlockSparsity("W1", 10, true, 9), new BlockSparsity("W2", 4, true, 1), new BlockSparsity("b1", 3, false, 0)]);
        var data = FigureJson.Data(NeuralCharts.BlockSparsity([("Adam", s)], "at 90 %"));
        Assert.Equal(["W1", "W2"], data[0].GetProperty("x").EnumerateArray().Select(v => v.GetString()));
        Assert.Equal([90.0, 25.0], Numbers(data[0], "y"));
    }

    [Fact]
    public void The_set_size_ratio_is_drawn_for_prunadag_only()
    {
        var f = Objective.Create(20, (x, g) => { for (int i = 0; i < 20; i++) g[i] = x[i] - 1; });
        var x0 = Vector<double>.Build.Dense(20, i => i % 3 == 0 ? 0.5 : 2.0);
        var v3 = Minimizer.Create(Method.V3, new PrunAdagOptions { TargetRelevant = 4, MaxIterations = 30 }).Minimize(f, x0);
        var chart = NeuralCharts.OptimisableOverDecreasable(v3)!;
        var y = Numbers(FigureJson.Data(chart)[0], "y");
        Assert.Equal((double)v3.Trace.Optimisable![0] / v3.Trace.Decreasable![0], y[0]);
        Assert.Null(NeuralCharts.OptimisableOverDecreasable(Minimizer.Create(Method.Adam).Minimize(f, x0)));
    }
}
