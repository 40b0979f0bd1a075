using System.Runtime.CompilerServices;
using MathNet.Numerics.LinearAlgebra;

namespace PrunAdag;

/// <summary>
/// Options shared by every method: the stopping rule (docs/algorithm.md, choice C11: ‖g_k‖ ≤ gtol or k =
/// maxIter; for mini-batch objectives C17: epochs, and no gradient-tolerance stop unless asked), what the trace
/// records, and the evaluation hook (C18). Each method has one record derived from this one
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

    /// <summary>
    /// For a <see cref="MiniBatchObjective"/>: the run takes this many epochs, K = epochs × batches per epoch iterations,
    /// in place of <see cref="MaxIterations"/> (docs/algorithm.md C17). For any other objective an epoch is one
    /// iteration (one full gradient). Null (the default): <see cref="MaxIterations"/> applies. Must be ≥ 1 when set.
    /// </summary>
    [Parameter("epochs", "Run this many epochs of a mini-batch objective (replaces max-iter; none by default).", Min = 1)]
    public int? Epochs { get; init => field = Check(value); }

    /// <summary>
    /// For a <see cref="MiniBatchObjective"/>: stop when the norm of the batch gradient ‖∇f_{S_k}(x_k)‖₂ is ≤ this.
    /// Null (the default) means never: a batch gradient's norm measures the batch's noise as much as stationarity,
    /// so a small one is no sign of convergence (docs/algorithm.md C17). <see cref="GradientTolerance"/> applies to
    /// deterministic objectives only. Must be finite and ≥ 0 when set.
    /// </summary>
    [Parameter("batch-gtol", "Stop a mini-batch run when the batch gradient's norm is ≤ this (off by default).", Min = 0)]
    public double? BatchGradientTolerance { get; init => field = Check(value); }

    /// <summary>δ: the trace records the fraction of |x_i| &lt; δ (paper: 1e-3). Must be finite and &gt; 0.</summary>
    [Parameter("delta", "δ: the trace counts the components with |x_i| < δ.", Symbol = "δ", Min = 0, MinExclusive = true)]
    public double Delta { get; init => field = Check(value); } = 1e-3;

    /// <summary>Optional wall-clock limit (stop reason <see cref="StopReason.TimeLimit"/>). Must be positive when set.</summary>
    [Parameter("time-limit", "Wall-clock limit in seconds (none by default).")]
    public TimeSpan? TimeLimit { get; init => field = Check(value); }

    /// <summary>Record f(x_k) at every iterate (needs an objective with a value). Off by default: the method is OFFO.</summary>
    [Parameter("record-objective", "Record f(x_k) at every iterate (one more evaluation of f per iteration).")]
    public bool RecordObjective { get; init; }

    /// <summary>Keep a copy of x_k every this many iterations (0 = never). Must be ≥ 0.</summary>
    [Parameter("iterate-every", "Keep a copy of x_k every this many iterations (0: never).", Min = 0)]
    public int IterateEvery { get; init => field = Check(value); }

    /// <summary>
    /// Run <see cref="Evaluate"/> at every iterate x_k with k a multiple of this (default: every epoch of a
    /// mini-batch objective, every iteration of a deterministic one), and at the last iterate. Must be ≥ 1 when set.
    /// </summary>
    [Parameter("evaluate-every", "Evaluate every this many iterations (default: every epoch).", Min = 1, CommandLine = false)]
    public int? EvaluateEvery { get; init => field = Check(value); }

    /// <summary>
    /// Optional evaluation hook (docs/algorithm.md C18): called with x_k at k = 0, every <see cref="EvaluateEvery"/>
    /// iterations and at the last iterate; the named values it returns (test loss, test accuracy, anything) are
    /// recorded in <see cref="IterationTrace.Evaluations"/>. Its argument is a copy the hook may keep. Not part of
    /// result files.
    /// </summary>
    /// <example><code>
    /// var options = new PrunAdagOptions { Epochs = 10, Evaluate = x => new Dictionary&lt;string, double&gt; { ["test accuracy"] = mlp.Accuracy(x, test) } };
    /// </code></example>
    public Func<Vector<double>, IReadOnlyDictionary<string, double>>? Evaluate { get; init; }

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
    /// Checks the values that are only valid together (each value alone is checked when it is set, but a record
    /// initialiser sets them in any order): <see cref="Minimizer.Create"/> calls it, so a bad pair is reported there,
    /// naming both properties, before any run.
    /// </summary>
    /// <exception cref="ArgumentException">Two values contradict each other.</exception>
    internal virtual void CheckCombination() { }

    /// <summary>T and the fraction of T are two ways to give one number: a record may hold one of them.</summary>
    private protected static void CheckTargetOrFraction(int? targetRelevant, double? relevantFraction)
    {
        if (targetRelevant is not null && relevantFraction is not null)
            throw new ArgumentException($"Give T (TargetRelevant = {targetRelevant}) or the fraction (RelevantFraction = {relevantFraction}), not both.", "options");
    }

    /// <summary>
    /// Returns <paramref name="value"/> when it lies in the range the <see cref="ParameterAttribute"/> of the calling
    /// property declares, else throws an <see cref="ArgumentOutOfRangeException"/> naming the property and the range.
    /// Options records of new methods call it from their init accessors: <c>init => field = Check(value);</c>.
    /// </summary>
    protected T Check<T>(T value, [CallerMemberName] string property = "") => ParameterRules.Check(GetType(), property, value);
}
