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

    /// <inheritdoc/>
    public override MinimizerOptions WithTargetRelevant(int? targetRelevant) => this with { TargetRelevant = targetRelevant };
}
