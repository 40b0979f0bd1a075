using System.Text.Json;
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

    private static string Json(Plotly.NET.GenericChart chart) => Plotly.NET.GenericChart.toFigureJson(chart);

    [Fact]
    public void Values_that_are_not_finite_are_gaps_never_NaN_in_the_chart_data()
    {
        // |D_k| = 0 throughout (T = n), an evaluation of NaN and ∞, an accuracy of NaN.
        var f = Objective.Create(6, (x, g) => { for (int i = 0; i < 6; i++) g[i] = x[i] - 1; });
        var all = Minimizer.Create(Method.V3, new PrunAdagOptions { TargetRelevant = 6, MaxIterations = 5 }).Minimize(f, Vector<double>.Build.Dense(6, 2.0));
        var ratio = NeuralCharts.OptimisableOverDecreasable(all)!;
        Assert.Contains("no component was decreasable", FigureJson.Layout(ratio).GetProperty("title").GetProperty("text").GetString());
        var hook = Minimizer.Create(Method.Adagrad, new AdagradOptions
        {
            MaxIterations = 3, GradientTolerance = 0,
            Evaluate = x => new Dictionary<string, double> { ["loss"] = double.NaN, ["acc"] = double.PositiveInfinity },
        }).Minimize(f, Vector<double>.Build.Dense(6, 2.0)).Trace.Evaluations!;
        var nanAccuracy = new PruningProfile("p", [new PruningPoint(0.1, 0.1, 1, 1, double.NaN), new PruningPoint(0.5, 0.5, 1, 1, 0.5)]);
        foreach (var chart in new[]
                 {
                     ratio, NeuralCharts.Evaluation([("v", (IReadOnlyList<EvaluationTrace>)[hook, hook])], "loss"),
                     NeuralCharts.Evaluation([("v", (IReadOnlyList<EvaluationTrace>)[hook])], "acc"),
                     NeuralCharts.AccuracyAgainstSparsity([("m", (IReadOnlyList<PruningProfile>)[nanAccuracy, nanAccuracy])]),
                 })
        {
            string json = Json(chart);
            Assert.DoesNotContain("NaN", json);
            Assert.DoesNotContain("Infinity", json);
        }
    }

    [Fact]
    public void Each_label_has_one_legend_entry_its_own_colour_and_a_band_of_that_colour()
    {
        PruningProfile P(double a) => new("x", [new PruningPoint(0.1, 0.1, 1, 1, a), new PruningPoint(0.5, 0.5, 1, 1, a - 0.1)]);
        var chart = NeuralCharts.AccuracyAgainstSparsity([("prunAdag-V3", (IReadOnlyList<PruningProfile>)[P(0.9), P(0.85)]), ("Adam", [P(0.8), P(0.7)])]);
        var data = FigureJson.Data(chart).EnumerateArray().ToArray();
        var inLegend = data.Where(t => t.GetProperty("showlegend").GetBoolean()).Select(t => t.GetProperty("name").GetString()).ToArray();
        Assert.Equal(["prunAdag-V3 (mean of 2)", "Adam (mean of 2)"], inLegend);
        string Colour(JsonElement t) => t.GetProperty("line").GetProperty("color").GetString()!;
        var v3 = data.Where(t => t.GetProperty("legendgroup").GetString() == "prunAdag-V3").ToArray();
        var adam = data.Where(t => t.GetProperty("legendgroup").GetString() == "Adam").ToArray();
        Assert.Equal(3, v3.Length); // upper edge, filled lower edge, mean
        Assert.Single(v3.Select(Colour).Distinct());
        Assert.Single(adam.Select(Colour).Distinct());
        Assert.NotEqual(Colour(v3[0]), Colour(adam[0]));
        Assert.Contains(v3, t => t.TryGetProperty("fill", out var fill) && fill.GetString() == "tonexty");
        Assert.Contains("over 2 seeds", FigureJson.Layout(chart).GetProperty("title").GetProperty("text").GetString());
        var one = NeuralCharts.AccuracyAgainstSparsity([("m", (IReadOnlyList<PruningProfile>)[P(0.9)])]);
        Assert.Equal("Test accuracy against σ", FigureJson.Layout(one).GetProperty("title").GetProperty("text").GetString());
        Assert.Single(FigureJson.Data(one).EnumerateArray()); // one seed: the line, no band
    }
}
