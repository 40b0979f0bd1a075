namespace PrunAdag;

/// <summary>
/// Options of stochastic Frank–Wolfe on T-support-norm balls (docs/algorithm.md B5), the compression-aware SFW of
/// Zimmer, Spiegel and Pokutta (2022) with momentum and gradient rescaling. With a parameter layout the prunable blocks
/// share one ball (or have one each) and every block that is not prunable gets its own L2 ball (C19).
/// </summary>
public sealed record StochasticFrankWolfeOptions : MinimizerOptions
{
    /// <summary>α &gt; 0: the step is η_k = min(α ‖m_k‖ / ‖v_k − x_k‖, 1) with gradient rescaling, α (≤ 1, checked with <see cref="GradientRescaling"/> by <see cref="Minimizer.Create"/>) without. Default 0.1.</summary>
    [Parameter("learning-rate", "α: step min(α‖m‖/‖v − x‖, 1) with gradient rescaling, α without.", Symbol = "α", Min = 0, MinExclusive = true)]
    public double LearningRate { get; init => field = Check(value); } = 0.1;

    /// <summary>μ ∈ [0, 1): m_k = μ m_{k−1} + (1 − μ) g_k. Default 0.9.</summary>
    [Parameter("momentum", "μ, the momentum of m_k = μ m_{k−1} + (1 − μ) g_k.", Symbol = "μ", Min = 0, Max = 1, MaxExclusive = true)]
    public double Momentum { get; init => field = Check(value); } = 0.9;

    /// <summary>The gradient rescaling of the step (default true; false: η_k = α).</summary>
    [Parameter("gradient-rescaling", "Rescale the step by ‖m‖/‖v − x‖ (else η = α).")]
    public bool GradientRescaling { get; init; } = true;

    /// <summary>T of each ball over prunable components; null: <see cref="RelevantFraction"/>, or a tenth (C3).</summary>
    [Parameter("target-relevant", SharedParameters.TargetRelevant, Symbol = "T", Min = 1, RangeText = SharedParameters.TargetRelevantRange)]
    public int? TargetRelevant { get; init => field = Check(value); }

    /// <summary>One ball over all prunable blocks (default) or one per prunable block.</summary>
    [Parameter("relevant-scope", SharedParameters.RelevantScope)]
    public PruningScope RelevantScope { get; init => field = Check(value); }

    /// <summary>T as a fraction of each ball's components (C19).</summary>
    [Parameter("relevant-fraction", SharedParameters.RelevantFraction, Min = 0, Max = 1, MinExclusive = true)]
    public double? RelevantFraction { get; init => field = Check(value); }

    /// <summary>τ &gt; 0, every ball's radius. Null (the default): each ball's radius is <see cref="RadiusFactor"/> × the norm of its part of x0 (B5).</summary>
    [Parameter("tau", "τ, the radius of every ball (default: radius-factor × the ball's part of ‖x0‖).", Symbol = "τ", Min = 0, MinExclusive = true)]
    public double? Tau { get; init => field = Check(value); }

    /// <summary>
    /// w &gt; 0: without <see cref="Tau"/>, a ball's radius is w·‖x0 on the ball's components‖₂, or w when that part of x0
    /// is 0 (biases): the authors' parameterisation (radius = w × the initialisation's norm). Default 1 (B5).
    /// </summary>
    [Parameter("radius-factor", "w: a ball's radius is w × the norm of its part of x0 (w when that is 0).", Symbol = "w", Min = 0, MinExclusive = true)]
    public double RadiusFactor { get; init => field = Check(value); } = 1.0;

    /// <inheritdoc/>
    public override MinimizerOptions WithTargetRelevant(int? targetRelevant) => this with { TargetRelevant = targetRelevant };

    /// <inheritdoc/>
    internal override void CheckCombination()
    {
        CheckTargetOrFraction(TargetRelevant, RelevantFraction);
        if (!GradientRescaling && LearningRate > 1)
            throw new ArgumentException($"Without gradient rescaling (GradientRescaling = false) the step η = LearningRate must be in (0, 1]; got LearningRate = {LearningRate}.", "options");
    }

    internal Neural.SfwParameters ToParameters() => new()
    {
        LearningRate = LearningRate, Momentum = Momentum,
        Rescaling = GradientRescaling ? Neural.SfwRescaling.Gradient : Neural.SfwRescaling.None,
    };
}
