namespace PrunAdag;

/// <summary>
/// Options shared by every method: the stopping rule (spec, "Algorithm": ‖g_k‖ ≤ gtol or k = maxIter)
/// and what the trace records. Every property is validated when set, with a message naming it.
/// </summary>
public abstract record MinimizerOptions
{
    /// <summary>The iteration limit (paper: 10⁴). Must be ≥ 0.</summary>
    public int MaxIterations
    {
        get;
        init => field = value >= 0 ? value : throw Bad(nameof(MaxIterations), value, "must be ≥ 0");
    } = 10_000;

    /// <summary>Stop when ‖g_k‖₂ ≤ this (paper: 1e-9). Must be finite and ≥ 0.</summary>
    public double GradientTolerance
    {
        get;
        init => field = double.IsFinite(value) && value >= 0 ? value : throw Bad(nameof(GradientTolerance), value, "must be finite and ≥ 0");
    } = 1e-9;

    /// <summary>δ: the trace records the fraction of |x_i| &lt; δ (paper: 1e-3). Must be finite and &gt; 0.</summary>
    public double Delta
    {
        get;
        init => field = double.IsFinite(value) && value > 0 ? value : throw Bad(nameof(Delta), value, "must be finite and > 0");
    } = 1e-3;

    /// <summary>Record f(x_k) at every iterate (needs an objective with a value). Off by default: the method is OFFO.</summary>
    public bool RecordObjective { get; init; }

    /// <summary>Keep a copy of x_k every this many iterations (0 = never). Must be ≥ 0.</summary>
    public int IterateEvery
    {
        get;
        init => field = value >= 0 ? value : throw Bad(nameof(IterateEvery), value, "must be ≥ 0 (0 keeps no iterates)");
    }

    /// <summary>Optional wall-clock limit. Must be positive when set.</summary>
    public TimeSpan? TimeLimit
    {
        get;
        init => field = value is null || value > TimeSpan.Zero ? value : throw Bad(nameof(TimeLimit), value, "must be positive");
    }

    private protected static ArgumentOutOfRangeException Bad(string name, object? value, string rule) =>
        new(name, value, $"{name} {rule}; got {value}.");
}

/// <summary>Options of prunAdag (spec, "Algorithm" and "The variants"). Defaults are the paper's.</summary>
public sealed record PrunAdagOptions : MinimizerOptions
{
    /// <summary>The variant (Table 1); for <see cref="RelevantOnly"/> runs, the base variant whose a_i the decreasable step uses. Default V3.</summary>
    public Variant Variant
    {
        get;
        init => field = Enum.IsDefined(value) ? value : throw Bad(nameof(Variant), value, "must be V1, V2, V3 or V4");
    } = Variant.V3;

    /// <summary>Relevant-only ablation: O_k = R_k, no acceptable set.</summary>
    public bool RelevantOnly { get; init; }

    /// <summary>T, the number of relevant components, in 1..n. Null means the paper's max(1, ⌊n/10⌋).</summary>
    public int? TargetRelevant
    {
        get;
        init => field = value is null || value >= 1 ? value : throw Bad(nameof(TargetRelevant), value, "(T) must be in 1..n");
    }

    /// <summary>ς, the initial weight of wO and wD, in (0, 1). Paper: 0.01.</summary>
    public double Sigma0
    {
        get;
        init => field = value > 0 && value < 1 ? value : throw Bad(nameof(Sigma0), value, "(ς) must be in (0, 1)");
    } = 0.01;

    /// <summary>η, the step scale of the optimisable (Adagrad) step, &gt; 0. Paper: 1.</summary>
    public double StepScale
    {
        get;
        init => field = double.IsFinite(value) && value > 0 ? value : throw Bad(nameof(StepScale), value, "(η) must be finite and > 0");
    } = 1.0;
}

/// <summary>Options of plain Adagrad (spec, "Baselines").</summary>
public sealed record AdagradOptions : MinimizerOptions
{
    /// <summary>ς in (0, 1). Paper: 0.01.</summary>
    public double Sigma0
    {
        get;
        init => field = value > 0 && value < 1 ? value : throw Bad(nameof(Sigma0), value, "(ς) must be in (0, 1)");
    } = 0.01;

    /// <summary>η &gt; 0. Paper: 1.</summary>
    public double StepScale
    {
        get;
        init => field = double.IsFinite(value) && value > 0 ? value : throw Bad(nameof(StepScale), value, "(η) must be finite and > 0");
    } = 1.0;
}

/// <summary>The step-size rule of Frank–Wolfe.</summary>
public enum FrankWolfeRule
{
    /// <summary>η_k = 1/(k+1).</summary>
    FW1,
    /// <summary>η_k = min(β‖g‖_R / ‖v_k − x_k‖, 1).</summary>
    FW2,
}

/// <summary>Options of Frank–Wolfe on the T-support-norm ball C_T(τ) (spec, "Baselines").</summary>
public sealed record FrankWolfeOptions : MinimizerOptions
{
    /// <summary>FW1 or FW2.</summary>
    public FrankWolfeRule Rule
    {
        get;
        init => field = Enum.IsDefined(value) ? value : throw Bad(nameof(Rule), value, "must be FW1 or FW2");
    }

    /// <summary>T in 1..n. Null means max(1, ⌊n/10⌋).</summary>
    public int? TargetRelevant
    {
        get;
        init => field = value is null || value >= 1 ? value : throw Bad(nameof(TargetRelevant), value, "(T) must be in 1..n");
    }

    /// <summary>τ &gt; 0, the ball's radius. Null means the paper's random least-squares setting: 50 for FW1, 100 for FW2.</summary>
    public double? Tau
    {
        get;
        init => field = value is null || (double.IsFinite(value.Value) && value > 0) ? value : throw Bad(nameof(Tau), value, "(τ) must be finite and > 0");
    }

    /// <summary>β in (0, 1), used by FW2. Paper: 0.001 (0.5 for the logistic experiments).</summary>
    public double Beta
    {
        get;
        init => field = value > 0 && value < 1 ? value : throw Bad(nameof(Beta), value, "(β) must be in (0, 1)");
    } = 0.001;

    /// <summary>τ actually used.</summary>
    public double EffectiveTau => Tau ?? (Rule == FrankWolfeRule.FW1 ? 50.0 : 100.0);
}
