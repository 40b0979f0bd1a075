using System.Diagnostics;
using MathNet.Numerics.LinearAlgebra;
using PrunAdag.Problems;

namespace PrunAdag.Experiments;

/// <summary>
/// Runs an <see cref="ExperimentPlan"/> in parallel over instances. Each instance gets its own
/// objective, every run is deterministic (and, with more than one job, single-threaded), and records are returned in
/// plan order, so the results (all but the timings) do not depend on <see cref="ExperimentPlan.Jobs"/>.
/// </summary>
public static class ExperimentRunner
{
    /// <summary>Runs the plan.</summary>
    /// <param name="plan">What to run.</param>
    /// <param name="progress">Receives one report per finished run (from worker threads).</param>
    /// <param name="onRecord">Called once per finished run, serialised (never concurrently); e.g. to append a CSV row.</param>
    /// <param name="cancellationToken">Stops the experiment: runs in flight stop within one iteration and are dropped, finished ones are kept.</param>
    /// <remarks>
    /// When a run throws (for example a <see cref="FormatException"/> from a corrupt data file while its problem is
    /// built), no further run is started and that exception is rethrown as it is, not wrapped in an
    /// <see cref="AggregateException"/>; when several fail, the one of the first run in plan order.
    /// </remarks>
    public static ExperimentResults Run(ExperimentPlan plan, IProgress<ExperimentProgress>? progress = null,
        Action<ExperimentRecord>? onRecord = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        plan.Validate();
        var units = (from p in plan.Problems from s in plan.Seeds select (Problem: p, Seed: s)).ToArray();
        var slots = new ExperimentRecord?[units.Length, plan.Methods.Count];
        int total = units.Length * plan.Methods.Count, done = 0;
        var gate = new object();
        var firstSeed = plan.Seeds[0];
        bool cancelled = false;
        // The work: each method of each instance on its own, so that few instances still keep every job busy (3 seeds on
        // 2 jobs, say), except masked Adam, which starts from the Adam run of its instance (B6) and follows it.
        var listed = plan.Methods.ToArray();
        int adam = Array.IndexOf(listed, Method.Adam), masked = Array.IndexOf(listed, Method.MaskedAdam);
        var work = new List<(int Unit, int[] Methods)>();
        for (int u = 0; u < units.Length; u++)
            for (int m = 0; m < plan.Methods.Count; m++)
                if (m == adam && masked >= 0) work.Add((u, [adam, masked]));
                else if (m != masked || adam < 0) work.Add((u, [m]));
        // An instance's problem is built once per job that needs it at the same time and reused by its next methods (an
        // objective keeps buffers, so two runs never share one); the spares go when the instance's last method is done.
        var spares = new Stack<TestProblem>?[units.Length];
        var left = new int[units.Length];
        foreach (var (u, _) in work) left[u]++;
        var errors = new Exception?[work.Count];
        try
        {
            Parallel.For(0, work.Count, new ParallelOptions { MaxDegreeOfParallelism = plan.Jobs, CancellationToken = cancellationToken }, (w, loop) =>
            {
                // Several jobs already share the cores: a run's own threaded passes (products, steps) would only queue
                // behind them and spin, so each job keeps to its thread. (Speed only: no bit depends on threads.)
                int limit = Numerics.Parallelism.ThreadLimit;
                if (plan.Jobs > 1) Numerics.Parallelism.ThreadLimit = 1;
                try { RunWork(work[w].Unit, work[w].Methods); }
                catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    errors[w] = ex;
                    loop.Stop();
                }
                finally { Numerics.Parallelism.ThreadLimit = limit; }
            });
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            cancelled = true;
        }
        if (Array.Find(errors, e => e is not null) is { } first)
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(first);
        cancelled |= cancellationToken.IsCancellationRequested;
        var records = new List<ExperimentRecord>(total);
        for (int u = 0; u < units.Length; u++)
            for (int m = 0; m < plan.Methods.Count; m++)
                if (slots[u, m] is { } r) records.Add(r);
        return new ExperimentResults(plan, records, !cancelled && records.Count == total);

        void RunWork(int u, int[] methods)
        {
            var (name, seed) = units[u];
            TestProblem? problem = null;
            lock (gate) if (spares[u] is { Count: > 0 } stack) problem = stack.Pop();
            problem ??= plan.ProblemFactory(name, seed);
            try
            {
                var dense = new DenseSnapshot();
                foreach (int m in methods)
                {
                    if (cancellationToken.IsCancellationRequested) return;
                    var method = plan.Methods[m];
                    var record = method == Method.MaskedAdam
                        ? PruneAndFineTune(plan, name, seed, problem, dense, cancellationToken)
                        : RunOne(plan, name, seed, problem, method, dense, firstSeed, cancellationToken);
                    if (record is null) return; // cancelled
                    lock (gate)
                    {
                        slots[u, m] = record;
                        done++;
                        onRecord?.Invoke(record);
                        progress?.Report(new ExperimentProgress(done, total, record));
                    }
                }
            }
            finally
            {
                lock (gate)
                {
                    if (--left[u] == 0) spares[u] = null;
                    else (spares[u] ??= new Stack<TestProblem>()).Push(problem);
                }
            }
        }
    }

    // Adam's iterate after E − F epochs, kept for the prune-and-fine-tune baseline of the same instance (B6).
    private sealed class DenseSnapshot
    {
        public Vector<double>? X;
        public double Seconds;
        // The dense phase's own record, which masked-adam reports when it fine-tunes nothing (F = 0).
        public int Iterations;
        public StopReason Reason = StopReason.IterationLimit;
        public double FinalNorm = double.NaN;
    }

    private static ExperimentRecord? RunOne(ExperimentPlan plan, string name, int seed, TestProblem problem, Method method,
        DenseSnapshot dense, int firstSeed, CancellationToken cancellationToken)
    {
        var options = plan.OptionsFor(method, problem);
        int keepAt = -1;
        if (method == Method.Adam && plan.Methods.Contains(Method.MaskedAdam) && DenseEpochs(plan, options) is { } e)
        {
            keepAt = e * BatchesPerEpoch(problem);
            if (keepAt > 0) options = options with { IterateEvery = keepAt };
        }
        var clock = Stopwatch.StartNew();
        var result = Minimizer.Create(method, options).Minimize(problem.Objective, problem.X0, cancellationToken: cancellationToken);
        double seconds = clock.Elapsed.TotalSeconds;
        if (result.StopReason == StopReason.Cancelled) return null;
        if (keepAt >= 0)
        {
            dense.X = keepAt == 0 ? problem.X0 : result.Trace.Iterates.FirstOrDefault(s => s.Iteration == keepAt)?.X;
            dense.Seconds = seconds * Math.Min(1.0, (double)keepAt / Math.Max(1, result.Iterations));
            dense.Iterations = Math.Min(keepAt, result.Iterations);
            if (keepAt >= result.Iterations) { dense.Reason = result.StopReason; dense.FinalNorm = result.FinalGradientNorm; }
        }
        var profile = Profile(plan, problem, result.Solution, method.DisplayName);
        return new ExperimentRecord(plan.Experiment, name, method, seed, result.Iterations, result.StopReason,
            result.FinalGradientNorm, seconds, profile, plan.KeepFirstSeedRuns && seed == firstSeed ? result : null)
        { Evaluations = result.Trace.Evaluations };
    }

    /// <summary>
    /// docs/algorithm.md B6: Adam for E − F epochs from x0 (the snapshot of the Adam run of the same instance, or a run of
    /// its own), then for each σ global magnitude pruning of the prunable blocks and F epochs of masked Adam on the survivors.
    /// </summary>
    private static ExperimentRecord? PruneAndFineTune(ExperimentPlan plan, string name, int seed, TestProblem problem, DenseSnapshot dense,
        CancellationToken cancellationToken)
    {
        var options = (AdamOptions)plan.OptionsFor(Method.MaskedAdam, problem);
        int denseEpochs = DenseEpochs(plan, options)
            ?? throw new ArgumentException($"The prune-and-fine-tune baseline (masked-adam) needs Epochs set and above FineTuneEpochs = {plan.FineTuneEpochs}.", nameof(plan));
        var clock = Stopwatch.StartNew();
        double seconds = 0;
        if (dense.X is null)
        {
            var adam = (AdamOptions)plan.OptionsFor(Method.Adam, problem) with { Epochs = denseEpochs, Evaluate = null };
            var run = denseEpochs == 0 ? null : Minimizer.Create(Method.Adam, adam).Minimize(problem.Objective, problem.X0, cancellationToken: cancellationToken);
            if (run?.StopReason == StopReason.Cancelled) return null;
            dense.X = run?.Solution ?? problem.X0;
            if (run is not null) { dense.Iterations = run.Iterations; dense.Reason = run.StopReason; dense.FinalNorm = run.FinalGradientNorm; }
            seconds = clock.Elapsed.TotalSeconds;
        }
        else seconds = dense.Seconds;
        var layout = problem.Layout ?? ParameterLayout.Single(problem.Dimension);
        // F = 0 is train dense, then prune, with no fine-tuning: no fine-tuning options (Epochs = 0 is no budget).
        var fineTune = plan.FineTuneEpochs > 0 ? options with { Epochs = plan.FineTuneEpochs, Evaluate = null } : null;
        var points = new List<PruningPoint>();
        // The record's stop reason and ‖g‖: the last fine-tuning run's, or with F = 0 the dense phase's. Its iterations count
        // the batch gradients that made each pruned model, dense phase and fine-tuning (E − F epochs and F), as for every method.
        int iterations = dense.Iterations;
        var reason = dense.Reason;
        double finalNorm = dense.FinalNorm;
        foreach (double sigma in plan.Sigmas)
        {
            var pruned = Pruning.ToSparsity(dense.X, sigma, layout).Pruned;
            var x = pruned;
            if (fineTune is not null)
            {
                var t = Stopwatch.StartNew();
                var run = Minimizer.Create(Method.MaskedAdam, fineTune).Minimize(problem.Objective, pruned, cancellationToken: cancellationToken);
                seconds += t.Elapsed.TotalSeconds;
                if (run.StopReason == StopReason.Cancelled) return null;
                x = run.Solution; iterations = dense.Iterations + run.Iterations; reason = run.StopReason; finalNorm = run.FinalGradientNorm;
            }
            var sparsity = Pruning.Sparsity(x, layout);
            var (rho, omega) = plan.MeasureStationarity ? Pruning.Measures(problem.Objective, dense.X, x) : (double.NaN, double.NaN);
            points.Add(new PruningPoint(sigma, sparsity.Prunable, rho, omega, problem.TestAccuracy?.Invoke(x)) { Blocks = sparsity });
        }
        var profile = new PruningProfile(Method.MaskedAdam.DisplayName, points);
        return new ExperimentRecord(plan.Experiment, name, Method.MaskedAdam, seed, iterations, reason, finalNorm, seconds, profile, null);
    }

    private static int? DenseEpochs(ExperimentPlan plan, MinimizerOptions options) =>
        options.Epochs is { } e && (e > plan.FineTuneEpochs || plan.FineTuneEpochs == 0) ? e - plan.FineTuneEpochs : null;

    private static int BatchesPerEpoch(TestProblem problem) => (problem.Objective as MiniBatchObjective)?.Schedule.BatchesPerEpoch ?? 1;

    private static PruningProfile Profile(ExperimentPlan plan, TestProblem problem, Vector<double> x, string label) =>
        problem.Layout is { IsSingleBlock: false } || !plan.MeasureStationarity
            ? Pruning.Profile(problem.Objective, x, plan.Sigmas, problem.Layout ?? ParameterLayout.Single(problem.Dimension),
                PruningScope.Global, problem.TestAccuracy, label, plan.MeasureStationarity)
            : Pruning.Profile(problem.Objective, x, plan.Sigmas, problem.TestAccuracy, label);
}
