namespace PrunAdag.Problems;

/// <summary>
/// Every problem of the paper's experiments by name, so notebooks and the CLI can say
/// <c>ProblemCatalog.Create("sparco:7", seed: 3)</c>.
/// </summary>
public static class ProblemCatalog
{
    private static readonly string[] AllNames =
    [
        "random-ls:A1", "random-ls:A2", "random-ls:A3", "random-ls:A4", "random-ls:A5", "random-ls:A6",
        "sparco:3", "sparco:5", "sparco:7", "sparco:9", "sparco:11",
    ];

    /// <summary>The names <see cref="Create"/> accepts, in catalogue order.</summary>
    public static IReadOnlyList<string> Names => AllNames;

    /// <summary>Builds the named problem.</summary>
    /// <param name="name">One of <see cref="Names"/> (case-insensitive).</param>
    /// <param name="seed">Fully determines a random instance (ignored by deterministic problems, which report 0).</param>
    /// <param name="dataDirectory">The folder holding the <c>mnist</c>, <c>a9a</c>, <c>reged0</c> subfolders, for
    /// data-backed problems. Unused so far.</param>
    /// <exception cref="ArgumentException">Unknown name (the message lists the valid ones).</exception>
    public static TestProblem Create(string name, int seed, string? dataDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        string key = name.Trim().ToLowerInvariant();
        if (key.StartsWith("random-ls:", StringComparison.Ordinal)
            && Enum.TryParse<MatrixClass>(key["random-ls:".Length..], ignoreCase: true, out var cls)
            && Enum.IsDefined(cls) && key.Length == "random-ls:a1".Length)
            return RandomLeastSquares.Create(cls, seed);
        if (key.StartsWith("sparco:", StringComparison.Ordinal)
            && int.TryParse(key["sparco:".Length..], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int id)
            && Sparco.SparcoProblems.Ids.Contains(id) && key == $"sparco:{id}")
            return Sparco.SparcoProblems.Create(id, seed);
        throw new ArgumentException($"Unknown problem '{name}'. Valid names: {string.Join(", ", AllNames)}.", nameof(name));
    }
}
