namespace PrunAdag;

/// <summary>
/// Options of Frank–Wolfe on the T-support-norm ball C_T(τ) (docs/algorithm.md, B2). The step rule is the
/// method (<see cref="Method.FW1"/>: 1/(k+1); <see cref="Method.FW2"/>: min(β‖g‖_R/‖v − x‖, 1)).
/// </summary>
public sealed record FrankWolfeOptions : MinimizerOptions
{
    /// <summary>T in 1..n. Null means max(1, ⌊n/10⌋) (docs/algorithm.md C3).</summary>
    [Parameter("target-relevant", SharedParameters.TargetRelevant, Symbol = "T", Min = 1, RangeText = SharedParameters.TargetRelevantRange)]
    public int? TargetRelevant { get; init => field = Check(value); }

    /// <summary>
    /// With a parameter layout: one T-support-norm ball over all prunable blocks (<see cref="PruningScope.Global"/>) or
    /// one per prunable block; every block that is not prunable gets its own L2 ball of radius τ (docs/algorithm.md C19).
    /// </summary>
    [Parameter("relevant-scope", SharedParameters.RelevantScope)]
    public PruningScope RelevantScope { get; init => field = Check(value); }

    /// <summary>T as a fraction of each ball's components (docs/algorithm.md C19); null: <see cref="TargetRelevant"/> or a tenth.</summary>
    [Parameter("relevant-fraction", SharedParameters.RelevantFraction, Min = 0, Max = 1, MinExclusive = true)]
    public double? RelevantFraction { get; init => field = Check(value); }

    /// <inheritdoc/>
    public override MinimizerOptions WithTargetRelevant(int? targetRelevant) => this with { TargetRelevant = targetRelevant };

    /// <inheritdoc/>
    internal override void CheckCombination() => CheckTargetOrFraction(TargetRelevant, RelevantFraction);

    /// <summary>τ &gt; 0, the ball's radius. Null means the paper's random least-squares setting: 50 for FW1, 100 for FW2.</summary>
    [Parameter("tau", "τ, the radius of the ball (default 50 for fw1, 100 for fw2).", Symbol = "τ", Min = 0, MinExclusive = true)]
    public double? Tau { get; init => field = Check(value); }

    /// <summary>β in (0, 1), used by FW2. Paper: 0.001 (0.5 for the logistic experiments).</summary>
    [Parameter("beta", "β of the fw2 step size.", Symbol = "β", Min = 0, Max = 1, MinExclusive = true, MaxExclusive = true)]
    public double Beta { get; init => field = Check(value); } = 0.001;
}
