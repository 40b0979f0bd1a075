using PrunAdag.Problems;

namespace PrunAdag.Tests.Problems;

public class ProblemCatalogTests
{
    [Fact]
    public void Unknown_name_throws_listing_the_valid_names()
    {
        var ex = Assert.Throws<ArgumentException>(() => ProblemCatalog.Create("random-ls:A7", 1));
        Assert.Contains("random-ls:A7", ex.Message);
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
}
