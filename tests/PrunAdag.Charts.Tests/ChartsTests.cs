using System.Text.Json;

namespace PrunAdag.Charts.Tests;

public class ChartsTests
{
    private static double?[] Ys(JsonElement trace) =>
        trace.GetProperty("y").EnumerateArray().Select(v => v.ValueKind == JsonValueKind.Null ? (double?)null : v.GetDouble()).ToArray();

    private static double[] Xs(JsonElement trace) => trace.GetProperty("x").EnumerateArray().Select(v => v.GetDouble()).ToArray();

    private static JsonElement[] Traces(Plotly.NET.GenericChart chart) => FigureJson.Data(chart).EnumerateArray().ToArray();

    [Fact]
    public void Convergence_of_prunadag_is_fig4_side_by_side_then_the_set_sizes()
    {
        var r = Runs.Run(Method.V3, 200);
        var charts = Figures.Convergence(r);
        Assert.Equal(2, charts.Count);
        // Fig. 4: ‖g_k‖ (log, panel 1) and % below δ (panel 2), the run once in the legend.
        var fig4 = Traces(charts[0]);
        Assert.Equal(["prunAdag-V3", "prunAdag-V3"], fig4.Select(t => t.GetProperty("name").GetString()));
        Assert.Equal(["x", "x2"], fig4.Select(t => t.GetProperty("xaxis").GetString()));
        Assert.Equal([true, false], fig4.Select(t => t.GetProperty("showlegend").GetBoolean()));
        var layout = FigureJson.Layout(charts[0]);
        Assert.Equal("log", layout.GetProperty("yaxis").GetProperty("type").GetString());
        Assert.False(layout.GetProperty("yaxis2").TryGetProperty("type", out _));
        Assert.Equal(["|O_k| (optimisable)", "|A_k| (acceptable)", "|D_k| (decreasable)"], FigureJson.TraceNames(charts[1]));
        // 200 steps: 201 iterates of ‖g_k‖, 200 classifications.
        Assert.Equal(201, fig4[0].GetProperty("y").GetArrayLength());
        Assert.Equal(200, Traces(charts[1])[0].GetProperty("y").GetArrayLength());
    }

    [Fact]
    public void Convergence_of_adagrad_has_no_set_size_chart()
    {
        var r = Runs.Run(Method.Adagrad, 50);
        Assert.Null(Figures.SetSizes(r));
        Assert.Single(Figures.Convergence(r));
    }

    [Fact]
    public void Below_delta_is_plotted_in_percent()
    {
        var r = Runs.Run(Method.V4, 100);
        var y = Ys(Traces(Figures.BelowDelta(r))[0]).Select(v => v!.Value).ToArray();
        Assert.Equal(100 * r.Trace.BelowDelta[^1], y[^1], 12);
        Assert.All(y, v => Assert.InRange(v, 0, 100));
    }

    [Fact]
    public void Comparison_is_one_figure_with_every_method_in_both_panels_and_once_in_the_legend()
    {
        var runs = new[] { Method.V1, Method.V3, Method.Adagrad, Method.FW1 }.Select(m => Runs.Run(m, 100)).ToArray();
        var traces = Traces(Figures.Comparison(runs));
        string[] expected = ["prunAdag-V1", "prunAdag-V3", "Adagrad", "FW1"];
        Assert.Equal(expected, traces.Where(t => t.GetProperty("xaxis").GetString() == "x").Select(t => t.GetProperty("name").GetString()));
        Assert.Equal(expected, traces.Where(t => t.GetProperty("xaxis").GetString() == "x2").Select(t => t.GetProperty("name").GetString()));
        Assert.Equal(expected, traces.Where(t => t.GetProperty("showlegend").GetBoolean()).Select(t => t.GetProperty("name").GetString()));
        // One colour per method, the same in both panels.
        var colours = traces.GroupBy(t => t.GetProperty("name").GetString()).Select(g => g.Select(t => t.GetProperty("line").GetProperty("color").GetString()).Distinct().Single());
        Assert.Equal(4, colours.Distinct().Count());
    }

    [Fact]
    public void Layouts_follow_their_container_with_the_legend_below_and_exponent_labels_on_log_axes()
    {
        var r = Runs.Run(Method.V3, 100);
        var profile = r.PruningProfile(Runs.Objective, Pruning.PaperSigmas);
        var figures = Figures.Convergence(r).Concat(Figures.Pruning(profile)).ToArray();
        foreach (var figure in figures)
        {
            var layout = FigureJson.Layout(figure);
            Assert.False(layout.TryGetProperty("width", out _), "a fixed width makes a chart overflow a narrower container");
            Assert.True(layout.GetProperty("autosize").GetBoolean());
            var legend = layout.GetProperty("legend");
            Assert.Equal("h", legend.GetProperty("orientation").GetString());
            Assert.Equal("container", legend.GetProperty("yref").GetString());
            Assert.Equal("bottom", legend.GetProperty("yanchor").GetString());
            Assert.InRange(legend.GetProperty("y").GetDouble(), 0, 0.05);
            Assert.Equal(-1, layout.GetProperty("hoverlabel").GetProperty("namelength").GetInt32());
            foreach (var axis in layout.EnumerateObject().Where(p => p.Name.StartsWith("yaxis", StringComparison.Ordinal)))
                if (axis.Value.TryGetProperty("type", out var type) && type.GetString() == "log")
                    Assert.Equal("power", axis.Value.GetProperty("exponentformat").GetString());
        }
    }

    [Fact]
    public void A_zero_on_a_log_axis_is_a_gap_in_the_line_and_a_marker_at_the_axis_floor()
    {
        // ω = 0 exactly at the first two σ (the smallest components are exact zeros), positive after.
        var profile = new PruningProfile("prunAdag-V3",
        [
            new PruningPoint(0.1, 0.1, 1e-9, 0, null), new PruningPoint(0.2, 0.2, 1e-8, 0, null),
            new PruningPoint(0.3, 0.3, 1e-6, 3e-5, null), new PruningPoint(0.4, 0.4, 1e-4, 2e-3, null),
        ]);
        var omega = Figures.Pruning(profile)[1];
        var traces = Traces(omega);
        Assert.Equal(2, traces.Length);
        Assert.Equal([null, null, 3e-5, 2e-3], Ys(traces[0]));
        var marks = traces[1];
        Assert.False(marks.GetProperty("showlegend").GetBoolean());
        Assert.Equal("prunAdag-V3", marks.GetProperty("legendgroup").GetString());
        Assert.Equal("markers", marks.GetProperty("mode").GetString());
        Assert.Equal([10.0, 20.0], Xs(marks).Select(v => Math.Round(v)));
        // The floor is a decade below the decade of the smallest positive value (3e-5 → 1e-6).
        Assert.All(Ys(marks), v => Assert.Equal(1e-6, v!.Value, 1e-18));
        Assert.All(marks.GetProperty("text").EnumerateArray(), t => Assert.Contains("ω = 0 exactly", t.GetString()));
        Assert.Equal(traces[0].GetProperty("line").GetProperty("color").GetString(), marks.GetProperty("marker").GetProperty("color").GetString());
        Assert.Contains("= 0", FigureJson.Layout(omega).GetProperty("yaxis").GetProperty("title").GetProperty("text").GetString());
        // ρ has no zero: no markers, no note.
        Assert.Single(Traces(Figures.Pruning(profile)[0]));
    }

    [Fact]
    public void Long_runs_are_downsampled_to_at_most_500_points_with_first_and_last_iteration()
    {
        var r = Runs.Run(Method.V3, 10_000);
        Assert.Equal(10_001, r.Trace.GradientNorm.Count);
        foreach (var chart in Figures.Convergence(r))
            foreach (var trace in Traces(chart))
            {
                var x = Xs(trace);
                Assert.InRange(x.Length, 2, 500);
                Assert.Equal(0, x[0]);
                Assert.True(x[^1] >= 9_999, $"last plotted k is {x[^1]}");
            }
    }

    [Fact]
    public void Every_trace_reaches_the_last_iteration_of_its_run()
    {
        // A run that stops early (converged at k < the limit) ends its lines at its own last k.
        var r = Runs.Run(Method.V3, 5_000, gtol: 1e-6);
        Assert.Equal(StopReason.Converged, r.StopReason);
        var fig4 = Traces(Figures.Comparison([r]));
        Assert.Equal(r.Iterations, Xs(fig4[0])[^1]);
        Assert.Equal(r.Iterations, Xs(fig4[1])[^1]);
        Assert.False(FigureJson.Layout(Figures.Comparison([r])).GetProperty("xaxis").TryGetProperty("range", out _), "the x range is left to autorange");
    }

    [Fact]
    public void Set_sizes_of_several_runs_are_one_panel_per_prunadag_run_under_one_legend()
    {
        var runs = new[] { Method.V1, Method.V2, Method.V3, Method.V4, Method.Adagrad, Method.FW1 }.Select(m => Runs.Run(m, 80)).ToArray();
        var fig2 = Figures.SetSizes(runs)!;
        var traces = Traces(fig2);
        Assert.Equal(4 * 3, traces.Length);
        Assert.Equal(["x", "x2", "x3", "x4"], traces.Select(t => t.GetProperty("xaxis").GetString()).Distinct());
        Assert.Equal(3, traces.Count(t => t.GetProperty("showlegend").GetBoolean()));
        var titles = FigureJson.Layout(fig2).GetProperty("annotations").EnumerateArray().Select(a => a.GetProperty("text").GetString());
        Assert.Equal(["<b>prunAdag-V1</b>", "<b>prunAdag-V2</b>", "<b>prunAdag-V3</b>", "<b>prunAdag-V4</b>"], titles);
        Assert.Null(Figures.SetSizes([Runs.Run(Method.Adagrad, 10)]));
    }

    [Fact]
    public void Runs_of_one_method_are_labelled_by_their_t()
    {
        MinimizationResult WithT(int t) => Minimizer.Create(Method.V3, new PrunAdagOptions { MaxIterations = 20, TargetRelevant = t }).Minimize(Runs.Objective, Runs.X0);
        var names = FigureJson.TraceNames(Figures.GradientNorm([WithT(5), WithT(10), Runs.Run(Method.Adagrad, 20)]));
        Assert.Equal(["prunAdag-V3 (T = 5)", "prunAdag-V3 (T = 10)", "Adagrad"], names);
    }

    [Fact]
    public void Profiles_of_runs_of_one_method_take_the_runs_labels_in_every_chart_table_and_csv()
    {
        var t5 = Minimizer.Create(Method.V3, new PrunAdagOptions { TargetRelevant = 5, MaxIterations = 30 }).Minimize(Runs.Objective, Runs.X0);
        var t20 = Minimizer.Create(Method.V3, new PrunAdagOptions { TargetRelevant = 20, MaxIterations = 30 }).Minimize(Runs.Objective, Runs.X0);
        var c = new Comparison([t5, t20], [t5.PruningProfile(Runs.Objective, [0.3, 0.5]), t20.PruningProfile(Runs.Objective, [0.3, 0.5])]);
        var rho = Figures.Comparison(c).First(ch => FigureJson.Layout(ch).TryGetProperty("title", out var t) && t.GetProperty("text").GetString()!.StartsWith("ρ"));
        Assert.Equal(["prunAdag-V3 (T = 5)", "prunAdag-V3 (T = 20)"], FigureJson.TraceNames(rho));
        Assert.Contains("\nprunAdag-V3 (T = 20),0.3,", c.PruningCsv());
        Assert.Contains("prunAdag-V3 (T = 5)", c.ToHtml());
        // Profiles alike in label and not tied to runs: the second gets "#2", so each has its legend entry.
        var p = t5.PruningProfile(Runs.Objective, [0.3]);
        Assert.Equal(["prunAdag-V3", "prunAdag-V3 #2"], FigureJson.TraceNames(Figures.Pruning([p, p])[0]));
    }

    [Fact]
    public void Runs_with_different_deltas_each_name_theirs_in_the_below_delta_title()
    {
        var a = Minimizer.Create(Method.V3, new PrunAdagOptions { TargetRelevant = 5, MaxIterations = 10, Delta = 1e-3 }).Minimize(Runs.Objective, Runs.X0);
        var b = Minimizer.Create(Method.V1, new PrunAdagOptions { TargetRelevant = 5, MaxIterations = 10, Delta = 0.1 }).Minimize(Runs.Objective, Runs.X0);
        string title = FigureJson.Layout(Figures.BelowDelta([a, b])).GetProperty("title").GetProperty("text").GetString()!;
        Assert.Contains("0.001 (prunAdag-V3)", title);
        Assert.Contains("0.1 (prunAdag-V1)", title);
        Assert.Equal("% of |x_i| < δ = 0.001", FigureJson.Layout(Figures.BelowDelta([a])).GetProperty("title").GetProperty("text").GetString());
    }

    [Fact]
    public void A_comparison_without_runs_is_refused_also_through_with()
    {
        var c = Comparison.Of(Runs.Run(Method.V3, 5));
        Assert.Throws<ArgumentException>(() => c with { Results = [] });
    }

    [Fact]
    public void Pruning_charts_show_rho_omega_accuracy_and_achieved_sparsity()
    {
        var r = Runs.Run(Method.V3, 300);
        var p1 = r.PruningProfile(Runs.Objective, Pruning.PaperSigmas, accuracy: x => 1 - Pruning.Sparsity(x) / 2);
        var p2 = Runs.Run(Method.Adagrad, 300).PruningProfile(Runs.Objective, Pruning.PaperSigmas);
        var charts = Figures.Pruning([p1, p2]);
        Assert.Equal(4, charts.Count);
        Assert.Equal(["prunAdag-V3", "Adagrad"], FigureJson.TraceNames(charts[0]).Where(n => !n.Contains('=')));
        Assert.Equal("log", FigureJson.Layout(charts[0]).GetProperty("yaxis").GetProperty("type").GetString());
        Assert.Equal("log", FigureJson.Layout(charts[1]).GetProperty("yaxis").GetProperty("type").GetString());
        Assert.Equal(["prunAdag-V3", "Adagrad", "achieved = target"], FigureJson.TraceNames(charts[3]));
        var sigma = Xs(Traces(charts[0])[0]);
        Assert.Equal([10.0, 20, 30, 40, 50, 60, 70, 80, 90], sigma.Select(s => Math.Round(s)));
    }

    [Fact]
    public void Pruning_without_accuracy_has_no_accuracy_chart()
    {
        var p = Runs.Run(Method.V3, 100).PruningProfile(Runs.Objective, [0.3, 0.5]);
        Assert.Equal(3, Figures.Pruning(p).Count);
    }

    [Fact]
    public void Gradient_check_highlights_flagged_components()
    {
        // ∇ deliberately wrong in component 3: analytic 2x_i + (i == 3 ? 1 : 0) for f = Σ x_i².
        var f = Objective.Create(8, (x, g) => { for (int i = 0; i < 8; i++) g[i] = 2 * x[i] + (i == 3 ? 1 : 0); },
            x => { double s = 0; foreach (var v in x) s += v * v; return s; }, "sum of squares");
        var report = GradientChecker.Check(f, MathNet.Numerics.LinearAlgebra.Vector<double>.Build.Dense(8, 0.5));
        var chart = Figures.GradientCheck(report);
        Assert.Equal(["analytic", "numeric (central differences)", "flagged (1)"], FigureJson.TraceNames(chart));
        Assert.Equal(3, Traces(chart)[2].GetProperty("x")[0].GetDouble());
    }

}
