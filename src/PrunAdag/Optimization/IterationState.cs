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
