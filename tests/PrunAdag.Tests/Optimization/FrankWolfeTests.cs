using MathNet.Numerics.LinearAlgebra;
using PrunAdag.Tests.Reference;

namespace PrunAdag.Tests.Optimization;

/// <summary>Frank–Wolfe on the T-support-norm ball C_T(τ) (docs/algorithm.md, B2).</summary>
public class FrankWolfeTests
{
    [Theory]
    [InlineData(1, 1)] [InlineData(7, 1)] [InlineData(7, 3)] [InlineData(7, 7)] [InlineData(50, 5)]
    public void Every_LMO_vertex_has_at_most_T_nonzeros_norm_tau_and_the_spec_formula(int n, int t)
    {
        var rng = new Random(n * 31 + t);
        for (int trial = 0; trial < 40; trial++)
        {
            // Draws from a few values so ties and zeros are common.
            var g = Enumerable.Range(0, n).Select(_ => trial % 2 == 0 ? Fixtures.Gaussian(rng) : rng.Next(-2, 3) * 0.5).ToArray();
            if (g.All(v => v == 0)) g[0] = 1;
            double tau = 0.5 + 10 * rng.NextDouble();
            var v = FrankWolfe.LinearMinimizationOracle(g, t, tau);
            Assert.True(v.Count(e => e != 0) <= t);
            double norm = Math.Sqrt(v.Sum(e => e * e));
            Assert.True(Math.Abs(norm - tau) <= 1e-14 * tau, $"‖v‖ = {norm}, τ = {tau}");
            // v_i = −τ g_i/‖g‖_R on R (the T largest |g_i|, ties to the smaller index), 0 elsewhere.
            var inR = ReferencePrunAdag.RelevantSet(g, t);
            double gR = Math.Sqrt(Enumerable.Range(0, n).Where(i => inR[i]).Sum(i => g[i] * g[i]));
            for (int i = 0; i < n; i++)
                Assert.Equal(inR[i] ? -tau * g[i] / gR : 0.0, v[i], 1e-14);
            // v minimises ⟨g, ·⟩ over the vertices: ⟨g, v⟩ = −τ‖g‖_R.
            double gv = Enumerable.Range(0, n).Sum(i => g[i] * v[i]);
            Assert.True(Math.Abs(gv + tau * gR) <= 1e-12 * tau * gR);
        }
    }

    [Theory]
    [InlineData("fw1")]
    [InlineData("fw2")]
    public void Iterates_stay_in_the_ball_when_started_inside(string rule)
    {
        var f = Fixtures.RandomLeastSquares(20, 40, 21);
        var x0 = Fixtures.RandomStart(40, 21);
        const double tau = 3.0;
        double scale = 0.9 * tau / Math.Sqrt(x0.Sum(v => v * v));
        var start = Vector<double>.Build.Dense(x0.Select(v => v * scale).ToArray());
        var options = new FrankWolfeOptions { TargetRelevant = 4, Tau = tau, Beta = 0.5, MaxIterations = 300, IterateEvery = 1 };
        int seen = 0;
        var result = Minimizer.Create(Method.Parse(rule), options).Minimize(f, start, s =>
        {
            double norm = Math.Sqrt(s.X.ToArray().Sum(v => v * v));
            Assert.True(norm <= tau * (1 + 1e-12), $"k = {s.Iteration}: ‖x‖ = {norm} > τ");
            seen++;
            return true;
        });
        Assert.Equal(300, seen);
        Assert.Equal(301, result.Trace.Iterates.Count);
        foreach (var it in result.Trace.Iterates) Assert.True(it.X.L2Norm() <= tau * (1 + 1e-12));
        Assert.False(result.Trace.HasClassification);
    }

    [Fact]
    public void FW1_first_step_lands_on_the_first_vertex()
    {
        // η_0 = 1/(0+1) = 1, so x_1 = x_0 + (v_0 − x_0) = v_0 (up to the rounding of x_0 + (v_0 − x_0)).
        var f = Fixtures.RandomLeastSquares(10, 12, 22);
        var x0 = Fixtures.RandomStart(12, 22);
        var g0 = f.Gradient(Vector<double>.Build.Dense(x0)).ToArray();
        var v0 = FrankWolfe.LinearMinimizationOracle(g0, 3, 5.0);
        var r = Minimizer.Create(Method.FW1, new FrankWolfeOptions { TargetRelevant = 3, Tau = 5.0, MaxIterations = 1 })
            .Minimize(Fixtures.RandomLeastSquares(10, 12, 22), Vector<double>.Build.Dense(x0));
        for (int i = 0; i < 12; i++) Assert.True(Math.Abs(v0[i] - r.Solution[i]) <= 1e-15 * 5.0, $"x_1[{i}] = {r.Solution[i]} vs v_0 = {v0[i]}");
        // From x_0 = 0 the landing is exact.
        var r0 = Minimizer.Create(Method.FW1, new FrankWolfeOptions { TargetRelevant = 3, Tau = 5.0, MaxIterations = 1 })
            .Minimize(Fixtures.RandomLeastSquares(10, 12, 22), Vector<double>.Build.Dense(12));
        var g00 = Fixtures.RandomLeastSquares(10, 12, 22).Gradient(Vector<double>.Build.Dense(12)).ToArray();
        Cases.AssertBitwise(FrankWolfe.LinearMinimizationOracle(g00, 3, 5.0), r0.Solution.ToArray(), "x_1 from 0");
    }

    [Fact]
    public void FW2_step_rule_matches_a_hand_computation()
    {
        // f = ½‖x − c‖², c = (3, −4, 1), x_0 = 0: g_0 = −c = (−3, 4, −1). T = 1: R_0 = {1}, ‖g‖_R = 4.
        // v_0 = −τ g/‖g‖_R on R = (0, −10, 0) for τ = 10. ‖v_0 − x_0‖ = 10.
        // η_0 = min(β‖g‖_R/‖v − x‖, 1) = min(0.5·4/10, 1) = 0.2; x_1 = 0.2·v_0 = (0, −2, 0).
        // k = 1: g_1 = x_1 − c = (−3, 2, −1); R_1 = {0}, ‖g‖_R = 3, v_1 = (10, 0, 0); v_1 − x_1 = (10, 2, 0), norm sqrt(104);
        // η_1 = 0.5·3/sqrt(104) ≈ 0.147087; x_2 = x_1 + η_1 (10, 2, 0).
        double[] c = [3, -4, 1];
        var f = Objective.Create(3, (x, g) => { for (int i = 0; i < 3; i++) g[i] = x[i] - c[i]; });
        var options = new FrankWolfeOptions { TargetRelevant = 1, Tau = 10, Beta = 0.5, MaxIterations = 2, IterateEvery = 1 };
        var r = Minimizer.Create(Method.FW2, options).Minimize(f, Vector<double>.Build.Dense(3));
        var x1 = r.Trace.Iterates[1].X;
        Assert.Equal(0.0, x1[0]); Assert.Equal(-2.0, x1[1], 1e-15); Assert.Equal(0.0, x1[2]);
        double eta1 = 1.5 / Math.Sqrt(104);
        Assert.Equal(10 * eta1, r.Solution[0], 1e-15);
        Assert.Equal(-2 + 2 * eta1, r.Solution[1], 1e-15);
        Assert.Equal(0.0, r.Solution[2]);
    }

    [Fact]
    public void FW2_step_is_capped_at_one()
    {
        // Same problem with β = 0.9 and τ = 1: η_0 = min(0.9·4/1, 1) = 1, so x_1 = v_0 = (0, −1, 0).
        double[] c = [3, -4, 1];
        var f = Objective.Create(3, (x, g) => { for (int i = 0; i < 3; i++) g[i] = x[i] - c[i]; });
        var r = Minimizer.Create(Method.FW2, new FrankWolfeOptions { TargetRelevant = 1, Tau = 1, Beta = 0.9, MaxIterations = 1 })
            .Minimize(f, Vector<double>.Build.Dense(3));
        Assert.Equal([0.0, -1.0, 0.0], r.Solution.ToArray());
    }

    [Fact]
    public void Default_tau_is_the_papers_random_least_squares_setting()
    {
        // With Tau unset, one step from x_0 = 0 lands on the vertex v_0 = −τ g/‖g‖_R (T = 1), so ‖x_1‖ = τ:
        // FW1 has η_0 = 1; FW2 has η_0 = min(β‖g‖_R/‖v_0‖, 1) = min(0.9·400/τ, 1) = 1 for τ = 100.
        double[] c = [300, -400, 100];
        var f = Objective.Create(3, (x, g) => { for (int i = 0; i < 3; i++) g[i] = x[i] - c[i]; });
        var fw1 = Minimizer.Create(Method.FW1, new FrankWolfeOptions { TargetRelevant = 1, MaxIterations = 1 }).Minimize(f, Vector<double>.Build.Dense(3));
        var fw2 = Minimizer.Create(Method.FW2, new FrankWolfeOptions { TargetRelevant = 1, Beta = 0.9, MaxIterations = 1 }).Minimize(f, Vector<double>.Build.Dense(3));
        Assert.Equal([0.0, -50.0, 0.0], fw1.Solution.ToArray());
        Assert.Equal([0.0, -100.0, 0.0], fw2.Solution.ToArray());
    }

    // C5 for Frank–Wolfe: ‖g‖_R whose sum of squares overflows (10¹⁶⁰) or underflows (10⁻¹⁷⁰) is recomputed scaled.
    [Theory]
    [InlineData(1e160)] [InlineData(1e-170)] [InlineData(1e300)] [InlineData(1.0)]
    public void The_vertex_is_right_whatever_the_gradients_scale(double scale)
    {
        // R = {1, 0} (T = 2): ‖g‖_R = √10 · scale, so v = −10 · (1, 3, 0) / √10 = (−√10, −3√10, 0).
        var v = FrankWolfe.LinearMinimizationOracle([1 * scale, 3 * scale, 0.5 * scale], 2, 10.0);
        Assert.Equal(-Math.Sqrt(10), v[0], 1e-14);
        Assert.Equal(-3 * Math.Sqrt(10), v[1], 1e-14);
        Assert.Equal(0.0, v[2]);
    }

    [Theory]
    [InlineData(1e160)] [InlineData(1e300)] [InlineData(1e-170)]
    public void Every_method_keeps_a_finite_iterate_from_a_huge_or_tiny_start(double scale)
    {
        // f = ½‖x‖², g = x: the sums of squares of x0 and g0 overflow or underflow.
        var f = Objective.Create(3, (x, g) => x.CopyTo(g), x => 0.5 * (x[0] * x[0] + x[1] * x[1] + x[2] * x[2]), "½‖x‖²");
        var x0 = Vector<double>.Build.Dense([1 * scale, 3 * scale, 0.5 * scale]);
        foreach (var m in Method.All)
        {
            var options = m.DefaultOptions.WithTargetRelevant(1) with { MaxIterations = 5, GradientTolerance = 0 };
            var r = Minimizer.Create(m, options).Minimize(f, x0);
            Assert.True(r.Solution.All(double.IsFinite), $"{m.Name} at scale {scale}: x = [{string.Join(", ", r.Solution)}]");
            Assert.NotEqual(StopReason.NonFiniteGradient, r.StopReason);
        }
        if (scale > 1) return;
        // From a tiny start FW1's first step (η_0 = 1) lands on v_0 = −τ e₁ (R = {1}, τ = 50): x0 + (v_0 − x0) rounds to
        // v_0 exactly here. Without the rescaling ‖g‖_R² underflows to 0 and the step went to v = 0 instead.
        var fw1 = Minimizer.Create(Method.FW1, new FrankWolfeOptions { TargetRelevant = 1, MaxIterations = 1, GradientTolerance = 0 }).Minimize(f, x0);
        Assert.Equal([0.0, -50.0, 0.0], fw1.Solution.ToArray());
    }
}
