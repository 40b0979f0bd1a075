using PrunAdag.Tests.Reference;

namespace PrunAdag.Tests.Optimization;

/// <summary>RelevantSet.Select: the T largest |g_i|, ties to the smaller index (docs/algorithm.md, Step 1 and C1).</summary>
public class RelevantSetTests
{
    private static int[] StableSortReference(double[] g, int t) =>
        Enumerable.Range(0, g.Length).OrderByDescending(i => Math.Abs(g[i])).Take(t).Order().ToArray();

    [Fact]
    public void Select_matches_a_stable_sort_on_many_random_inputs_with_ties_and_zeros()
    {
        var rng = new Random(42);
        for (int trial = 0; trial < 3000; trial++)
        {
            int n = rng.Next(1, 60);
            int kind = trial % 4;
            var g = Enumerable.Range(0, n).Select(_ => kind switch
            {
                0 => Fixtures.Gaussian(rng),                       // distinct values
                1 => rng.Next(-3, 4) * 1.0,                        // many ties, many zeros, mixed signs
                2 => rng.NextDouble() < 0.7 ? 0.0 : rng.Next(1, 3), // mostly zeros
                _ => 1.0,                                          // all equal
            }).ToArray();
            int t = rng.Next(1, n + 1);
            var selected = RelevantSet.Select(g, t);
            Assert.Equal(t, selected.Length);
            Assert.Equal(StableSortReference(g, t), selected);
        }
    }

    [Fact]
    public void Ties_go_to_the_smaller_index()
    {
        Assert.Equal([0, 2], RelevantSet.Select([1.0, -1.0, 2.0, 1.0], 2));
        Assert.Equal([1, 3], RelevantSet.Select([0.0, -5.0, 0.0, 5.0, 5.0], 2));
        Assert.Equal([0, 1, 2], RelevantSet.Select([0.0, 0.0, 0.0, 0.0], 3));
        Assert.Equal([0, 4], RelevantSet.Select([-0.0, 0.0, 0.0, 0.0, 1e-300], 2)); // −0 ties with +0
    }

    [Fact]
    public void Select_does_not_modify_its_input()
    {
        double[] g = [3, -1, 2, -5, 0];
        RelevantSet.Select(g, 2);
        Assert.Equal([3.0, -1, 2, -5, 0], g);
    }

    [Theory]
    [InlineData(0, 5)] [InlineData(-1, 5)] [InlineData(6, 5)] [InlineData(1, 0)]
    public void T_outside_1_to_n_throws_naming_TargetRelevant(int t, int n)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => RelevantSet.Select(new double[n], t));
        Assert.Equal("TargetRelevant", ex.ParamName);
    }

    [Fact]
    public void NaN_values_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => RelevantSet.Select([1.0, double.NaN, 2.0], 1));
    }
}
