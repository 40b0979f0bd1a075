using PrunAdag.Problems;

namespace PrunAdag.Tests.Problems;

public class RandomLeastSquaresStartTests
{
    [Theory]
    [InlineData(MatrixClass.A1, 1)] [InlineData(MatrixClass.A2, 2)] [InlineData(MatrixClass.A6, 3)]
    public void X0_has_exactly_T_nonzeros_and_unit_norm(MatrixClass cls, int seed)
    {
        var p = RandomLeastSquares.Create(cls, seed);
        Assert.Equal(100, p.TargetRelevant); // max(1, ⌊1000/10⌋)
        Assert.Equal(100, p.X0.Enumerate().Count(v => v != 0));
        Assert.Equal(1.0, p.X0.L2Norm(), 12);
    }

    [Fact]
    public void T_is_at_least_one_for_tiny_problems()
    {
        var p = RandomLeastSquares.Create(MatrixClass.A1, 4, m: 2, n: 5);
        Assert.Equal(1, p.TargetRelevant);
        Assert.Equal(1, p.X0.Enumerate().Count(v => v != 0));
        Assert.Equal(1.0, p.X0.L2Norm(), 14);
    }
}
