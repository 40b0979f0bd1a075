using MathNet.Numerics.LinearAlgebra;

namespace PrunAdag.Tests.Neural;

/// <summary>Pruning under a layout: only prunable blocks lose components, globally or per block, with the library's tie rule.</summary>
public class LayoutPruningTests
{
    private static Vector<double> V(params double[] v) => Vector<double>.Build.Dense(v);

    // W (4, prunable) | b (2, not) | U (3, prunable)
    private static readonly ParameterLayout Layout = ParameterLayout.Sequential(("W", 4, true), ("b", 2, false), ("U", 3, true));

    [Fact]
    public void Global_pruning_ranks_the_prunable_blocks_together_and_never_touches_biases()
    {
        //               W: 0     1     2    3  |  b: 4      5   |  U: 6    7    8
        var x = V(0.5, -0.1, 3.0, 0.2, 0.001, -0.002, 1.0, -0.05, 2.0);
        // σ = 0.5 of the P = 7 prunable: ⌈3.5⌉ = 4 pruned: |−0.05|, |−0.1|, |0.2|, |0.5| (worked by hand).
        var r = PrunAdag.Pruning.ToSparsity(x, 0.5, Layout);
        Assert.Equal([0, 0, 3.0, 0, 0.001, -0.002, 1.0, 0, 2.0], r.Pruned.ToArray());
        Assert.Equal(3, r.Sparsity["W"].Zeros);
        Assert.Equal(0, r.Sparsity["b"].Zeros);
        Assert.Equal(1, r.Sparsity["U"].Zeros);
        Assert.Equal(4.0 / 7, r.Sparsity.Prunable, 15);
        Assert.Equal(4.0 / 9, r.Sparsity.Overall, 15);
    }

    [Fact]
    public void Per_block_pruning_takes_each_blocks_own_fraction()
    {
        var x = V(0.5, -0.1, 3.0, 0.2, 0.001, -0.002, 1.0, -0.05, 2.0);
        // σ = 0.5: W loses ⌈2⌉ = 2 (−0.1, 0.2), U loses ⌈1.5⌉ = 2 (−0.05, 1.0); b is kept.
        var r = PrunAdag.Pruning.ToSparsity(x, 0.5, Layout, PruningScope.PerBlock);
        Assert.Equal([0.5, 0, 3.0, 0, 0.001, -0.002, 0, 0, 2.0], r.Pruned.ToArray());
        Assert.Equal(0.5, r.Sparsity["W"].Sparsity);
        Assert.Equal(2.0 / 3, r.Sparsity["U"].Sparsity, 15);
    }

    [Fact]
    public void Ties_across_blocks_prune_the_larger_index_first()
    {
        // All prunable magnitudes equal: pruning 3 of 7 removes the three largest indices (U's 6, 7, 8).
        var x = V(1, -1, 1, -1, 1, 1, 1, -1, 1);
        var r = PrunAdag.Pruning.ToSparsity(x, 3.0 / 7, Layout);
        Assert.Equal([1, -1, 1, -1, 1, 1, 0, 0, 0], r.Pruned.ToArray());
    }

    [Fact]
    public void One_prunable_block_covering_everything_is_the_plain_pruning()
    {
        var rng = new Random(3);
        var x = V(Enumerable.Range(0, 101).Select(_ => rng.Next(-4, 5) * 0.25).ToArray());
        foreach (double s in new[] { 0.0, 0.1, 0.37, 0.5, 0.9, 1.0 })
        {
            var plain = PrunAdag.Pruning.ToSparsity(x, s).ToArray();
            Assert.Equal(plain, PrunAdag.Pruning.ToSparsity(x, s, ParameterLayout.Single(101)).Pruned.ToArray());
            Assert.Equal(plain, PrunAdag.Pruning.ToSparsity(x, s, ParameterLayout.Single(101), PruningScope.PerBlock).Pruned.ToArray());
        }
    }

    [Fact]
    public void Full_sparsity_zeroes_every_prunable_component_and_keeps_the_biases()
    {
        var x = V(1, 2, 3, 4, 5, 6, 7, 8, 9);
        var r = PrunAdag.Pruning.ToSparsity(x, 1.0, Layout);
        Assert.Equal([0, 0, 0, 0, 5, 6, 0, 0, 0], r.Pruned.ToArray());
        Assert.Equal(1.0, r.Sparsity.Prunable);
    }

    [Fact]
    public void Threshold_pruning_spares_unprunable_blocks()
    {
        var x = V(0.5, -0.0001, 3.0, 0.2, 0.0001, -0.002, 1.0, -0.0005, 2.0);
        var r = PrunAdag.Pruning.ByThreshold(x, 1e-3, Layout);
        Assert.Equal([0.5, 0, 3.0, 0.2, 0.0001, -0.002, 1.0, 0, 2.0], r.Pruned.ToArray());
    }

    [Fact]
    public void A_vector_of_the_wrong_length_is_named()
    {
        var ex = Assert.Throws<ArgumentException>(() => PrunAdag.Pruning.ToSparsity(V(1, 2), 0.5, Layout));
        Assert.Contains("covers n = 9", ex.Message);
    }
}
