using MathNet.Numerics.LinearAlgebra;
using PrunAdag.Tests.Reference;

namespace PrunAdag.Tests.Optimization;

/// <summary>Every way a run can stop, with the partial result it keeps.</summary>
public class StoppingTests
{
    private static (Objective F, Vector<double> X0) Problem() =>
        (Fixtures.RandomLeastSquares(10, 12, 5), Vector<double>.Build.Dense(Fixtures.RandomStart(12, 5)));

    private static double[] XAfter(int steps)
    {
        var (f, x0) = Problem();
        return Minimizer.Create(Method.V3, new PrunAdagOptions { TargetRelevant = 3, MaxIterations = steps }).Minimize(f, x0).Solution.ToArray();
    }

    [Theory]
    [InlineData(0)] [InlineData(1)] [InlineData(7)]
    public void Iteration_limit_stops_after_exactly_MaxIterations_steps_with_trace_lengths_K_plus_1_and_K(int max)
    {
        var (f, x0) = Problem();
        var r = Minimizer.Create(Method.V3, new PrunAdagOptions { TargetRelevant = 3, MaxIterations = max }).Minimize(f, x0);
        Assert.Equal(StopReason.IterationLimit, r.StopReason);
        Assert.Equal(max, r.Iterations);
        Assert.Equal(max + 1, r.Trace.GradientNorm.Count);
        Assert.Equal(max + 1, r.Trace.BelowDelta.Count);
        Assert.Equal(max, r.Trace.Optimisable!.Count);
        Assert.Equal(max, r.Trace.Acceptable!.Count);
        Assert.Equal(max, r.Trace.Decreasable!.Count);
        Assert.Null(r.Trace.Value);
        Assert.Equal(f.Gradient(r.Solution).L2Norm(), r.FinalGradientNorm, 1e-14 * r.FinalGradientNorm);
        if (max == 0) Assert.Equal(x0, r.Solution);
    }

    [Fact]
    public void RecordObjective_records_f_at_every_iterate()
    {
        var (f, x0) = Problem();
        var r = Minimizer.Create(Method.Adagrad, new AdagradOptions { MaxIterations = 5, RecordObjective = true, IterateEvery = 1 }).Minimize(f, x0);
        Assert.Equal(6, r.Trace.Value!.Count);
        for (int k = 0; k <= 5; k++) Assert.Equal(f.Value(r.Trace.Iterates[k].X), r.Trace.Value[k]);
        Assert.Equal(f.Value(r.Solution), r.FinalValue);
    }

    [Fact]
    public void Callback_returning_false_stops_at_that_iterate()
    {
        var (f, x0) = Problem();
        double[]? seen = null;
        var r = Minimizer.Create(Method.V3, new PrunAdagOptions { TargetRelevant = 3, MaxIterations = 100 })
            .Minimize(f, x0, s => { if (s.Iteration < 3) return true; seen = s.X.ToArray(); return false; });
        Assert.Equal(StopReason.Callback, r.StopReason);
        Assert.Equal(3, r.Iterations);
        Assert.Equal(seen, r.Solution.ToArray());
        Assert.Equal(XAfter(3), r.Solution.ToArray());
        Assert.Equal(4, r.Trace.GradientNorm.Count);
        Assert.Equal(3, r.Trace.Optimisable!.Count);
    }

    [Fact]
    public void Cancelling_from_the_callback_stops_with_Cancelled_and_keeps_the_partial_trace()
    {
        var (f, x0) = Problem();
        using var cts = new CancellationTokenSource();
        var r = Minimizer.Create(Method.V3, new PrunAdagOptions { TargetRelevant = 3, MaxIterations = 100 })
            .Minimize(f, x0, s => { if (s.Iteration == 2) cts.Cancel(); return true; }, cancellationToken: cts.Token);
        // Cancelled during iterate 2's callback: step 2 completes, the run stops when it looks at x_3.
        Assert.Equal(StopReason.Cancelled, r.StopReason);
        Assert.Equal(3, r.Iterations);
        Assert.Equal(XAfter(3), r.Solution.ToArray());
        Assert.Equal(4, r.Trace.GradientNorm.Count);
        Assert.Equal(3, r.Trace.Optimisable!.Count);
    }

    [Fact]
    public void Cancelling_from_the_gradient_stops_with_Cancelled_and_keeps_the_last_iterate()
    {
        var (inner, x0) = Problem();
        using var cts = new CancellationTokenSource();
        int calls = 0;
        var f = Objective.Create(12, (x, g) =>
        {
            if (++calls == 5) { cts.Cancel(); cts.Token.ThrowIfCancellationRequested(); }
            inner.Gradient(x, g);
        });
        var r = Minimizer.Create(Method.V3, new PrunAdagOptions { TargetRelevant = 3, MaxIterations = 100 }).Minimize(f, x0, cancellationToken: cts.Token);
        // The 5th gradient call is at x_4.
        Assert.Equal(StopReason.Cancelled, r.StopReason);
        Assert.Equal(4, r.Iterations);
        Assert.Equal(XAfter(4), r.Solution.ToArray());
        Assert.Equal(5, r.Trace.GradientNorm.Count);
        Assert.True(double.IsNaN(r.Trace.GradientNorm[4]));
        Assert.Equal(4, r.Trace.Optimisable!.Count);
    }

    // A callback, evaluation hook, progress receiver or value function that honours the token the usual way
    // (ThrowIfCancellationRequested) cancels the run: the partial result comes back with Cancelled, never an exception.
    [Fact]
    public void A_cancellation_thrown_by_the_callback_stops_with_Cancelled_at_that_iterate()
    {
        var (f, x0) = Problem();
        using var cts = new CancellationTokenSource();
        var r = Minimizer.Create(Method.V3, new PrunAdagOptions { TargetRelevant = 3, MaxIterations = 100 })
            .Minimize(f, x0, s => { if (s.Iteration == 3) { cts.Cancel(); cts.Token.ThrowIfCancellationRequested(); } return true; }, cancellationToken: cts.Token);
        // Thrown while looking at x_3: no step 3.
        Assert.Equal(StopReason.Cancelled, r.StopReason);
        Assert.Equal(3, r.Iterations);
        Assert.Equal(XAfter(3), r.Solution.ToArray());
        Assert.Equal(4, r.Trace.GradientNorm.Count);
    }

    [Fact]
    public void A_cancellation_thrown_by_the_evaluation_hook_stops_with_Cancelled_and_records_nothing_for_that_iterate()
    {
        var (f, x0) = Problem();
        using var cts = new CancellationTokenSource();
        var options = new PrunAdagOptions
        {
            TargetRelevant = 3, MaxIterations = 100, EvaluateEvery = 2,
            Evaluate = x => { cts.Token.ThrowIfCancellationRequested(); return new Dictionary<string, double> { ["l1"] = x.L1Norm() }; },
        };
        var r = Minimizer.Create(Method.V3, options).Minimize(f, x0, s => { if (s.Iteration == 3) cts.Cancel(); return true; }, cancellationToken: cts.Token);
        // Cancelled in iterate 3's callback; step 3 is taken; x_4 is due an evaluation, which throws the cancellation.
        Assert.Equal(StopReason.Cancelled, r.StopReason);
        Assert.Equal(4, r.Iterations);
        Assert.Equal(XAfter(4), r.Solution.ToArray());
        Assert.Equal([0, 2], r.Trace.Evaluations!.Iterations);
        Assert.Equal(2, r.Trace.Evaluations["l1"].Count);
    }

    [Fact]
    public void A_cancellation_thrown_by_the_progress_receiver_or_the_value_stops_with_Cancelled()
    {
        var (f, x0) = Problem();
        using var cts = new CancellationTokenSource();
        var progress = new Cancelling(cts, after: 3);
        var r = Minimizer.Create(Method.V3, new PrunAdagOptions { TargetRelevant = 3, MaxIterations = 100, ProgressInterval = TimeSpan.Zero })
            .Minimize(f, x0, progress: progress, cancellationToken: cts.Token);
        Assert.Equal(StopReason.Cancelled, r.StopReason);
        Assert.Equal(2, r.Iterations); // the third report is x_2's
        Assert.Equal(XAfter(2), r.Solution.ToArray());

        using var cts2 = new CancellationTokenSource();
        int values = 0;
        var g = Objective.Create(12, f.Gradient, x => { if (++values == 4) { cts2.Cancel(); cts2.Token.ThrowIfCancellationRequested(); } return f.Value(x); });
        var rv = Minimizer.Create(Method.V3, new PrunAdagOptions { TargetRelevant = 3, MaxIterations = 100, RecordObjective = true }).Minimize(g, x0, cancellationToken: cts2.Token);
        Assert.Equal(StopReason.Cancelled, rv.StopReason);
        Assert.Equal(3, rv.Iterations); // the fourth value is f(x_3)
        Assert.Equal(XAfter(3), rv.Solution.ToArray());
        Assert.True(double.IsNaN(rv.Trace.Value![3]));
    }

    [Fact]
    public void An_OperationCanceledException_of_the_callbacks_own_is_a_callback_error()
    {
        // Not the caller's token: the callback failed, and says so.
        var (f, x0) = Problem();
        var e = Assert.Throws<CallbackException>(() => Minimizer.Create(Method.V3, new PrunAdagOptions { TargetRelevant = 3 })
            .Minimize(f, x0, s => s.Iteration < 2 ? true : throw new OperationCanceledException("own")));
        Assert.Equal(2, e.Iteration);
        Assert.Equal(StopReason.CallbackError, e.PartialResult.StopReason);
    }

    private sealed class Cancelling(CancellationTokenSource cts, int after) : IProgress<IterationProgress>
    {
        private int _reports;
        public void Report(IterationProgress value)
        {
            if (value.IsFinal) return;
            if (++_reports == after) { cts.Cancel(); cts.Token.ThrowIfCancellationRequested(); }
        }
    }

    [Fact]
    public void An_already_cancelled_token_stops_before_the_first_step()
    {
        var (f, x0) = Problem();
        var r = Minimizer.Create(Method.V3, new PrunAdagOptions { TargetRelevant = 3 }).Minimize(f, x0, cancellationToken: new CancellationToken(true));
        Assert.Equal(StopReason.Cancelled, r.StopReason);
        Assert.Equal(0, r.Iterations);
        Assert.Equal(x0, r.Solution);
    }

    [Fact]
    public void TimeLimit_stops_the_run()
    {
        // The first gradient sleeps 20 ms, longer than the 1 ms limit, so the limit has certainly passed at k = 0.
        var (inner, x0) = Problem();
        int calls = 0;
        var f = Objective.Create(12, (x, g) => { if (calls++ == 0) Thread.Sleep(20); inner.Gradient(x, g); });
        var r = Minimizer.Create(Method.V3, new PrunAdagOptions { TargetRelevant = 3, TimeLimit = TimeSpan.FromMilliseconds(1) }).Minimize(f, x0);
        Assert.Equal(StopReason.TimeLimit, r.StopReason);
        Assert.Equal(0, r.Iterations);
        Assert.Equal(x0, r.Solution);
    }

    [Theory]
    [InlineData(0, double.NaN)] [InlineData(3, double.NaN)] [InlineData(4, double.PositiveInfinity)]
    public void A_non_finite_gradient_at_iteration_j_stops_with_the_finite_x_j(int j, double bad)
    {
        var (inner, x0) = Problem();
        int calls = 0;
        var f = Objective.Create(12, (x, g) => { inner.Gradient(x, g); if (calls++ == j) g[7] = bad; });
        var r = Minimizer.Create(Method.V3, new PrunAdagOptions { TargetRelevant = 3, MaxIterations = 100 }).Minimize(f, x0);
        Assert.Equal(StopReason.NonFiniteGradient, r.StopReason);
        Assert.Equal(j, r.Iterations);
        Assert.Equal(XAfter(j), r.Solution.ToArray());
        Assert.All(r.Solution, v => Assert.True(double.IsFinite(v)));
        Assert.False(double.IsFinite(r.FinalGradientNorm));
        Assert.Equal(j + 1, r.Trace.GradientNorm.Count);
    }

    [Fact]
    public void A_throwing_gradient_raises_ObjectiveEvaluationException_with_the_iteration_and_partial_result()
    {
        var (inner, x0) = Problem();
        int calls = 0;
        var boom = new InvalidOperationException("boom");
        var f = Objective.Create(12, (x, g) => { if (calls++ == 6) throw boom; inner.Gradient(x, g); });
        var ex = Assert.Throws<ObjectiveEvaluationException>(() =>
            Minimizer.Create(Method.V3, new PrunAdagOptions { TargetRelevant = 3, MaxIterations = 100 }).Minimize(f, x0));
        Assert.Equal(6, ex.Iteration);
        Assert.Same(boom, ex.InnerException);
        Assert.Equal(StopReason.ObjectiveError, ex.PartialResult.StopReason);
        Assert.Equal(6, ex.PartialResult.Iterations);
        Assert.Equal(XAfter(6), ex.PartialResult.Solution.ToArray());
        // x_0..x_6 are all recorded; the gradient of x_6 could not be computed, so its norm is NaN.
        Assert.Equal(7, ex.PartialResult.Trace.GradientNorm.Count);
        Assert.True(double.IsNaN(ex.PartialResult.Trace.GradientNorm[6]));
        Assert.Equal(6, ex.PartialResult.Trace.Optimisable!.Count);
    }

    [Fact]
    public void Converged_run_stops_at_the_first_iterate_below_gtol()
    {
        // x_0 = c of a separable quadratic: g_0 = 0, so the run stops at once.
        var f = Objective.Create(3, (x, g) => { g[0] = x[0] - 1; g[1] = x[1]; g[2] = x[2] + 2; });
        var r = Minimizer.Create(Method.V3, new PrunAdagOptions { TargetRelevant = 1 }).Minimize(f, Vector<double>.Build.Dense([1.0, 0, -2]));
        Assert.Equal(StopReason.Converged, r.StopReason);
        Assert.Equal(0, r.Iterations);
        Assert.Equal(0.0, r.FinalGradientNorm);
    }
}
