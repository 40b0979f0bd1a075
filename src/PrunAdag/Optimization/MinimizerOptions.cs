using System.Runtime.CompilerServices;

namespace PrunAdag;

/// <summary>
/// Options shared by every method: the stopping rule (docs/algorithm.md, choice C11: ‖g_k‖ ≤ gtol or k =
/// maxIter) and what the trace records. Each method has one record derived from this one
/// (<see cref="Method.OptionsType"/>). Every property is validated when set, with a message naming it; the
/// ranges are those of the <see cref="ParameterAttribute"/>s, which the command line shows too.
/// </summary>
public abstract record MinimizerOptions
{
    /// <summary>The iteration limit (paper: 10⁴). Must be ≥ 0.</summary>
    [Parameter("max-iter", "The iteration limit.", Min = 0)]
    public int MaxIterations { get; init => field = Check(value); } = 10_000;

    /// <summary>Stop when ‖g_k‖₂ ≤ this (paper: 1e-9). Must be finite and ≥ 0.</summary>
    [Parameter("gtol", "Stop when ‖g_k‖₂ ≤ gtol.", Min = 0)]
    public double GradientTolerance { get; init => field = Check(value); } = 1e-9;

    /// <summary>δ: the trace records the fraction of |x_i| &lt; δ (paper: 1e-3). Must be finite and &gt; 0.</summary>
    [Parameter("delta", "δ: the trace counts the components with |x_i| < δ.", Symbol = "δ", Min = 0, MinExclusive = true)]
    public double Delta { get; init => field = Check(value); } = 1e-3;

    /// <summary>Optional wall-clock limit (stop reason <see cref="StopReason.TimeLimit"/>). Must be positive when set.</summary>
    [Parameter("time-limit", "Wall-clock limit in seconds (none by default).")]
    public TimeSpan? TimeLimit { get; init => field = Check(value); }

    /// <summary>Record f(x_k) at every iterate (needs an objective with a value). Off by default: the method is OFFO.</summary>
    [Parameter("record-objective", "Record f(x_k) at every iterate.", CommandLine = false)]
    public bool RecordObjective { get; init; }

    /// <summary>Keep a copy of x_k every this many iterations (0 = never). Must be ≥ 0.</summary>
    [Parameter("iterate-every", "Keep a copy of x_k every this many iterations (0: never).", Min = 0, CommandLine = false)]
    public int IterateEvery { get; init => field = Check(value); }

    /// <summary>How often <see cref="IterationProgress"/> is reported at most (default 100 ms; zero reports every iteration).</summary>
    public TimeSpan ProgressInterval
    {
        get;
        init => field = value >= TimeSpan.Zero ? value
            : throw new ArgumentOutOfRangeException(nameof(ProgressInterval), value, $"ProgressInterval must be ≥ 0; got {value}.");
    } = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// A copy with T, the size of the relevant set, set to <paramref name="targetRelevant"/> (null: the paper's
    /// max(1, ⌊n/10⌋)), for the methods that have one; the options of a method without a relevant set (Adagrad)
    /// come back unchanged. Lets one line configure any method: <c>m.DefaultOptions.WithTargetRelevant(100) with { MaxIterations = 2000 }</c>.
    /// </summary>
    public virtual MinimizerOptions WithTargetRelevant(int? targetRelevant) => this;

    /// <summary>
    /// Returns <paramref name="value"/> when it lies in the range the <see cref="ParameterAttribute"/> of the calling
    /// property declares, else throws an <see cref="ArgumentOutOfRangeException"/> naming the property and the range.
    /// Options records of new methods call it from their init accessors: <c>init => field = Check(value);</c>.
    /// </summary>
    protected T Check<T>(T value, [CallerMemberName] string property = "") => ParameterRules.Check(GetType(), property, value);
}
