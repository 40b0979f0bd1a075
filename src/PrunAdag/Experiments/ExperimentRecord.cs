namespace PrunAdag.Experiments;

/// <summary>One run of one method on one instance, with its pruning profile (one CSV row per σ).</summary>
/// <param name="Experiment">The family.</param>
/// <param name="Problem">The problem name.</param>
/// <param name="Method">The method.</param>
/// <param name="Seed">The instance's seed.</param>
/// <param name="Iterations">K.</param>
/// <param name="StopReason">Why it stopped.</param>
/// <param name="FinalGradientNorm">‖g_K‖.</param>
/// <param name="Seconds">Wall-clock time of the optimisation.</param>
/// <param name="Profile">ρ, ω (and accuracy) against σ.</param>
/// <param name="Run">The full run, kept for the first seed when the plan asks for it.</param>
public sealed record ExperimentRecord(string Experiment, string Problem, Method Method, int Seed, int Iterations,
    StopReason StopReason, double FinalGradientNorm, double Seconds, PruningProfile Profile, MinimizationResult? Run)
{
    /// <summary>What the problem's evaluation recorded during the run (<see cref="Problems.TestProblem.Evaluate"/>; every seed), or null.</summary>
    public EvaluationTrace? Evaluations { get; init; }
}

/// <summary>Progress of an experiment: runs done out of the total.</summary>
/// <param name="Completed">Runs finished.</param>
/// <param name="Total">Runs planned.</param>
/// <param name="Last">The run that just finished.</param>
public readonly record struct ExperimentProgress(int Completed, int Total, ExperimentRecord Last);

/// <summary>All records of an experiment, in plan order (problem, seed, method) whatever the completion order.</summary>
/// <param name="Plan">The plan that ran.</param>
/// <param name="Records">The records.</param>
/// <param name="Completed">False when the run was cancelled; the records then hold what finished.</param>
public sealed record ExperimentResults(ExperimentPlan Plan, IReadOnlyList<ExperimentRecord> Records, bool Completed);
