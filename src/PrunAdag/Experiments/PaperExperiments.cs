using PrunAdag.Data;
using PrunAdag.Problems;

namespace PrunAdag.Experiments;

/// <summary>
/// The paper's four experiment families (docs/algorithm.md, E1–E4) as ready-made plans: the
/// problems, the seven compared methods, the Frank–Wolfe settings of each family, the iteration limit
/// and the σ grid of the paper's tables.
/// </summary>
public static class PaperExperiments
{
    /// <summary>The family names: least-squares (Table 2, Fig. 4), sparco (Table 3, Fig. 5), sparse-coding, classification (Table 4, Fig. 8).</summary>
    public static IReadOnlyList<string> Families { get; } = ["least-squares", "sparco", "sparse-coding", "classification"];

    /// <summary>The methods a family can run: every method but masked-adam (B6), which needs epochs to split between training and fine-tuning.</summary>
    public static IReadOnlyList<Method> Methods { get; } = [.. Method.All.Where(m => m != Method.MaskedAdam)];

    /// <summary>
    /// The plan of a family. Data-backed problems whose files are missing are replaced by their labelled
    /// synthetic stand-ins, and each substitution is listed in <see cref="PaperPlan.Notes"/>.
    /// </summary>
    /// <param name="family">One of <see cref="Families"/>.</param>
    /// <param name="seeds">Number of seeds (paper: 20); seeds are 1..N.</param>
    /// <param name="methods">Methods among <see cref="Methods"/> (default <see cref="Method.PaperComparison"/>).</param>
    /// <param name="problems">Subset of problems (default: the family's).</param>
    /// <param name="dataDirectory">Folder with mnist/a9a/reged0 (default: <see cref="DataLocator.Find"/>).</param>
    /// <param name="maxIterations">Iteration limit (default: 10⁴, 2000 for classification).</param>
    /// <param name="jobs">Parallelism (default: all cores).</param>
    /// <param name="cacheDirectory">Where the K-SVD dictionary is cached.</param>
    public static PaperPlan Plan(string family, int seeds = 20, IReadOnlyList<Method>? methods = null, IReadOnlyList<string>? problems = null,
        string? dataDirectory = null, int? maxIterations = null, int? jobs = null, string? cacheDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(family);
        if (seeds < 1) throw new ArgumentOutOfRangeException(nameof(seeds), seeds, $"seeds must be ≥ 1; got {seeds}.");
        var notes = new List<string>();
        string f = family.Trim().ToLowerInvariant();
        (string[] names, double tau1, double tau2, double beta, int maxIter, double[] sigmas) = f switch
        {
            // docs/algorithm.md, B2: random least squares τ1 = 50, τ2 = 100, β = 0.001; Table 2 reports σ = 10..90 % (P1).
            "least-squares" => (new[] { "random-ls:A1", "random-ls:A2", "random-ls:A3", "random-ls:A4", "random-ls:A5", "random-ls:A6" },
                50.0, 100.0, 0.001, 10_000, Pruning.PaperSigmas.ToArray()),
            // SPARCO τ1 = τ2 = 100, β = 0.001.
            "sparco" => (new[] { "sparco:3", "sparco:5", "sparco:7", "sparco:9", "sparco:11" }, 100.0, 100.0, 0.001, 10_000, Pruning.PaperSigmas.ToArray()),
            // Sparse coding τ1 = 10, τ2 = 20, β = 0.001.
            "sparse-coding" => (new[] { "sparse-coding:mnist" }, 10.0, 20.0, 0.001, 10_000, Pruning.PaperSigmas.ToArray()),
            // Logistic τ1 = 10, τ2 = 100, β = 0.5; 2000 iterations; Table 4 prunes 65..95 %.
            "classification" => (new[] { "classification:mnist", "classification:a9a", "classification:reged0" },
                10.0, 100.0, 0.5, 2_000, new[] { 0.65, 0.70, 0.75, 0.80, 0.85, 0.90, 0.95 }),
            _ => throw new ArgumentException($"Unknown experiment family '{family}'; expected one of {string.Join(", ", Families)}.", nameof(family)),
        };
        if (methods is not null && methods.Contains(Method.MaskedAdam))
            throw new ArgumentException(
                $"masked-adam (Adam, then pruning and fine-tuning; docs/algorithm.md B6) splits a run's epochs between training and fine-tuning, " +
                $"so it runs in the neural experiment only; the {f} family takes {string.Join(", ", Methods.Select(m => m.Name))}.", nameof(methods));
        var chosen = new List<string>();
        var asked = new Dictionary<string, string>(StringComparer.Ordinal); // canonical name → the spelling that asked for it
        foreach (var p in problems is { Count: > 0 } ? problems.ToArray() : names)
        {
            // The family's own short names (A1, 7, mnist) first, then any full catalogue name.
            string canonical;
            try { canonical = ProblemCatalog.Resolve(p, names); }
            catch (ArgumentException) { canonical = ProblemCatalog.Resolve(p); }
            AskOnce(asked, canonical, p);
            var substitute = SubstituteWhenDataMissing(canonical, dataDirectory, notes);
            if (!chosen.Contains(substitute)) chosen.Add(substitute);
        }
        var plan = new ExperimentPlan
        {
            Experiment = f,
            Problems = chosen,
            Methods = methods is { Count: > 0 } ? methods : Method.PaperComparison,
            Seeds = Enumerable.Range(1, seeds).ToArray(),
            ProblemFactory = (name, seed) => ProblemCatalog.Create(name, seed, dataDirectory, cacheDirectory),
            Sigmas = sigmas,
            MaxIterations = maxIterations ?? maxIter,
            Jobs = jobs ?? Environment.ProcessorCount,
        };
        int limit = plan.MaxIterations;
        plan = plan with
        {
            Options = (method, problem) =>
            {
                var o = problem.OptionsFor(method) with { MaxIterations = limit };
                // The family's Frank–Wolfe settings (docs/algorithm.md B2): τ1 for FW1, τ2 for FW2, and β.
                return o is FrankWolfeOptions fw ? fw with { Tau = method == Method.FW1 ? tau1 : tau2, Beta = beta } : o;
            },
        };
        return new PaperPlan(plan, notes);
    }

    /// <summary>Records that <paramref name="spelling"/> asked for <paramref name="canonical"/>; one problem under two names is refused, naming both.</summary>
    internal static void AskOnce(Dictionary<string, string> asked, string canonical, string spelling)
    {
        if (!asked.TryAdd(canonical, spelling))
            throw new ArgumentException($"The problem list names {canonical} twice (as '{asked[canonical]}' and as '{spelling}').", "problems");
    }

    private static string SubstituteWhenDataMissing(string name, string? dataDirectory, List<string> notes)
    {
        if (DataSets.Missing(name, dataDirectory) is not { } missing) return name; // every file it reads is there (or it reads none)
        string stand = name.StartsWith("sparse-coding", StringComparison.Ordinal) ? "sparse-coding:synthetic" : "classification:synthetic";
        notes.Add($"{name}: data not found ({missing}); replaced by the synthetic stand-in {stand}.");
        return stand;
    }
}

/// <summary>A paper experiment's plan and what had to be substituted to run it here.</summary>
/// <param name="Plan">The plan.</param>
/// <param name="Notes">Substitutions (e.g. a synthetic stand-in for missing data).</param>
public sealed record PaperPlan(ExperimentPlan Plan, IReadOnlyList<string> Notes);
