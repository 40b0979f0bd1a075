using MathNet.Numerics.LinearAlgebra;
using PrunAdag.Tests.Reference;

namespace PrunAdag.Tests.Pruning;

/// <summary>Pruning and the quality measures (docs/algorithm.md, P1 and P2).</summary>
public class PruningTests
{
    private static Vector<double> V(params double[] v) => Vector<double>.Build.Dense(v);

    /// <summary>Reference: zero the ⌈p·n/100⌉ smallest |x_i| (integer arithmetic), ties: larger index pruned first.</summary>
    private static double[] ReferencePrune(double[] x, int percent)
    {
        int count = (percent * x.Length + 99) / 100;
        var order = Enumerable.Range(0, x.Length).OrderBy(i => Math.Abs(x[i])).ThenByDescending(i => i).ToArray();
        var result = (double[])x.Clone();
        foreach (int i in order.Take(count)) result[i] = 0;
        return result;
    }

    [Fact]
    public void ToSparsity_zeroes_exactly_the_ceil_sigma_n_smallest_magnitudes()
    {
        var rng = new Random(7);
        foreach (int n in new[] { 1, 3, 7, 10, 33, 100, 1000 })
            for (int trial = 0; trial < 6; trial++)
            {
                var x = Enumerable.Range(0, n).Select(_ => trial % 2 == 0 ? Fixtures.Gaussian(rng) : rng.Next(-3, 4) * 0.5).ToArray();
                for (int p = 0; p <= 100; p += 10)
                {
                    var pruned = PrunAdag.Pruning.ToSparsity(V(x), p / 100.0).ToArray();
                    Assert.Equal(ReferencePrune(x, p), pruned);
                    Assert.Equal((p * n + 99) / 100, PrunAdag.Pruning.PrunedCount(n, p / 100.0));
                }
            }
    }

    [Fact]
    public void Among_equal_magnitudes_the_larger_index_is_pruned_first()
    {
        Assert.Equal([1.0, 0, 0, 2], PrunAdag.Pruning.ToSparsity(V(1, -1, 1, 2), 0.5).ToArray());
        Assert.Equal([0.0, 3, 0, 0], PrunAdag.Pruning.ToSparsity(V(0, 3, 0, 0), 0.25).ToArray());
        Assert.Equal([5.0, 0, 0], PrunAdag.Pruning.ToSparsity(V(5, 5, 5), 0.5).ToArray()); // ⌈1.5⌉ = 2
    }

    [Fact]
    public void PrunedCount_is_not_fooled_by_binary_rounding_of_sigma_n()
    {
        // 0.3 · 10 = 3.0000000000000004 in binary; ⌈σn⌉ means 3.
        Assert.Equal(3, PrunAdag.Pruning.PrunedCount(10, 0.3));
        Assert.Equal(700, PrunAdag.Pruning.PrunedCount(1000, 0.7));
        Assert.Equal(1, PrunAdag.Pruning.PrunedCount(1000, 0.0005));
    }

    [Theory]
    [InlineData(-0.1)] [InlineData(1.1)] [InlineData(double.NaN)] [InlineData(30.0)]
    public void Sigma_outside_0_1_is_rejected(double sigma)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => PrunAdag.Pruning.ToSparsity(V(1, 2, 3), sigma));
        Assert.Equal("sigma", ex.ParamName);
    }

    [Fact]
    public void An_x_with_NaN_is_rejected_naming_x_and_the_index()
    {
        var x = V(1, double.NaN, 3);
        var ex = Assert.Throws<ArgumentException>(() => PrunAdag.Pruning.ToSparsity(x, 0.5));
        Assert.Equal("x", ex.ParamName);
        Assert.Contains("x[1] is NaN", ex.Message);
        var f = Objective.LeastSquares(Matrix<double>.Build.DenseIdentity(3), V(0, 0, 0));
        var viaProfile = Assert.Throws<ArgumentException>(() => PrunAdag.Pruning.Profile(f, x, [0.3]));
        Assert.Equal("x", viaProfile.ParamName);
        Assert.Contains("x[1] is NaN", viaProfile.Message);
    }

    [Theory]
    [InlineData(PruningScope.Global)] [InlineData(PruningScope.PerBlock)]
    public void Under_a_layout_an_x_with_NaN_is_rejected_naming_x_and_its_own_index(PruningScope scope)
    {
        // The NaN is x[3], the second component of the prunable block "W".
        var x = V(1, 2, 3, double.NaN, 5);
        var layout = ParameterLayout.Sequential(("b", 2, false), ("W", 3, true));
        var ex = Assert.Throws<ArgumentException>(() => PrunAdag.Pruning.ToSparsity(x, 0.5, layout, scope));
        Assert.Equal("x", ex.ParamName);
        Assert.Contains("x[3] is NaN", ex.Message);
        var f = Objective.LeastSquares(Matrix<double>.Build.DenseIdentity(5), V(0, 0, 0, 0, 0));
        var viaProfile = Assert.Throws<ArgumentException>(() => PrunAdag.Pruning.Profile(f, x, [0.3], layout, scope));
        Assert.Equal("x", viaProfile.ParamName);
        Assert.Contains("x[3] is NaN", viaProfile.Message);
    }

    [Fact]
    public void ByThreshold_zeroes_magnitudes_strictly_below_delta()
    {
        var x = V(1e-3, -9e-4, 0.5, -1e-3, 2e-3, 0);
        Assert.Equal([1e-3, 0, 0.5, -1e-3, 2e-3, 0], PrunAdag.Pruning.ByThreshold(x, 1e-3).ToArray());
        Assert.Equal(x.ToArray(), PrunAdag.Pruning.ByThreshold(x, 0).ToArray());
        Assert.Throws<ArgumentOutOfRangeException>(() => PrunAdag.Pruning.ByThreshold(x, -1));
    }

    [Fact]
    public void Measures_match_a_hand_computation()
    {
        // f(x) = ½‖Ax − b‖² with A = diag(2, 1, 1), b = (2, 2, 3): f = ½[(2x₀ − 2)² + (x₁ − 2)² + (x₂ − 3)²].
        // x = (0.5, 2, 3): f(x) = ½·1 = 0.5. Pruning σ = 1/3 zeroes ⌈1⌉ component, the smallest: x̄ = (0, 2, 3).
        // f(x̄) = ½·4 = 2, ∇f(x̄) = Aᵀ(Ax̄ − b) = (2·(−2), 0, 0): ρ = 4, ω = sqrt(|2 − 0.5|) = sqrt(1.5).
        var f = Objective.LeastSquares(Matrix<double>.Build.DenseOfDiagonalArray([2.0, 1, 1]), V(2, 2, 3));
        var x = V(0.5, 2, 3);
        var pruned = PrunAdag.Pruning.ToSparsity(x, 1.0 / 3);
        Assert.Equal([0.0, 2, 3], pruned.ToArray());
        var (rho, omega) = PrunAdag.Pruning.Measures(f, x, pruned);
        Assert.Equal(4.0, rho, 1e-15);
        Assert.Equal(Math.Sqrt(1.5), omega, 1e-15);
    }

    [Fact]
    public void Measures_give_NaN_omega_for_a_gradient_only_objective()
    {
        var f = Objective.Create(2, (x, g) => { g[0] = x[0]; g[1] = x[1]; });
        var (rho, omega) = PrunAdag.Pruning.Measures(f, V(3, 4), V(0, 4));
        Assert.Equal(4.0, rho);
        Assert.True(double.IsNaN(omega));
    }

    [Fact]
    public void Profile_reports_the_achieved_sparsity_and_the_measures_of_each_sigma()
    {
        // Two components are already zero, so at σ = 10% (one pruned: a zero) the achieved sparsity is 20%.
        var x = V(0, 0, 0.3, -0.1, 5, 2, 0.7, -0.2, 1, 4);
        var f = Objective.Create(10, (y, g) => { for (int i = 0; i < 10; i++) g[i] = y[i] - 1; },
            y => { double s = 0; for (int i = 0; i < 10; i++) s += 0.5 * (y[i] - 1) * (y[i] - 1); return s; }, "shifted");
        var profile = PrunAdag.Pruning.Profile(f, x, [0.1, 0.3, 0.5, 0.9], label: "demo");
        Assert.Equal("demo", profile.Label);
        Assert.Equal([0.2, 0.3, 0.5, 0.9], profile.Points.Select(p => p.AchievedSparsity).ToArray());
        Assert.Equal([0.1, 0.3, 0.5, 0.9], profile.Points.Select(p => p.TargetSparsity).ToArray());
        foreach (var p in profile.Points)
        {
            var (rho, omega) = PrunAdag.Pruning.Measures(f, x, PrunAdag.Pruning.ToSparsity(x, p.TargetSparsity));
            Assert.Equal(rho, p.Rho);
            Assert.Equal(omega, p.Omega);
            Assert.Null(p.Accuracy);
        }
        // σ = 30% prunes indices 1, 0 (zeros, larger index first) and 3 (|−0.1|): x̄ − 1 has 8 entries … by hand:
        // x̄ = (0, 0, 0.3, 0, 5, 2, 0.7, −0.2, 1, 4); ‖x̄ − 1‖² = 1+1+0.49+1+16+1+0.09+1.44+0+9 = 31.02.
        Assert.Equal(Math.Sqrt(31.02), profile.Points[1].Rho, 1e-14);
    }

    [Fact]
    public void PruningProfile_of_a_result_uses_the_method_name_and_an_accuracy_measure()
    {
        var f = Fixtures.RandomLeastSquares(10, 12, 3);
        var r = Minimizer.Create(Method.V3, new PrunAdagOptions { TargetRelevant = 2, MaxIterations = 20 })
            .Minimize(f, Vector<double>.Build.Dense(Fixtures.RandomStart(12, 3)));
        var profile = r.PruningProfile(f, PrunAdag.Pruning.PaperSigmas, xb => PrunAdag.Pruning.Sparsity(xb));
        Assert.Equal("prunAdag-V3", profile.Label);
        Assert.Equal(9, profile.Points.Count);
        Assert.All(profile.Points, p => Assert.Equal(p.AchievedSparsity, p.Accuracy));
        Assert.Equal([0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9], PrunAdag.Pruning.PaperSigmas);
    }
}
