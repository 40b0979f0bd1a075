namespace PrunAdag;

/// <summary>
/// One run's state of a method's step (its weights and scratch), created by the method's registration
/// (<see cref="Method.Register{TOptions}"/>) for a problem of dimension n. <see cref="Minimizer"/> drives
/// it: it evaluates g_k = ∇f(x_k), applies the stopping tests, then calls <see cref="Step"/> once per iteration.
/// </summary>
public abstract class StepKernel
{
    /// <summary>Creates the state for a problem of dimension <paramref name="dimension"/> with T = <paramref name="targetRelevant"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">n &lt; 1, or T outside 1..n.</exception>
    protected StepKernel(int dimension, int targetRelevant)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimension, 1);
        RelevantSet.CheckT(targetRelevant, dimension);
        Dimension = dimension;
        TargetRelevant = targetRelevant;
    }

    /// <summary>n.</summary>
    public int Dimension { get; }

    /// <summary>T, the size of the relevant set (n for methods without one).</summary>
    public int TargetRelevant { get; }

    /// <summary>
    /// Replaces x_k by x_{k+1} in place, given the finite gradient g_k = ∇f(x_k) at iteration k (0-based),
    /// and reports the set sizes of this step and how many |x_{k+1,i}| are below <paramref name="delta"/>.
    /// </summary>
    public abstract StepCounts Step(int k, Span<double> x, ReadOnlySpan<double> g, double delta);
}
