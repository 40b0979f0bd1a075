namespace PrunAdag;

/// <summary>
/// Options of prunAdag V1–V4 (docs/algorithm.md, Steps 1–6): Adagrad's ς and η (both weights wO and wD
/// start at ς) plus T, the size of the relevant set. The variant is the method itself
/// (<see cref="Method.V1"/> … <see cref="Method.V4"/>). Defaults are the paper's.
/// </summary>
public record PrunAdagOptions : AdagradOptions
{
    /// <summary>T, the number of relevant components, in 1..n. Null means the paper's max(1, ⌊n/10⌋) (docs/algorithm.md C3).</summary>
    [Parameter("target-relevant", SharedParameters.TargetRelevant, Symbol = "T", Min = 1, RangeText = SharedParameters.TargetRelevantRange)]
    public int? TargetRelevant { get; init => field = Check(value); }

    /// <summary>
    /// With a parameter layout (<see cref="Objective.Layout"/>): R_k is taken over all prunable blocks together
    /// (<see cref="PruningScope.Global"/>, the default: one T, the paper's rule) or within each prunable block
    /// (<see cref="PruningScope.PerBlock"/>: one relevant set, and one T, per block). Blocks that are not prunable
    /// always take the Adagrad step (docs/algorithm.md C19). Without a layout it changes nothing.
    /// </summary>
    [Parameter("relevant-scope", SharedParameters.RelevantScope)]
    public PruningScope RelevantScope { get; init => field = Check(value); }

    /// <summary>
    /// T as a fraction f ∈ (0, 1] of each relevant set's m components: T = min(m, max(1, ⌈f·m⌉)) (docs/algorithm.md C19).
    /// Null: <see cref="TargetRelevant"/>, or max(1, ⌊m/10⌋). Setting both is an error when the kernel is created.
    /// </summary>
    [Parameter("relevant-fraction", SharedParameters.RelevantFraction, Min = 0, Max = 1, MinExclusive = true)]
    public double? RelevantFraction { get; init => field = Check(value); }

    /// <inheritdoc/>
    public override MinimizerOptions WithTargetRelevant(int? targetRelevant) => this with { TargetRelevant = targetRelevant };

    /// <inheritdoc/>
    internal override void CheckCombination() => CheckTargetOrFraction(TargetRelevant, RelevantFraction);
}
