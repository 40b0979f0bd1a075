using MathNet.Numerics.LinearAlgebra;
using PrunAdag.Neural;

namespace PrunAdag.Tests.Neural;

/// <summary>
/// The minimizer on mini-batch objectives (docs/algorithm.md C17, C18): batch k's gradient at iteration k, the epoch
/// limit, no gradient-tolerance stop by default, the evaluation hook; and the full batch is the deterministic run.
/// </summary>
public class MiniBatchMinimizerTests
{
    /// <summary>A plain objective with the full-data gradient and value of <paramref name="mlp"/> and its layout: what a deterministic run sees.</summary>
    private sealed class Deterministic(MlpClassifier mlp) : Objective(mlp.Dimension)
    {
        public override void Gradient(ReadOnlySpan<double> x, Span<double> gradient) => mlp.Gradient(x, gradient);
        public override bool HasValue => true;
        public override double Value(ReadOnlySpan<double> x) => mlp.Value(x);
        public override ParameterLayout? Layout => mlp.Layout;
    }

    private static (MlpClassifier Mlp, Vector<double> X0) Small(BatchSchedule? schedule = null, int samples = 40)
    {
        var data = MlpTestData.Random(samples, 6, 3, seed: 11);
        var mlp = new MlpClassifier(data, [5], schedule ?? BatchSchedule.FullBatch(samples));
        return (mlp, mlp.InitialParameters(3));
    }

    public static TheoryData<string> AllMethods() => new(Method.All.Select(m => m.Name));

    private static MinimizerOptions Options(Method m, int t) =>
        m.DefaultOptions.WithTargetRelevant(t) is AdagradOptions a ? a with { StepScale = 0.05 } : m.DefaultOptions.WithTargetRelevant(t);

    [Theory, MemberData(nameof(AllMethods))]
    public void Full_batch_without_shuffle_is_bitwise_the_deterministic_run(string name)
    {
        var method = Method.Parse(name);
        var (mlp, x0) = Small();
        const int k = 25;
        var options = Options(method, 4) with { IterateEvery = 1 };
        var batch = Minimizer.Create(method, options with { Epochs = k }).Minimize(mlp, x0);
        var (again, _) = Small();
        var plain = Minimizer.Create(method, options with { MaxIterations = k, GradientTolerance = 0 }).Minimize(new Deterministic(again), x0);
        Assert.Equal(k, batch.Iterations);
        Assert.Equal(k, plain.Iterations);
        Assert.Equal(StopReason.IterationLimit, batch.StopReason);
        for (int j = 0; j <= k; j++)
            Assert.Equal(plain.Trace.Iterates[j].X.ToArray(), batch.Trace.Iterates[j].X.ToArray());
        Assert.Equal(plain.Trace.GradientNorm, batch.Trace.GradientNorm);
        Assert.Equal(plain.Trace.BelowDelta, batch.Trace.BelowDelta);
        if (method.Classifies)
        {
            Assert.Equal(plain.Trace.Optimisable, batch.Trace.Optimisable);
            Assert.Equal(plain.Trace.Acceptable, batch.Trace.Acceptable);
        }
    }

    [Fact]
    public void Iteration_k_uses_the_gradient_of_batch_k()
    {
        var schedule = new BatchSchedule(40, 8, shuffle: true, seed: 5);
        var (mlp, x0) = Small(schedule);
        var seen = new List<double[]>();
        var result = Minimizer.Create(Method.Adam, new AdamOptions { Epochs = 2, IterateEvery = 1 })
            .Minimize(mlp, x0, s => { seen.Add(s.Gradient.ToArray()); return true; });
        Assert.Equal(10, result.Iterations); // 2 epochs × 5 batches
        var (check, _) = Small(new BatchSchedule(40, 8, shuffle: true, seed: 5));
        var g = new double[check.Dimension];
        for (int k = 0; k < 10; k++)
        {
            check.BatchGradient(schedule.GetBatch(k), result.Trace.Iterates[k].X.ToArray(), g);
            Assert.Equal(g, seen[k]);
        }
    }

    [Fact]
    public void Epochs_replace_the_iteration_limit_and_count_batches()
    {
        var (mlp, x0) = Small(new BatchSchedule(40, 16, shuffle: true, seed: 1)); // ⌈40/16⌉ = 3 batches per epoch
        var r = Minimizer.Create(Method.V3, new PrunAdagOptions { Epochs = 4, MaxIterations = 5, StepScale = 0.05 }).Minimize(mlp, x0);
        Assert.Equal(12, r.Iterations);
        Assert.Equal(StopReason.IterationLimit, r.StopReason);
        var plain = Minimizer.Create(Method.V3, new PrunAdagOptions { Epochs = 4, MaxIterations = 5 }).Minimize(Objective.Create(2, (x, g) => { g[0] = 1; g[1] = 1; }), Vector<double>.Build.Dense([1.0, 2.0]));
        Assert.Equal(4, plain.Iterations); // a deterministic objective: an epoch is one full gradient
    }

    [Fact]
    public void The_gradient_tolerance_stop_is_off_for_mini_batches_unless_asked()
    {
        // A mini-batch objective whose gradient vanishes on every batch: a deterministic run would stop at once.
        var zero = new ZeroGradient(new BatchSchedule(10, 5, shuffle: true, seed: 2));
        var x0 = Vector<double>.Build.Dense([0.5, -0.5]);
        var off = Minimizer.Create(Method.Adagrad, new AdagradOptions { Epochs = 3 }).Minimize(zero, x0);
        Assert.Equal(StopReason.IterationLimit, off.StopReason);
        Assert.Equal(6, off.Iterations);
        var on = Minimizer.Create(Method.Adagrad, new AdagradOptions { Epochs = 3, BatchGradientTolerance = 0 }).Minimize(zero, x0);
        Assert.Equal(StopReason.Converged, on.StopReason);
        Assert.Equal(0, on.Iterations);
        var deterministic = Minimizer.Create(Method.Adagrad, new AdagradOptions { MaxIterations = 3 }).Minimize(Objective.Create(2, (x, g) => g.Clear()), x0);
        Assert.Equal(StopReason.Converged, deterministic.StopReason); // GradientTolerance = 1e-9 still applies there
    }

    private sealed class ZeroGradient(BatchSchedule schedule) : MiniBatchObjective(2, schedule)
    {
        public override void BatchGradient(ReadOnlySpan<int> samples, ReadOnlySpan<double> x, Span<double> gradient) => gradient.Clear();
        public override double BatchValue(ReadOnlySpan<int> samples, ReadOnlySpan<double> x) => 0;
    }

    [Fact]
    public void The_evaluation_hook_runs_every_epoch_and_at_the_end_and_its_values_form_the_trace()
    {
        var (mlp, x0) = Small(new BatchSchedule(40, 16, shuffle: true, seed: 1)); // 3 batches per epoch
        var test = MlpTestData.Random(20, 6, 3, seed: 12);
        var seenAt = new List<double[]>();
        var options = new AdamOptions
        {
            Epochs = 3, IterateEvery = 1,
            Evaluate = x =>
            {
                seenAt.Add(x.ToArray());
                var e = mlp.Evaluate(Objective.AsSpan(x), test);
                return new Dictionary<string, double> { ["test loss"] = e.Loss, ["test accuracy"] = e.Accuracy };
            },
        };
        var r = Minimizer.Create(Method.Adam, options).Minimize(mlp, x0);
        var ev = r.Trace.Evaluations!;
        Assert.Equal([0, 3, 6, 9], ev.Iterations);
        Assert.Equal([0.0, 1.0, 2.0, 3.0], ev.Epochs);
        Assert.Equal(["test loss", "test accuracy"], ev.Names);
        for (int j = 0; j < ev.Count; j++)
        {
            Assert.Equal(r.Trace.Iterates[ev.Iterations[j]].X.ToArray(), seenAt[j]); // the hook saw x_k
            var (check, _) = Small();
            Assert.Equal(check.Evaluate(seenAt[j], test).Accuracy, ev["test accuracy"][j]);
        }
        Assert.Equal(ev["test loss"][^1], ev.Last("test loss"));
        Assert.Contains("test accuracy", Assert.Throws<KeyNotFoundException>(() => ev["train loss"]).Message);
    }

    [Fact]
    public void Every_n_iterations_and_missing_names_are_nan()
    {
        int calls = 0;
        var f = Objective.Create(1, (x, g) => g[0] = x[0]);
        var r = Minimizer.Create(Method.Adagrad, new AdagradOptions
        {
            MaxIterations = 7, GradientTolerance = 0, EvaluateEvery = 3,
            Evaluate = x => ++calls % 2 == 1 ? new Dictionary<string, double> { ["a"] = x[0] } : new Dictionary<string, double> { ["b"] = 1 },
        }).Minimize(f, Vector<double>.Build.Dense([2.0]));
        var ev = r.Trace.Evaluations!;
        Assert.Equal([0, 3, 6, 7], ev.Iterations); // and the last iterate
        Assert.Equal(["a", "b"], ev.Names);
        Assert.True(double.IsNaN(ev["a"][1]) && double.IsNaN(ev["a"][3]));
        Assert.True(double.IsNaN(ev["b"][0]) && double.IsNaN(ev["b"][2]));
        Assert.Equal(2.0, ev["a"][0]);
        Assert.Null(Minimizer.Create(Method.Adagrad).Minimize(f, Vector<double>.Build.Dense([2.0])).Trace.Evaluations);
    }

    [Fact]
    public void A_throwing_evaluation_hook_is_a_callback_exception_with_the_partial_result()
    {
        var f = Objective.Create(1, (x, g) => g[0] = x[0]);
        var ex = Assert.Throws<CallbackException>(() => Minimizer.Create(Method.Adagrad, new AdagradOptions
        {
            MaxIterations = 10, GradientTolerance = 0, EvaluateEvery = 2,
            Evaluate = x => x.Count > 0 && ++_hookCalls > 2 ? throw new InvalidOperationException("boom") : new Dictionary<string, double>(),
        }).Minimize(f, Vector<double>.Build.Dense([2.0])));
        Assert.Contains("evaluation hook", ex.Message);
        Assert.Contains("boom", ex.Message);
        Assert.Equal(4, ex.Iteration);
        Assert.Equal(StopReason.CallbackError, ex.PartialResult.StopReason);
    }

    private int _hookCalls;

    [Fact]
    public void An_evaluation_with_a_blank_name_records_nothing_so_every_column_keeps_one_value_per_evaluation()
    {
        int calls = 0;
        var f = Objective.Create(1, (x, g) => g[0] = x[0]);
        var ex = Assert.Throws<CallbackException>(() => Minimizer.Create(Method.Adagrad, new AdagradOptions
        {
            MaxIterations = 5, GradientTolerance = 0,
            Evaluate = x => ++calls == 2
                ? new Dictionary<string, double> { ["loss"] = 9, [" "] = 0 }
                : new Dictionary<string, double> { ["loss"] = 1, ["acc"] = 0.5 },
        }).Minimize(f, Vector<double>.Build.Dense([2.0])));
        Assert.Contains("' '", ex.Message);
        Assert.Equal(1, ex.Iteration);
        var ev = ex.PartialResult.Trace.Evaluations!;
        Assert.Equal([0], ev.Iterations);                 // the failed evaluation at k = 1 left no trace
        Assert.Equal([1.0], ev["loss"]);
        Assert.Equal([0.5], ev["acc"]);
    }

    [Fact]
    public void Options_of_the_new_stopping_rules_are_checked()
    {
        Assert.Contains("Epochs", Assert.Throws<ArgumentOutOfRangeException>(() => new AdamOptions { Epochs = 0 }).Message);
        Assert.Contains("BatchGradientTolerance", Assert.Throws<ArgumentOutOfRangeException>(() => new AdamOptions { BatchGradientTolerance = -1 }).Message);
        Assert.Contains("EvaluateEvery", Assert.Throws<ArgumentOutOfRangeException>(() => new AdamOptions { EvaluateEvery = 0 }).Message);
        Assert.Null(new PrunAdagOptions().BatchGradientTolerance);
        Assert.Equal(1e-9, new PrunAdagOptions().GradientTolerance);
    }
}
