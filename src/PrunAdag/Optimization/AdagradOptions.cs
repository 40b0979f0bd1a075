namespace PrunAdag;

/// <summary>
/// Options of plain Adagrad (docs/algorithm.md, B1): s = −η g / w, w_i = sqrt(ς² + Σ_j g_{i,j}²).
/// prunAdag extends them (<see cref="PrunAdagOptions"/>): its optimisable step is this Adagrad step.
/// </summary>
public record AdagradOptions : MinimizerOptions
{
    /// <summary>ς, the initial weight (w_{i,−1} = ς), in (0, 1). Paper: 0.01.</summary>
    [Parameter("sigma0", "ς, the initial weight (w_{i,−1} = ς).", Symbol = "ς", Min = 0, Max = 1, MinExclusive = true, MaxExclusive = true)]
    public double Sigma0 { get; init => field = Check(value); } = 0.01;

    /// <summary>η, the step scale of the Adagrad step, finite and &gt; 0. Paper: 1.</summary>
    [Parameter("step-scale", "η, the step scale of the Adagrad step.", Symbol = "η", Min = 0, MinExclusive = true)]
    public double StepScale { get; init => field = Check(value); } = 1.0;
}
