namespace PrunAdag;

/// <summary>
/// What a run recorded, column by column (cheap to record, cheap to chart). For a run of K steps,
/// per-iterate columns have K+1 entries (x_0..x_K) and per-step columns have K entries (iterations 0..K−1).
/// </summary>
public sealed class IterationTrace
{
    internal IterationTrace(double delta, double[] gradNorm, double[] belowDelta, double[]? value,
        int[]? optimisable, int[]? acceptable, int[]? decreasable, IReadOnlyList<IterateSnapshot> iterates,
        EvaluationTrace? evaluations = null)
    {
        Evaluations = evaluations;
        Delta = delta; GradientNorm = gradNorm; BelowDelta = belowDelta; Value = value;
        Optimisable = optimisable; Acceptable = acceptable; Decreasable = decreasable; Iterates = iterates;
    }

    /// <summary>δ used for <see cref="BelowDelta"/>.</summary>
    public double Delta { get; }

    /// <summary>‖g_k‖₂ for k = 0..K.</summary>
    public IReadOnlyList<double> GradientNorm { get; }

    /// <summary>Fraction (0..1) of components with |x_i| &lt; δ, for k = 0..K.</summary>
    public IReadOnlyList<double> BelowDelta { get; }

    /// <summary>f(x_k) for k = 0..K when <see cref="MinimizerOptions.RecordObjective"/> was set; otherwise null.</summary>
    public IReadOnlyList<double>? Value { get; }

    /// <summary>|O_k| for k = 0..K−1 (prunAdag only; null for Adagrad and Frank–Wolfe).</summary>
    public IReadOnlyList<int>? Optimisable { get; }

    /// <summary>|A_k| for k = 0..K−1 (prunAdag only; all zeros for relevant-only).</summary>
    public IReadOnlyList<int>? Acceptable { get; }

    /// <summary>|D_k| for k = 0..K−1 (prunAdag only).</summary>
    public IReadOnlyList<int>? Decreasable { get; }

    /// <summary>The iterates kept (empty unless requested).</summary>
    public IReadOnlyList<IterateSnapshot> Iterates { get; }

    /// <summary>What the evaluation hook returned (<see cref="MinimizerOptions.Evaluate"/>); null when the run had none.</summary>
    public EvaluationTrace? Evaluations { get; }

    /// <summary>True when the method classifies components (prunAdag and relevant-only).</summary>
    public bool HasClassification => Optimisable is not null;
}
