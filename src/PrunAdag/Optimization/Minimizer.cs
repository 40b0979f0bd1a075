using System.Diagnostics;
using MathNet.Numerics.LinearAlgebra;

namespace PrunAdag;

/// <summary>
/// Runs a <see cref="Method"/> with its options on an objective: the one "minimise" shape shared by prunAdag,
/// Adagrad and Frank–Wolfe, so comparisons, reports and charts treat all methods alike.
/// </summary>
/// <example><code>
/// var result = Minimizer.Create(Method.V3, new PrunAdagOptions { TargetRelevant = 100 }).Minimize(f, x0);
/// </code></example>
public sealed class Minimizer
{
    private Minimizer(Method method, MinimizerOptions options) { Method = method; Options = options; }

    /// <summary>A minimizer of <paramref name="method"/> with <paramref name="options"/> (its paper defaults when null).</summary>
    /// <exception cref="ArgumentException"><paramref name="options"/> is not the method's <see cref="Method.OptionsType"/>, or holds
    /// two values that contradict each other (both T and its fraction; stochastic Frank–Wolfe's α &gt; 1 without gradient rescaling).</exception>
    public static Minimizer Create(Method method, MinimizerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(method);
        options ??= method.DefaultOptions;
        method.CheckOptionsType(options, nameof(options));
        options.CheckCombination();
        return new Minimizer(method, options);
    }

    /// <summary>The method.</summary>
    public Method Method { get; }

    /// <summary>The options (validated; of type <see cref="Method.OptionsType"/>).</summary>
    public MinimizerOptions Options { get; }

    /// <summary>
    /// Minimises <paramref name="objective"/> from <paramref name="x0"/>. Stops on ‖g_k‖ ≤ gtol, the
    /// iteration or time limit, the callback, cancellation (returns the partial result, stop reason
    /// <see cref="StopReason.Cancelled"/>), or a non-finite gradient (returns the last finite iterate).
    /// </summary>
    /// <remarks>
    /// <para>A <see cref="MiniBatchObjective"/> is stepped with its batch gradient: g_k = ∇f_{S_k}(x_k) on batch k of its
    /// schedule (<see cref="MiniBatchObjective.BatchGradient(int, ReadOnlySpan{double}, Span{double})"/>); the limit is
    /// <see cref="MinimizerOptions.Epochs"/> when set, and the gradient-tolerance stop is
    /// <see cref="MinimizerOptions.BatchGradientTolerance"/>, off by default (docs/algorithm.md C17).</para>
    /// <para>The objective's <see cref="Objective.Layout"/> (one prunable block when null) goes to the method's kernel,
    /// which takes its relevant set over the prunable blocks (docs/algorithm.md C19).</para>
    /// </remarks>
    /// <param name="objective">The objective (gradient required; value used only for reporting).</param>
    /// <param name="x0">The starting point, length n, finite.</param>
    /// <param name="callback">Optional; sees every iterate and returns false to stop.</param>
    /// <param name="progress">Optional; receives throttled snapshots for progress displays.</param>
    /// <param name="cancellationToken">Stops the run within one iteration.</param>
    /// <exception cref="ArgumentException">x0 has the wrong length or a non-finite entry; T is outside 1..n.</exception>
    /// <exception cref="ObjectiveEvaluationException">The objective threw; the partial result is attached.</exception>
    /// <exception cref="CallbackException">The callback, the evaluation hook or the progress receiver threw; the partial result is
    /// attached. An <see cref="OperationCanceledException"/> thrown by any of them while <paramref name="cancellationToken"/> is
    /// cancelled is the cancellation: the run returns its partial result with <see cref="StopReason.Cancelled"/>.</exception>
    public MinimizationResult Minimize(Objective objective, Vector<double> x0, IterationCallback? callback = null,
        IProgress<IterationProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(objective);
        objective.CheckDimension(x0, nameof(x0));
        int n = objective.Dimension;
        // x_k and g_k start on a cache line, as the library's dense matrices do, so that the gradient's and the step's
        // full-width loads and stores each touch one line (speed only; docs/benchmarks.md, eleventh round).
        var xm = Numerics.AlignedDoubles.CopyOf(x0.AsArray() ?? x0.ToArray()); // a dense x0's own storage: one copy, not two
        var x = xm.Span;
        for (int i = 0; i < n; i++)
            if (!double.IsFinite(x[i]))
                throw new ArgumentException($"x0[{i}] = {x[i]} is not finite.", nameof(x0));
        var opts = Options;
        if (opts.RecordObjective && !objective.HasValue)
            throw new ArgumentException($"RecordObjective is set but the objective '{objective.Name}' has no value function.", nameof(objective));

        var layout = objective.Layout ?? ParameterLayout.Single(n);
        if (layout.Dimension != n)
            throw new ArgumentException($"The layout of '{objective.Name}' covers {layout.Dimension} parameters but the objective has n = {n}.", nameof(objective));
        var kernel = Method.CreateKernel(opts, layout);
        var batches = objective as MiniBatchObjective;
        // C17: an epoch is P batches of a mini-batch objective, one full gradient otherwise.
        int perEpoch = batches?.Schedule.BatchesPerEpoch ?? 1;
        int maxIterations = opts.Epochs is { } epochs ? (int)Math.Min((long)epochs * perEpoch, int.MaxValue) : opts.MaxIterations;
        double gtol = batches is null ? opts.GradientTolerance : opts.BatchGradientTolerance ?? double.NegativeInfinity;
        var evaluations = opts.Evaluate is null ? null : new EvaluationTraceBuilder(perEpoch);
        int evaluateEvery = opts.EvaluateEvery ?? perEpoch;
        var g = Numerics.AlignedDoubles.AllocateMemory(n).Span;
        var trace = new TraceBuilder(maxIterations, opts.RecordObjective, Method.Classifies);
        var clock = Stopwatch.StartNew();
        long timeLimitTicks = opts.TimeLimit is { } tl ? (long)Math.Min(tl.TotalSeconds * Stopwatch.Frequency, long.MaxValue / 2) : long.MaxValue;
        long progressTicks = (long)(opts.ProgressInterval.TotalSeconds * Stopwatch.Frequency), lastProgress = long.MinValue / 2;
        int below = CountBelow(x, opts.Delta);
        StepCounts last = default;
        int k = 0;
        double gnorm = double.NaN;
        StopReason reason;

        MinimizationResult Snapshot(StopReason why, double finalNorm, bool withValue) => new()
        {
            Method = Method, Options = opts, Dimension = n, TargetRelevant = kernel.TargetRelevant,
            Solution = Vector<double>.Build.Dense(xm.Span.ToArray()), Iterations = k, StopReason = why,
            FinalGradientNorm = finalNorm,
            FinalValue = withValue && objective.HasValue ? SafeValue(objective, xm.Span) : null,
            Trace = trace.Build(opts.Delta, evaluations), Elapsed = clock.Elapsed, ObjectiveName = objective.Name,
            GradientKind = objective.GradientKind,
        };
        IterationProgress Progress(bool final) => new(k, maxIterations, gnorm, (double)below / n,
            last.Optimisable, last.Acceptable, last.Decreasable, clock.Elapsed, final);

        while (true)
        {
            // Step 1: g_k = ∇f(x_k) and the stopping tests (C11).
            try
            {
                if (batches is not null) batches.BatchGradient(k, x, g); // C17: g_k on batch k
                else objective.Gradient(x, g);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                trace.AddPoint(double.NaN, (double)below / n, double.NaN);
                reason = StopReason.Cancelled; gnorm = double.NaN; break;
            }
            catch (Exception ex)
            {
                // Keep K+1 trace points for x_0..x_K: the gradient of x_k could not be computed, so it is NaN.
                trace.AddPoint(double.NaN, (double)below / n, double.NaN);
                throw new ObjectiveEvaluationException(k, "gradient", ex, Snapshot(StopReason.ObjectiveError, double.NaN, false));
            }
            gnorm = Numerics.FixedOrder.Norm(g); // one summation order at every vector width (docs/algorithm.md, C6)
            double value = double.NaN;
            if (opts.RecordObjective)
            {
                try { value = objective.Value(x); }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    trace.AddPoint(gnorm, (double)below / n, double.NaN);
                    reason = StopReason.Cancelled; break;
                }
                catch (Exception ex)
                {
                    trace.AddPoint(gnorm, (double)below / n, double.NaN);
                    throw new ObjectiveEvaluationException(k, "value", ex, Snapshot(StopReason.ObjectiveError, gnorm, false));
                }
            }
            trace.AddPoint(gnorm, (double)below / n, value);
            if (opts.IterateEvery > 0 && k % opts.IterateEvery == 0) trace.AddIterate(k, x);
            if (evaluations is not null && k % evaluateEvery == 0 && !Evaluate(opts, evaluations, k, x, cancellationToken, () => Snapshot(StopReason.CallbackError, gnorm, true)))
            { reason = StopReason.Cancelled; break; }

            // A NaN or ∞ anywhere in g makes the norm non-finite (an overflowing norm is treated alike).
            if (!double.IsFinite(gnorm) || (opts.RecordObjective && !double.IsFinite(value))) { reason = StopReason.NonFiniteGradient; break; }
            if (gnorm <= gtol) { reason = StopReason.Converged; break; }
            if (k >= maxIterations) { reason = StopReason.IterationLimit; break; }
            if (cancellationToken.IsCancellationRequested) { reason = StopReason.Cancelled; break; }
            if (clock.ElapsedTicks >= timeLimitTicks) { reason = StopReason.TimeLimit; break; }
            if (callback is not null)
            {
                bool goOn;
                try
                {
                    goOn = callback(new IterationState(k, x, g, gnorm, last.Optimisable, last.Acceptable, last.Decreasable, (double)below / n, clock.Elapsed));
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    // The callback honoured the token the usual way (ThrowIfCancellationRequested): a cancellation, not a failure.
                    reason = StopReason.Cancelled; break;
                }
                catch (Exception ex)
                {
                    throw new CallbackException(k, "iteration callback", ex, Snapshot(StopReason.CallbackError, gnorm, true));
                }
                if (!goOn) { reason = StopReason.Callback; break; }
            }
            if (progress is not null && clock.ElapsedTicks - lastProgress >= progressTicks)
            {
                lastProgress = clock.ElapsedTicks;
                if (!Report(progress, Progress(final: false), k, cancellationToken, () => Snapshot(StopReason.CallbackError, gnorm, true)))
                { reason = StopReason.Cancelled; break; }
            }

            // Steps 2–6 (or the baseline's step): x_{k+1} = x_k + s_k, in place.
            last = kernel.Step(k, x, g, opts.Delta);
            below = last.BelowDelta;
            trace.AddStep(last.Optimisable, last.Acceptable, last.Decreasable);
            k++;
        }

        if (opts.IterateEvery > 0 && (k % opts.IterateEvery != 0)) trace.AddIterate(k, x);
        // C18: the last iterate is always evaluated (unless the run was cancelled).
        if (evaluations is not null && evaluations.LastIteration != k && reason != StopReason.Cancelled
            && !Evaluate(opts, evaluations, k, x, cancellationToken, () => Snapshot(StopReason.CallbackError, gnorm, true)))
            reason = StopReason.Cancelled;
        var result = Snapshot(reason, gnorm, true);
        // The run is over: a receiver that throws the cancellation now cancels nothing, so the result keeps its reason.
        if (progress is not null) Report(progress, Progress(final: true), k, cancellationToken, () => result);
        return result;
    }

    /// <summary>Runs the evaluation hook at x_k; false when it threw the caller's cancellation (then nothing is recorded for k).</summary>
    private static bool Evaluate(MinimizerOptions opts, EvaluationTraceBuilder evaluations, int k, ReadOnlySpan<double> x,
        CancellationToken cancellationToken, Func<MinimizationResult> partial)
    {
        IReadOnlyDictionary<string, double> values;
        try
        {
            values = opts.Evaluate!(Vector<double>.Build.Dense(x.ToArray()))
                ?? throw new InvalidOperationException("The evaluation hook returned null; return an empty dictionary for no values.");
            evaluations.Add(k, values);
            return true;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested) { return false; }
        catch (Exception ex)
        {
            throw new CallbackException(k, "evaluation hook", ex, partial());
        }
    }

    /// <summary>Reports to the progress receiver; false when it threw the caller's cancellation.</summary>
    private static bool Report(IProgress<IterationProgress> progress, IterationProgress value, int k, CancellationToken cancellationToken,
        Func<MinimizationResult> partial)
    {
        try { progress.Report(value); return true; }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested) { return false; }
        catch (Exception ex) { throw new CallbackException(k, "progress receiver", ex, partial() with { StopReason = StopReason.CallbackError }); }
    }

    private static double? SafeValue(Objective f, ReadOnlySpan<double> x)
    {
        try { return f.Value(x); }
        catch (Exception) { return null; }
    }

    internal static int CountBelow(ReadOnlySpan<double> x, double delta)
    {
        int c = 0;
        foreach (double v in x) if (Math.Abs(v) < delta) c++;
        return c;
    }
}
