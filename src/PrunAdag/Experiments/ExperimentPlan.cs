using PrunAdag.Problems;

namespace PrunAdag.Experiments;

/// <summary>
/// What to run: every method on every (problem, seed) instance, then the pruning profile of each
/// solution at every σ. An instance is generated once and shared by the methods run on it.
/// </summary>
public sealed record ExperimentPlan
{
    /// <summary>The experiment family ("least-squares", "sparco", "sparse-coding", "classification").</summary>
    public required string Experiment { get; init; }

    /// <summary>Problem names passed to <see cref="ProblemFactory"/>.</summary>
    public required IReadOnlyList<string> Problems { get; init; }

    /// <summary>Methods to compare.</summary>
    public required IReadOnlyList<Method> Methods { get; init; }

    /// <summary>Seeds (one instance per problem and seed).</summary>
    public required IReadOnlyList<int> Seeds { get; init; }

    /// <summary>Builds an instance; called once per (problem, seed), possibly from several threads.</summary>
    public required Func<string, int, TestProblem> ProblemFactory { get; init; }

    /// <summary>Target sparsities σ (fractions) of the pruning profiles. Default: the paper's 10%..90%.</summary>
    public IReadOnlyList<double> Sigmas { get; init; } = Pruning.PaperSigmas;

    /// <summary>Options of a method on an instance. Default: the method's paper defaults with the instance's T and <see cref="MaxIterations"/>.</summary>
    public Func<Method, TestProblem, MinimizerOptions>? Options { get; init; }

    /// <summary>Iteration limit used by the default settings (paper: 10⁴).</summary>
    public int MaxIterations
    {
        get;
        init => field = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(MaxIterations), value, $"MaxIterations must be ≥ 0; got {value}.");
    } = 10_000;

    /// <summary>Degree of parallelism over instances (results never depend on it). Default: all cores.</summary>
    public int Jobs
    {
        get;
        init => field = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(Jobs), value, $"Jobs must be ≥ 1; got {value}.");
    } = Environment.ProcessorCount;

    /// <summary>Keep the full run (trace and solution) of the first seed of each problem for charts.</summary>
    public bool KeepFirstSeedRuns { get; init; } = true;

    internal MinimizerOptions OptionsFor(Method method, TestProblem problem) =>
        Options?.Invoke(method, problem) ?? problem.OptionsFor(method) with { MaxIterations = MaxIterations };


    internal void Validate()
    {
        if (Problems.Count == 0) throw new ArgumentException("The plan has no problems.", nameof(Problems));
        if (Methods.Count == 0) throw new ArgumentException("The plan has no methods.", nameof(Methods));
        if (Methods.GroupBy(m => m).FirstOrDefault(g => g.Count() > 1) is { } twice)
            throw new ArgumentException($"The plan lists the method {twice.Key.Name} {twice.Count()} times; each method may appear once.", nameof(Methods));
        if (Seeds.Count == 0) throw new ArgumentException("The plan has no seeds.", nameof(Seeds));
        foreach (double s in Sigmas)
            if (!(s >= 0 && s <= 1)) throw new ArgumentOutOfRangeException(nameof(Sigmas), s, $"σ is a fraction in [0, 1]; got {s}.");
    }
}
