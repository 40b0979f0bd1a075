using System.Diagnostics;
using PrunAdag.Problems;

namespace PrunAdag.Experiments;

/// <summary>
/// Runs an <see cref="ExperimentPlan"/> in parallel over instances. Each instance gets its own
/// objective, every run is single-threaded and deterministic, and records are returned in plan
/// order, so the results (all but the timings) do not depend on <see cref="ExperimentPlan.Jobs"/>.
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
    /// built), no further instance is started and that exception is rethrown as it is, not wrapped in an
    /// <see cref="AggregateException"/>; when several fail, the one of the first instance in plan order.
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
        var errors = new Exception?[units.Length];
        try
        {
            Parallel.For(0, units.Length, new ParallelOptions { MaxDegreeOfParallelism = plan.Jobs, CancellationToken = cancellationToken }, (u, loop) =>
            {
                try { RunUnit(u); }
                catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    errors[u] = ex;
                    loop.Stop();
                }
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

        void RunUnit(int u)
        {
            var (name, seed) = units[u];
            TestProblem problem = plan.ProblemFactory(name, seed);
            for (int m = 0; m < plan.Methods.Count; m++)
            {
                if (cancellationToken.IsCancellationRequested) return;
                var method = plan.Methods[m];
                var minimizer = Minimizer.Create(method, plan.OptionsFor(method, problem));
                var clock = Stopwatch.StartNew();
                var result = minimizer.Minimize(problem.Objective, problem.X0, cancellationToken: cancellationToken);
                double seconds = clock.Elapsed.TotalSeconds;
                if (result.StopReason == StopReason.Cancelled) return;
                var profile = Pruning.Profile(problem.Objective, result.Solution, plan.Sigmas, problem.TestAccuracy, method.DisplayName);
                var record = new ExperimentRecord(plan.Experiment, name, method, seed, result.Iterations, result.StopReason,
                    result.FinalGradientNorm, seconds, profile, plan.KeepFirstSeedRuns && seed == firstSeed ? result : null);
                lock (gate)
                {
                    slots[u, m] = record;
                    done++;
                    onRecord?.Invoke(record);
                    progress?.Report(new ExperimentProgress(done, total, record));
                }
            }
        }
    }
}
