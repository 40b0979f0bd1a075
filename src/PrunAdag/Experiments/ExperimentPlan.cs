using PrunAdag.Problems;

namespace PrunAdag.Experiments;

/// <summary>
/// What to run: every method on every (problem, seed) instance, then the pruning profile of each
/// solution at every σ. An instance is generated once and shared by the methods run on it.
/// </summary>
public sealed record ExperimentPlan
{
    /// <summary>The experiment family ("least-squares", "sparco", "sparse-coding", "classification", "neural").</summary>
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

    /// <summary>Epochs of every run (mini-batch problems; <see cref="MinimizerOptions.Epochs"/>), used by the default settings in place of <see cref="MaxIterations"/>; null: none.</summary>
    public int? Epochs
    {
        get;
        init => field = value is null or >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(Epochs), value, $"Epochs must be ≥ 1; got {value}.");
    }

    /// <summary>Degree of parallelism over instances (results never depend on it). Default: all cores.</summary>
    public int Jobs
    {
        get;
        init => field = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(Jobs), value, $"Jobs must be ≥ 1; got {value}.");
    } = Environment.ProcessorCount;

    /// <summary>
    /// Epochs of dense training before pruning in the prune-and-fine-tune baseline (<see cref="Method.MaskedAdam"/>,
    /// docs/algorithm.md B6): that method's row is Adam for (E − F) epochs from x0, global magnitude pruning to each σ,
    /// then F = this many epochs of masked Adam, so every model of the row costs the E epochs of gradients of the others.
    /// Needs the methods' options to set <see cref="MinimizerOptions.Epochs"/> = E &gt; F. Default 1; 0 prunes Adam's E-epoch model without fine-tuning.
    /// </summary>
    public int FineTuneEpochs
    {
        get;
        init => field = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(FineTuneEpochs), value, $"FineTuneEpochs must be ≥ 0; got {value}.");
    } = 1;

    /// <summary>Compute ρ and ω (P2) at each σ (default true). Each costs a full-data gradient and two values per σ; neural plans switch it off.</summary>
    public bool MeasureStationarity { get; init; } = true;

    /// <summary>Keep the full run (trace and solution) of the first seed of each problem for charts.</summary>
    public bool KeepFirstSeedRuns { get; init; } = true;

    internal MinimizerOptions OptionsFor(Method method, TestProblem problem) =>
        Options?.Invoke(method, problem) ?? problem.OptionsFor(method) with { MaxIterations = MaxIterations, Epochs = Epochs };


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
