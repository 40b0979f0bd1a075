using PrunAdag.Neural;

namespace PrunAdag.Tests.Neural;

/// <summary>Stochastic Frank–Wolfe: the LMO's vertices lie in the T-support-norm ball, and the documented step.</summary>
public class StochasticFrankWolfeTests
{
    private static int Nonzeros(double[] v) => v.Count(x => x != 0);
    private static double Norm(double[] v) => Math.Sqrt(v.Sum(x => x * x));

    [Fact]
    public void LMO_vertices_have_at_most_T_nonzeros_and_norm_tau()
    {
        var rng = new Random(1);
        foreach (int n in new[] { 1, 5, 64, 1001 })
            foreach (int kind in new[] { 0, 1, 3, 4 }) // distinct values, ties and specials, many zeros and ties, Gaussians
                for (int trial = 0; trial < 5; trial++)
                {
                    var d = PrunAdag.Tests.Performance.BitwiseInputs.Vector(rng, n, kind);
                    for (int i = 0; i < n; i++) if (Math.Abs(d[i]) > 1e100) d[i] = Math.Sign(d[i]); // keep ‖d‖² finite
                    int t = 1 + rng.Next(n);
                    double tau = 0.5 + rng.NextDouble() * 10;
                    var v = StochasticFrankWolfeKernel.LinearMinimizationOracle(d, t, tau);
                    Assert.True(Nonzeros(v) <= t, $"‖v‖₀ = {Nonzeros(v)} > T = {t}");
                    double norm = Norm(v);
                    if (d.All(x => x == 0)) Assert.Equal(0, norm);
                    else
                    {
                        Assert.True(norm <= tau * (1 + 1e-14), $"‖v‖₂ = {norm:R} > τ = {tau:R}");
                        if (d.Any(x => x != 0 && Math.Abs(x) > 1e-150)) Assert.Equal(tau, norm, tau * 1e-13);
                    }
                    // v minimises ⟨d, v⟩ over the ball: ⟨d, v⟩ = −τ ‖d‖_R, the dual norm (T largest |d_i|).
                    double dual = Math.Sqrt(d.Select(Math.Abs).OrderDescending().Take(t).Sum(x => x * x));
                    double inner = d.Zip(v, (a, b) => a * b).Sum();
                    Assert.Equal(-tau * dual, inner, Math.Max(1e-300, tau * dual * 1e-12));
                    // And it lies in C_T(τ): its T-support norm is at most τ.
                    Assert.True(StochasticFrankWolfeKernel.SupportNorm(v, t) <= tau * (1 + 1e-12));
                }
    }

    [Fact]
    public void Support_norm_is_l1_at_T_1_l2_at_T_n_and_l2_for_T_sparse_vectors()
    {
        double[] x = [3, -1, 0.5, 2, 0, -4];
        Assert.Equal(10.5, StochasticFrankWolfeKernel.SupportNorm(x, 1), 13);
        Assert.Equal(Math.Sqrt(9 + 1 + 0.25 + 4 + 16), StochasticFrankWolfeKernel.SupportNorm(x, 6), 13);
        Assert.Equal(5.0, StochasticFrankWolfeKernel.SupportNorm([0, 3, 0, -4, 0], 2), 13);
        // Worked by hand for T = 2, z = (4, 3, 2, 1, 0.5, 0): r = 0 needs z₁ = 4 > Σ_{i≥2} z = 6.5 (false);
        // r = 1: z₀ = ∞ > (Σ z)/2 = 5.25 ≥ z₁ = 4 (true), so ‖x‖ = sqrt(10.5²/2) = 7.4246…
        Assert.Equal(Math.Sqrt(10.5 * 10.5 / 2), StochasticFrankWolfeKernel.SupportNorm(x, 2), 13);
        // T = 3, z = (4, 3, 2, 1, 0.5, 0): r = 0: z₂ = 3 > Σ_{i≥3} = 3.5? no. r = 1: z₁ = 4 > (3 + 3.5)/2 = 3.25 ≥ z₂ = 3: yes,
        // ‖x‖ = sqrt(4² + 6.5²/2) = sqrt(37.125).
        Assert.Equal(Math.Sqrt(37.125), StochasticFrankWolfeKernel.SupportNorm(x, 3), 13);
    }

    [Fact]
    public void Steps_follow_the_documented_momentum_and_rescaled_rule()
    {
        // n = 4, one ball T = 2, τ = 2, α = 0.1, μ = 0.5. Worked by hand:
        // k = 0: m = g₀ = (3, −4, 1, 0); R = {0, 1}, ‖m‖_R = 5, v = (−1.2, 1.6, 0, 0); x₀ = (0.5, 0, 0, 0.5):
        //   ‖m‖₂ = √26, v − x = (−1.7, 1.6, 0, −0.5), ‖v − x‖² = 2.89 + 2.56 + 0.25 = 5.7,
        //   η = min(0.1·√26/√5.7, 1) = 0.21357…; x₁ = x₀ + η(v − x₀).
        // k = 1: g₁ = (1, 0, 2, 0) → m = 0.5m + 0.5g₁ = (2, −2, 1.5, 0); R = {0, 1} (ties: smaller index), ‖m‖_R = √8,
        //   v = (−√2, √2, 0, 0).
        var kernel = new StochasticFrankWolfeKernel(4, StochasticFrankWolfeKernel.Global(4, 2, 2.0), new SfwParameters { LearningRate = 0.1, Momentum = 0.5 });
        double[] x = [0.5, 0, 0, 0.5];
        kernel.Step(0, x, [3, -4, 1, 0], 1e-3);
        double eta0 = 0.1 * Math.Sqrt(26) / Math.Sqrt(5.7);
        double[] x1 = [0.5 + eta0 * (-1.7), eta0 * 1.6, 0, 0.5 + eta0 * (-0.5)];
        for (int i = 0; i < 4; i++) Assert.Equal(x1[i], x[i], 1e-15);
        kernel.Step(1, x, [1, 0, 2, 0], 1e-3);
        Assert.Equal([2, -2, 1.5, 0], kernel.Momentum.ToArray());
        double[] v = [-Math.Sqrt(2), Math.Sqrt(2), 0, 0];
        double dist = Math.Sqrt(Enumerable.Range(0, 4).Sum(i => (v[i] - x1[i]) * (v[i] - x1[i])));
        double eta1 = Math.Min(0.1 * Math.Sqrt(4 + 4 + 2.25) / dist, 1);
        for (int i = 0; i < 4; i++) Assert.Equal(x1[i] + eta1 * (v[i] - x1[i]), x[i], 1e-15);
    }

    [Fact]
    public void Iterates_started_in_the_ball_stay_in_it()
    {
        // x_{k+1} is a convex combination of x_k and a vertex whenever η ∈ [0, 1].
        const int n = 200, t = 20;
        const double tau = 3;
        var rng = new Random(4);
        var kernel = new StochasticFrankWolfeKernel(n, StochasticFrankWolfeKernel.Global(n, t, tau), new SfwParameters { LearningRate = 0.5 });
        var x = new double[n];
        for (int k = 0; k < 50; k++)
        {
            var g = Enumerable.Range(0, n).Select(_ => rng.NextDouble() - 0.5).ToArray();
            kernel.Step(k, x, g, 1e-3);
            Assert.True(StochasticFrankWolfeKernel.SupportNorm(x, t) <= tau * (1 + 1e-12));
        }
    }

    [Fact]
    public void Layout_groups_constrain_prunable_blocks_together_and_biases_by_their_own_L2_balls()
    {
        var layout = ParameterLayout.Sequential(("W1", 12, true), ("b1", 4, false), ("W2", 8, true), ("b2", 2, false)); // weights apart: two ranges
        var global = StochasticFrankWolfeKernel.ForLayout(layout, PruningScope.Global, 0.1, 5.0, 1.0);
        Assert.Equal(["prunable", "b1", "b2"], global.Select(g => g.Name));
        Assert.Equal(2, global[0].TargetRelevant); // ⌈0.1 · 20⌉
        Assert.Equal([(0, 12), (16, 8)], global[0].Ranges);
        Assert.Equal(4, global[1].TargetRelevant);
        var perBlock = StochasticFrankWolfeKernel.ForLayout(layout, PruningScope.PerBlock, 0.25, 5.0, 1.0);
        Assert.Equal(["W1", "b1", "W2", "b2"], perBlock.Select(g => g.Name));
        Assert.Equal([3, 4, 2, 2], perBlock.Select(g => g.TargetRelevant));
        // A step keeps each group in its ball: at most T nonzeros of W from a zero start after one step.
        var kernel = new StochasticFrankWolfeKernel(layout.Dimension, global, new SfwParameters());
        var x = new double[layout.Dimension];
        kernel.Step(0, x, Enumerable.Range(0, layout.Dimension).Select(i => Math.Cos(i + 1.0)).ToArray(), 1e-3);
        int wNonzeros = Enumerable.Range(0, 12).Concat(Enumerable.Range(16, 8)).Count(i => x[i] != 0);
        Assert.True(wNonzeros <= 2);
        Assert.Equal(6, Enumerable.Range(12, 4).Concat(Enumerable.Range(24, 2)).Count(i => x[i] != 0)); // biases: dense L2 step
    }

    [Fact]
    public void Groups_that_miss_or_share_components_are_rejected()
    {
        var p = new SfwParameters();
        Assert.Contains("Component 3 belongs to no constraint group",
            Assert.Throws<ArgumentException>(() => new StochasticFrankWolfeKernel(4, [new SfwGroup("a", [(0, 3)], 1, 1)], p)).Message);
        Assert.Contains("belongs to the groups 'a' and 'b'",
            Assert.Throws<ArgumentException>(() => new StochasticFrankWolfeKernel(4, [new SfwGroup("a", [(0, 3)], 1, 1), new SfwGroup("b", [(2, 2)], 1, 1)], p)).Message);
        Assert.Contains("T must be in 1..4",
            Assert.Throws<ArgumentOutOfRangeException>(() => new StochasticFrankWolfeKernel(4, StochasticFrankWolfeKernel.Global(4, 5, 1), p)).Message);
        Assert.Contains("Momentum must be in [0, 1)", Assert.Throws<ArgumentOutOfRangeException>(() => new SfwParameters { Momentum = 1 }).Message);
    }

    [Fact]
    public void Values_valid_only_together_are_checked_by_Minimizer_Create_naming_both()
    {
        // Each value alone is valid, in either order of the initialiser; the pair is not.
        var e = Assert.Throws<ArgumentException>(() => Minimizer.Create(Method.SFW, new StochasticFrankWolfeOptions { GradientRescaling = false, LearningRate = 5 }));
        Assert.Equal("options", e.ParamName);
        Assert.Contains("GradientRescaling = false", e.Message);
        Assert.Contains("LearningRate = 5", e.Message);
        Assert.NotNull(Minimizer.Create(Method.SFW, new StochasticFrankWolfeOptions { GradientRescaling = false, LearningRate = 1 }));
        Assert.NotNull(Minimizer.Create(Method.SFW, new StochasticFrankWolfeOptions { LearningRate = 5 }));
        foreach (var o in new MinimizerOptions[]
                 {
                     new StochasticFrankWolfeOptions { TargetRelevant = 2, RelevantFraction = 0.5 },
                     new PrunAdagOptions { TargetRelevant = 2, RelevantFraction = 0.5 },
                     new RelevantOnlyOptions { TargetRelevant = 2, RelevantFraction = 0.5 },
                     new FrankWolfeOptions { TargetRelevant = 2, RelevantFraction = 0.5 },
                 })
        {
            var m = Method.All.First(m => m.OptionsType == o.GetType());
            var both = Assert.Throws<ArgumentException>(() => Minimizer.Create(m, o));
            Assert.Contains("not both", both.Message);
            Assert.Equal("options", both.ParamName);
        }
    }

    [Fact]
    public void A_step_allocates_nothing()
    {
        const int n = 20_001;
        var kernel = new StochasticFrankWolfeKernel(n, StochasticFrankWolfeKernel.Global(n, n / 10, 10), new SfwParameters());
        var x = new double[n]; var g = Enumerable.Range(0, n).Select(i => Math.Sin(i * 0.37)).ToArray();
        int k = 0;
        PrunAdag.Tests.Performance.SteadyStateAllocation.AssertNone(() => kernel.Step(k++, x, g, 1e-3));
    }
}
