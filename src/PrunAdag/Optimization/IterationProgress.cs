namespace PrunAdag;

/// <summary>A snapshot for progress displays (reported at most every <see cref="MinimizerOptions.ProgressInterval"/>, and once at the end).</summary>
/// <param name="Iteration">k.</param>
/// <param name="MaxIterations">The iteration limit.</param>
/// <param name="GradientNorm">‖g_k‖₂.</param>
/// <param name="BelowDelta">Fraction of |x_i| &lt; δ.</param>
/// <param name="Optimisable">|O_{k−1}|.</param>
/// <param name="Acceptable">|A_{k−1}|.</param>
/// <param name="Decreasable">|D_{k−1}|.</param>
/// <param name="Elapsed">Time since the start.</param>
/// <param name="IsFinal">True for the last report of a run.</param>
public readonly record struct IterationProgress(int Iteration, int MaxIterations, double GradientNorm, double BelowDelta,
    int Optimisable, int Acceptable, int Decreasable, TimeSpan Elapsed, bool IsFinal)
{
    /// <summary>A naive estimate of the time left if the run goes to the iteration limit.</summary>
    public TimeSpan? EstimatedRemaining => Iteration > 0 && !IsFinal
        ? TimeSpan.FromTicks((long)(Elapsed.Ticks * (double)(MaxIterations - Iteration) / Iteration)) : null;
}
