using PrunAdag.Cli.Demo;

namespace PrunAdag.Cli.Tests.Commands;

public class DemoProblemTests
{
    [Fact]
    public void X0_has_exactly_T_nonzeros_and_unit_norm()
    {
        var p = DemoProblem.Generate(m: 12, n: 90, targetRelevant: 9, seed: 4);

        Assert.Equal(9, p.X0.Count(v => v != 0));
        Assert.Equal(1.0, p.X0.L2Norm(), 12);
    }

    [Fact]
    public void B_is_A_times_the_planted_solution()
    {
        var p = DemoProblem.Generate(m: 12, n: 90, targetRelevant: 9, seed: 4);

        Assert.Equal(0.0, (p.A * p.XStar - p.B).InfinityNorm(), 10);
        Assert.Equal((12, 90), (p.A.RowCount, p.A.ColumnCount));
    }

    [Fact]
    public void The_same_seed_gives_the_same_bits()
    {
        var a = DemoProblem.Generate(10, 50, 5, seed: 11);
        var b = DemoProblem.Generate(10, 50, 5, seed: 11);

        Assert.Equal(a.A.ToColumnMajorArray(), b.A.ToColumnMajorArray());
        Assert.Equal(a.X0.ToArray(), b.X0.ToArray());
        Assert.NotEqual(a.X0.ToArray(), DemoProblem.Generate(10, 50, 5, seed: 12).X0.ToArray());
    }

    [Fact]
    public void Entries_of_A_have_variance_one_over_m()
    {
        var p = DemoProblem.Generate(m: 50, n: 2000, targetRelevant: 10, seed: 2);
        var all = p.A.ToColumnMajorArray();
        double mean = all.Average(), variance = all.Select(v => (v - mean) * (v - mean)).Average();

        // 10⁵ samples: the sample variance is within a few percent of 1/m = 0.02.
        Assert.InRange(variance, 0.019, 0.021);
        Assert.InRange(mean, -0.002, 0.002);
    }
}
