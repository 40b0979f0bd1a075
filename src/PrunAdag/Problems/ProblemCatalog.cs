using PrunAdag.Problems.Classification;
using PrunAdag.Problems.DictionaryLearning;
using PrunAdag.Problems.Sparco;

namespace PrunAdag.Problems;

/// <summary>
/// Every problem of the paper's experiments by name, so notebooks and the CLI can say
/// <c>ProblemCatalog.Create("sparco:7", seed: 3)</c>.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item><c>random-ls:A1</c>..<c>random-ls:A6</c>: <see cref="RandomLeastSquares"/> (m = 100, n = 1000; docs/algorithm.md, E1).
/// <c>random-ls:A5-01</c> is the {0, 1} reading of A5, kept for comparison (<see cref="MatrixClass.A5ZeroOne"/>, C8).</item>
/// <item><c>sparco:3|5|7|9|11</c>: <see cref="SparcoProblems"/>.</item>
/// <item><c>sparse-coding:mnist</c>: <see cref="SparseCodingProblem.Create"/> with the default settings; the first
/// call learns the K-SVD dictionary (about half a minute) and caches it; without MNIST it returns the synthetic
/// stand-in, named <c>sparse-coding:synthetic</c>. <c>sparse-coding:synthetic</c> asks for the stand-in directly.</item>
/// <item><c>classification:mnist|a9a|reged0</c>: <see cref="ClassificationProblem"/> (missing data files throw a
/// <see cref="FileNotFoundException"/> naming the expected path); <c>classification:synthetic</c> needs no data.</item>
/// <item><c>neural:mnist-mlp</c> and <c>neural:a9a-logistic</c>: <see cref="Neural.NeuralProblems"/> (beyond the paper: the
/// 784-256-128-10 MLP on MNIST and mini-batch logistic regression on all of A9A, batches of 128; docs/algorithm.md E5);
/// <c>neural:mnist-mlp-synthetic</c> and <c>neural:a9a-logistic-synthetic</c> are their labelled synthetic stand-ins.</item>
/// </list>
/// </remarks>
public static class ProblemCatalog
{
    private static readonly string[] AllNames =
    [
        "random-ls:A1", "random-ls:A2", "random-ls:A3", "random-ls:A4", "random-ls:A5", "random-ls:A6", "random-ls:A5-01",
        "sparco:3", "sparco:5", "sparco:7", "sparco:9", "sparco:11",
        "sparse-coding:mnist", "sparse-coding:synthetic",
        "classification:mnist", "classification:a9a", "classification:reged0", "classification:synthetic",
        "neural:mnist-mlp", "neural:a9a-logistic", "neural:mnist-mlp-synthetic", "neural:a9a-logistic-synthetic",
    ];

    /// <summary>The names <see cref="Create"/> accepts, in catalogue order.</summary>
    public static IReadOnlyList<string> Names => AllNames;

    /// <summary>
    /// The catalogue name <paramref name="name"/> stands for: a full name (case-insensitive), or a short one — the
    /// part after the colon, such as <c>A2</c> or <c>7</c> — when it names one problem of <paramref name="scope"/>
    /// (default: the whole catalogue).
    /// </summary>
    /// <exception cref="ArgumentException">No such problem, or a short name that several problems share (the message lists them).</exception>
    public static string Resolve(string name, IEnumerable<string>? scope = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        string s = name.Trim();
        if (AllNames.FirstOrDefault(n => string.Equals(n, s, StringComparison.OrdinalIgnoreCase)) is { } full) return full;
        var within = (scope ?? AllNames).Select(n => AllNames.FirstOrDefault(a => string.Equals(a, n, StringComparison.OrdinalIgnoreCase)) ?? n).ToArray();
        var matches = within.Where(n => string.Equals(n[(n.IndexOf(':') + 1)..], s, StringComparison.OrdinalIgnoreCase)).Distinct().ToArray();
        return matches.Length switch
        {
            1 => matches[0],
            0 => throw new ArgumentException($"Unknown problem '{name}'. Valid names: {string.Join(", ", within)}{(scope is null ? "" : " (or their short forms after the colon)")}.", nameof(name)),
            _ => throw new ArgumentException($"Problem '{name}' is ambiguous: {string.Join(" or ", matches)}.", nameof(name)),
        };
    }

    /// <summary>Builds the named problem.</summary>
    /// <param name="name">One of <see cref="Names"/> (case-insensitive), or a short name that <see cref="Resolve"/> accepts.</param>
    /// <param name="seed">Fully determines the instance and its x0 (S9's A, b, x* are deterministic; its x0 still uses the seed).</param>
    /// <param name="dataDirectory">The folder holding the <c>mnist</c>, <c>a9a</c>, <c>reged0</c> subfolders, for
    /// data-backed problems. Null: <see cref="PrunAdag.Data.DataLocator.Find"/>.</param>
    /// <param name="cacheDirectory">Where <c>sparse-coding:mnist</c> caches its dictionary; null: <see cref="DictionaryCache.DefaultDirectory"/>.</param>
    /// <exception cref="ArgumentException">Unknown or ambiguous name (the message lists the valid ones).</exception>
    /// <exception cref="FileNotFoundException">A data-backed classification problem whose files are missing.</exception>
    public static TestProblem Create(string name, int seed, string? dataDirectory = null, string? cacheDirectory = null)
    {
        string canonical = Resolve(name);
        string family = canonical[..canonical.IndexOf(':')], member = canonical[(canonical.IndexOf(':') + 1)..];
        return family switch
        {
            "random-ls" => RandomLeastSquares.Create(member == "A5-01" ? MatrixClass.A5ZeroOne : Enum.Parse<MatrixClass>(member), seed),
            "sparco" => SparcoProblems.Create(int.Parse(member, System.Globalization.CultureInfo.InvariantCulture), seed),
            "sparse-coding" when member == "mnist" => SparseCodingProblem.Create(seed, dataDirectory, cacheDirectory),
            "sparse-coding" => SparseCodingProblem.CreateSynthetic(seed),
            "neural" when member.StartsWith("mnist-mlp", StringComparison.Ordinal) =>
                Neural.NeuralProblems.MnistMlp(seed, dataDirectory, synthetic: member.EndsWith("-synthetic", StringComparison.Ordinal)),
            "neural" => Neural.NeuralProblems.A9aLogistic(seed, dataDirectory, synthetic: member.EndsWith("-synthetic", StringComparison.Ordinal)),
            _ => ClassificationProblem.Create(Enum.Parse<ClassificationDataset>(member, ignoreCase: true), seed, dataDirectory),
        };
    }
}
