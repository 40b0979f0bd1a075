using PrunAdag.Problems;
using PrunAdag.Tests.Data;
using PrunAdag.Testing;

namespace PrunAdag.Tests.Problems;

public class ProblemCatalogTests
{
    [Theory]
    [InlineData("random-ls:A7")] [InlineData("random-ls:1")] [InlineData("random-ls:01")] [InlineData("sparco:4")]
    [InlineData("sparco:03")] [InlineData("classification:gisette")] [InlineData("")]
    public void Unknown_name_throws_listing_the_valid_names(string name)
    {
        var ex = Assert.Throws<ArgumentException>(() => ProblemCatalog.Create(name, 1));
        Assert.Contains($"'{name}'", ex.Message);
        foreach (var n in ProblemCatalog.Names) Assert.Contains(n, ex.Message);
    }

    [Fact]
    public void Random_least_squares_names_resolve_to_the_generator()
    {
        var p = ProblemCatalog.Create("random-ls:A2", 9);
        var q = RandomLeastSquares.Create(MatrixClass.A2, 9);
        Assert.Equal("random-ls:A2", p.Name);
        Assert.Equal(q.X0.ToArray(), p.X0.ToArray());
    }

    [Fact]
    public void A5_01_names_the_zero_one_reading_of_A5()
    {
        var p = ProblemCatalog.Create("random-ls:a5-01", 4);
        var q = RandomLeastSquares.Create(MatrixClass.A5ZeroOne, 4);
        Assert.Equal("random-ls:A5-01", p.Name);
        Assert.Equal(ProblemAccess.DenseA(q).ToColumnMajorArray(), ProblemAccess.DenseA(p).ToColumnMajorArray());
        Assert.NotEqual(ProblemAccess.DenseA(ProblemCatalog.Create("random-ls:A5", 4)).ToColumnMajorArray(), ProblemAccess.DenseA(p).ToColumnMajorArray());
    }

    /// <summary>The quick names that read no data file: random-ls:A1..A6 and the synthetic stand-ins.</summary>
    public static TheoryData<string> QuickNamesWithoutData => new(QuickNames().Where(NeedsNoData));

    /// <summary>The quick names backed by a real data set (classification:mnist, a9a, reged0).</summary>
    public static TheoryData<string> QuickNamesWithData => new(QuickNames().Where(n => !NeedsNoData(n)));

    private static bool NeedsNoData(string name) => name.StartsWith("random-ls:") || name.EndsWith(":synthetic") || name.EndsWith("-synthetic");

    private static IEnumerable<string> QuickNames() => ProblemCatalog.Names.Where(n => n != "sparse-coding:mnist" && !n.StartsWith("sparco:"));

    [Theory, MemberData(nameof(QuickNamesWithoutData))]
    public void Every_listed_name_without_data_builds_a_problem_of_that_name(string name) =>
        AssertBuilds(name, ProblemCatalog.Create(name.ToUpperInvariant(), 1));

    [DataTheory, MemberData(nameof(QuickNamesWithData))]
    public void Every_listed_data_backed_name_builds_a_problem_of_that_name(string name)
    {
        string[] files = name switch
        {
            "classification:mnist" or "neural:mnist-mlp" => TestData.Mnist, "classification:a9a" => TestData.A9a,
            "neural:a9a-logistic" => [.. TestData.A9a, .. TestData.A9aTest], "classification:reged0" => TestData.Reged0,
            _ => throw new ArgumentException($"no data files listed for {name}"),
        };
        AssertBuilds(name, ProblemCatalog.Create(name.ToUpperInvariant(), 1, TestData.Require(files)));
    }

    private static void AssertBuilds(string name, TestProblem p)
    {
        Assert.Equal(name, p.Name);
        Assert.Equal(p.Dimension, p.X0.Count);
        if (name.StartsWith("neural:mnist-mlp", StringComparison.Ordinal))
            Assert.All(p.Layout!.Blocks.Where(b => !b.Prunable), b => Assert.All(b.Slice(p.X0.ToArray().AsSpan()).ToArray(), v => Assert.Equal(0.0, v))); // He start, biases 0
        else Assert.Equal(p.TargetRelevant, p.X0.Enumerate().Count(v => v != 0)); // C10
    }

    [Fact]
    public void Sparse_coding_mnist_without_data_falls_back_to_the_labelled_stand_in()
    {
        using var tmp = new TempFiles();
        var p = ProblemCatalog.Create("sparse-coding:mnist", 1, Path.Combine(tmp.Folder, "none"), tmp.Folder);
        Assert.Equal("sparse-coding:synthetic", p.Name);
    }
}
