namespace PrunAdag;

/// <summary>
/// What an <see cref="IterationCallback"/> sees at iterate x_k, once g_k = ∇f(x_k) is known and the
/// stopping tests of Step 1 have passed. The set sizes are those of the classification that produced
/// x_k (O_{k−1}, A_{k−1}, D_{k−1}; zero at k = 0 and for methods that do not classify).
/// The spans are views into the run's buffers, valid only during the call.
/// </summary>
public readonly ref struct IterationState
{
    internal IterationState(int iteration, ReadOnlySpan<double> x, ReadOnlySpan<double> gradient, double gradientNorm,
        int optimisable, int acceptable, int decreasable, double belowDelta, TimeSpan elapsed)
    {
        Iteration = iteration; X = x; Gradient = gradient; GradientNorm = gradientNorm;
        Optimisable = optimisable; Acceptable = acceptable; Decreasable = decreasable; BelowDelta = belowDelta; Elapsed = elapsed;
    }

    /// <summary>k.</summary>
    public int Iteration { get; }
    /// <summary>x_k.</summary>
    public ReadOnlySpan<double> X { get; }
    /// <summary>g_k = ∇f(x_k).</summary>
    public ReadOnlySpan<double> Gradient { get; }
    /// <summary>‖g_k‖₂.</summary>
    public double GradientNorm { get; }
    /// <summary>|O_{k−1}|.</summary>
    public int Optimisable { get; }
    /// <summary>|A_{k−1}|.</summary>
    public int Acceptable { get; }
    /// <summary>|D_{k−1}|.</summary>
    public int Decreasable { get; }
    /// <summary>Fraction of |x_i| &lt; δ at x_k.</summary>
    public double BelowDelta { get; }
    /// <summary>Wall-clock time since the run started.</summary>
    public TimeSpan Elapsed { get; }
}

/// <summary>Called once per iterate; return false to stop the run (stop reason <see cref="StopReason.Callback"/>).</summary>
public delegate bool IterationCallback(IterationState state);

/// <summary>A snapshot for progress displays (reported at most every <see cref="Minimizer.ProgressInterval"/>, and once at the end).</summary>
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
