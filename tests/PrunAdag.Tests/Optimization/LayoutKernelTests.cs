using MathNet.Numerics.LinearAlgebra;
using PrunAdag.Neural;
using PrunAdag.Tests.Performance;
using PrunAdag.Tests.Reference;

namespace PrunAdag.Tests.Optimization;

/// <summary>
/// Every method on a parameter layout (docs/algorithm.md C19): one prunable block is bitwise the run without a layout;
/// prunAdag's global relevant set is Algorithm 2.1 on the prunable components in index order, the per-block sets are
/// Algorithm 2.1 on each block, and blocks that are not prunable take plain Adagrad steps (never in S_k, never decreasable).
/// </summary>
public class LayoutKernelTests
{
    /// <summary>A quadratic ½‖Ax − b‖² whose gradient is rounded to multiples of 1/8 (ties of R_k, also across blocks), with a layout.</summary>
    private sealed class Quantised(int n, int seed, ParameterLayout? layout) : Objective(n)
    {
        private readonly Matrix<double> _a = Matrix<double>.Build.Random(n + 3, n, new MathNet.Numerics.Distributions.Normal(0, 1, new Random(seed)));
        private readonly Vector<double> _b = Vector<double>.Build.Random(n + 3, new MathNet.Numerics.Distributions.Normal(0, 1, new Random(seed + 1)));
        public override ParameterLayout? Layout => layout;
        public override void Gradient(ReadOnlySpan<double> x, Span<double> g)
        {
            var r = _a * Vector<double>.Build.Dense(x.ToArray()) - _b;
            var v = _a.TransposeThisAndMultiply(r);
            for (int i = 0; i < Dimension; i++) g[i] = Math.Round(8 * v[i]) / 8;
        }
    }

    private static readonly ParameterLayout Tiny = ParameterLayout.Sequential(("W", 11, true), ("b", 3, false), ("U", 9, true), ("c", 2, false));
    private static Vector<double> Start(int n) => Vector<double>.Build.Dense(n, i => Math.Round(Math.Sin(3.7 * i + 1) * 8) / 8 + 0.0); // + 0.0: no −0

    public static TheoryData<string> AllMethods() => new(Method.All.Select(m => m.Name));

    [Theory, MemberData(nameof(AllMethods))]
    public void One_prunable_block_covering_everything_is_bitwise_the_run_without_a_layout(string name)
    {
        var m = Method.Parse(name);
        const int n = 23;
        var options = m.DefaultOptions.WithTargetRelevant(4) with { MaxIterations = 60, GradientTolerance = 0, IterateEvery = 1 };
        var plain = Minimizer.Create(m, options).Minimize(new Quantised(n, 7, null), Start(n));
        foreach (var layout in new[] { ParameterLayout.Single(n, "weights"), ParameterLayout.Sequential(("a", 10, true), ("b", 13, true)) })
        {
            var blocked = Minimizer.Create(m, options).Minimize(new Quantised(n, 7, layout), Start(n));
            Assert.Equal(plain.Iterations, blocked.Iterations);
            for (int k = 0; k < plain.Trace.Iterates.Count; k++)
                Assert.Equal(plain.Trace.Iterates[k].X.ToArray(), blocked.Trace.Iterates[k].X.ToArray());
            Assert.Equal(plain.Trace.Optimisable, blocked.Trace.Optimisable);
            Assert.Equal(plain.Trace.Acceptable, blocked.Trace.Acceptable);
            Assert.Equal(plain.TargetRelevant, blocked.TargetRelevant);
        }
    }

    public static TheoryData<string, string> PrunAdagKinds()
    {
        var data = new TheoryData<string, string>();
        foreach (var scope in new[] { "global", "perblock" })
            foreach (var kind in new[] { "V1", "V2", "V3", "V4", "RelevantOnly" })
                data.Add(kind, scope);
        return data;
    }

    [Theory, MemberData(nameof(PrunAdagKinds))]
    public void The_relevant_sets_are_algorithm_2_1_on_the_prunable_components_and_the_rest_takes_adagrad_steps(string kindName, string scopeName)
    {
        var kind = Enum.Parse<ReferencePrunAdag.Kind>(kindName);
        var scope = Enum.Parse<PruningScope>(scopeName, ignoreCase: true);
        const int t = 3, iterations = 80;
        double eta = 0.5;
        var method = kind == ReferencePrunAdag.Kind.RelevantOnly ? Method.RelevantOnly : Method.Parse("v" + kindName[1..]);
        var options = ((PrunAdagOptions)method.DefaultOptions) with
        {
            TargetRelevant = t, RelevantScope = scope, StepScale = eta, MaxIterations = iterations, GradientTolerance = 0, IterateEvery = 1,
        };
        var f = new Quantised(Tiny.Dimension, 3, Tiny);
        var gradients = new List<double[]>();
        var run = Minimizer.Create(method, options).Minimize(f, Start(Tiny.Dimension), s => { gradients.Add(s.Gradient.ToArray()); return true; });
        Assert.Equal(iterations, run.Iterations);

        // The reference, written from docs/algorithm.md: one Algorithm 2.1 per relevant set on its components in index
        // order (global: W then U as one vector; per block: W and U apart), plain Adagrad (B1) on b and c.
        int[][] groups = scope == PruningScope.Global
            ? [[.. Enumerable.Range(0, 11), .. Enumerable.Range(14, 9)]]
            : [[.. Enumerable.Range(0, 11)], [.. Enumerable.Range(14, 9)]];
        int[] adagrad = [11, 12, 13, 23, 24];
        var refs = groups.Select(_ => new ReferencePrunAdag(kind, t, 0.01, eta, Variant.V3)).ToArray();
        var wO = groups.Select(q => Enumerable.Repeat(0.01, q.Length).ToArray()).ToArray();
        var wD = groups.Select(q => Enumerable.Repeat(0.01, q.Length).ToArray()).ToArray();
        var w = Enumerable.Repeat(0.01, adagrad.Length).ToArray();
        for (int k = 0; k < iterations; k++)
        {
            var x = run.Trace.Iterates[k].X.ToArray();
            var g = gradients[k];
            var expected = (double[])x.Clone();
            int o = adagrad.Length, a = 0;
            for (int q = 0; q < groups.Length; q++)
            {
                var step = refs[q].Step(k, [.. groups[q].Select(i => x[i])], [.. groups[q].Select(i => g[i])], wO[q], wD[q]);
                for (int j = 0; j < groups[q].Length; j++) expected[groups[q][j]] = step.XNext[j];
                o += step.CountO; a += step.CountA;
            }
            for (int j = 0; j < adagrad.Length; j++)
            {
                int i = adagrad[j];
                w[j] = Math.Sqrt(w[j] * w[j] + g[i] * g[i]);
                expected[i] = x[i] + (-(eta * g[i])) / w[j];
            }
            Cases.AssertBitwise(expected, run.Trace.Iterates[k + 1].X.ToArray(), $"x_{k + 1}");
            Assert.Equal(o, run.Trace.Optimisable![k]);
            Assert.Equal(a, run.Trace.Acceptable![k]);
            Assert.Equal(Tiny.Dimension - o, run.Trace.Decreasable![k]);
        }
        Assert.Equal(t * groups.Length, run.TargetRelevant);
    }

    [Fact]
    public void A_hand_checked_step_global_against_per_block()
    {
        // W (3, prunable), b (1, not), U (2, prunable). The bias has by far the largest gradient; U the two largest prunable ones.
        var layout = ParameterLayout.Sequential(("W", 3, true), ("b", 1, false), ("U", 2, true));
        double[] x0 = [1, -2, 0.5, 0.25, 4, -1];
        double[] g = [0.1, -0.05, 0.2, 9, 0.3, 0.4];
        var f = new Fixed(g, layout);
        double Adagrad(double xi, double gi) => xi + (-gi) / Math.Sqrt(0.01 * 0.01 + gi * gi); // Step 4 at k = 0, η = 1, w = ς
        double Decrease(double xi) => xi - Math.Sign(xi) * Math.Min(Math.Abs(xi), Math.Abs(xi) / Math.Sqrt(0.01 * 0.01 + xi * xi)); // rule (17), V4, k = 0

        // Global, T = 2: R_0 = {4, 5} (|g| 0.3, 0.4); the bias is not in R_0 but takes the Adagrad step all the same.
        // W: every i ∈ S_0 (sign x = sign g), a_i = |x_i| exceeds |g_i|/ŵ_i for i = 0, 1 and b_i = |x_i| is below it for i = 2: all decreasable.
        var global = OneStep(f, x0, new PrunAdagOptions { TargetRelevant = 2 });
        Assert.Equal([Decrease(1), Decrease(-2), 0.0, Adagrad(0.25, 9), Adagrad(4, 0.3), Adagrad(-1, 0.4)], global.Solution.ToArray());
        Assert.Equal(3, global.Trace.Optimisable![0]); // R_0 and the bias
        Assert.Equal(0.0, global.Solution[2]);         // min(a, r) = a = |x_2|: lands exactly on 0

        // Per block, T = 1 each: R_0 = {2} in W and {5} in U; 4 is then decreasable.
        var perBlock = OneStep(f, x0, new PrunAdagOptions { TargetRelevant = 1, RelevantScope = PruningScope.PerBlock });
        Assert.Equal([Decrease(1), Decrease(-2), Adagrad(0.5, 0.2), Adagrad(0.25, 9), Decrease(4), Adagrad(-1, 0.4)], perBlock.Solution.ToArray());
        Assert.Equal(3, perBlock.Trace.Optimisable![0]);
        Assert.Equal(2, perBlock.TargetRelevant);
    }

    private static MinimizationResult OneStep(Objective f, double[] x0, PrunAdagOptions options) =>
        Minimizer.Create(Method.V4, options with { MaxIterations = 1, GradientTolerance = 0 }).Minimize(f, Vector<double>.Build.Dense(x0));

    private sealed class Fixed(double[] g, ParameterLayout layout) : Objective(g.Length)
    {
        public override ParameterLayout? Layout => layout;
        public override void Gradient(ReadOnlySpan<double> x, Span<double> gradient) => g.CopyTo(gradient);
    }

    [Fact]
    public void T_as_a_fraction_and_the_checks()
    {
        var f = new Quantised(Tiny.Dimension, 3, Tiny);
        var x0 = Start(Tiny.Dimension);
        MinimizationResult Run(PrunAdagOptions o) => Minimizer.Create(Method.V3, o with { MaxIterations = 1 }).Minimize(f, x0);
        Assert.Equal(4 + 3, Run(new PrunAdagOptions { RelevantFraction = 0.3, RelevantScope = PruningScope.PerBlock }).TargetRelevant); // ⌈3.3⌉ + ⌈2.7⌉
        Assert.Equal(6, Run(new PrunAdagOptions { RelevantFraction = 0.3 }).TargetRelevant);                                             // ⌈0.3 · 20⌉
        Assert.Equal(2, Run(new PrunAdagOptions()).TargetRelevant);                                                                        // ⌊20/10⌋ (C3)
        Assert.Equal(9 + 9, Run(new PrunAdagOptions { TargetRelevant = 9, RelevantScope = PruningScope.PerBlock }).TargetRelevant);      // min(T, L) per block
        Assert.Contains("not both", Assert.Throws<ArgumentException>(() => Run(new PrunAdagOptions { TargetRelevant = 2, RelevantFraction = 0.5 })).Message);
        Assert.Contains("1..20", Assert.Throws<ArgumentOutOfRangeException>(() => Run(new PrunAdagOptions { TargetRelevant = 21 })).Message);
        var none = new Quantised(4, 1, ParameterLayout.Sequential(("b", 4, false)));
        Assert.Contains("no prunable block", Assert.Throws<ArgumentException>(() =>
            Minimizer.Create(Method.V3).Minimize(none, Vector<double>.Build.Dense(4, 1.0))).Message);
        Assert.Contains("RelevantFraction", Assert.Throws<ArgumentOutOfRangeException>(() => new PrunAdagOptions { RelevantFraction = 0 }).Message);
    }

    [Theory]
    [InlineData("fw1")]
    [InlineData("fw2")]
    public void Frank_wolfe_on_a_layout_is_one_ball_per_relevant_set_and_an_l2_ball_per_other_block(string name)
    {
        const int t = 3, iterations = 30;
        bool fw1 = name == "fw1";
        var f = new Quantised(Tiny.Dimension, 5, Tiny);
        var gradients = new List<double[]>();
        var run = Minimizer.Create(Method.Parse(name), new FrankWolfeOptions { TargetRelevant = t, Tau = 3, MaxIterations = iterations, GradientTolerance = 0, IterateEvery = 1 })
            .Minimize(f, Start(Tiny.Dimension), s => { gradients.Add(s.Gradient.ToArray()); return true; });
        int[][] parts = [[.. Enumerable.Range(0, 11), .. Enumerable.Range(14, 9)], [11, 12, 13], [23, 24]];
        var kernels = parts.Select((p, q) => new StraightforwardFrankWolfeKernel(p.Length, q == 0 ? t : p.Length, fw1, 3, 0.001)).ToArray();
        for (int k = 0; k < iterations; k++)
        {
            var x = run.Trace.Iterates[k].X.ToArray();
            var expected = (double[])x.Clone();
            for (int q = 0; q < parts.Length; q++)
            {
                double[] xq = [.. parts[q].Select(i => x[i])], gq = [.. parts[q].Select(i => gradients[k][i])];
                kernels[q].Step(k, xq, gq, 1e-3);
                for (int j = 0; j < parts[q].Length; j++) expected[parts[q][j]] = xq[j];
            }
            Cases.AssertBitwise(expected, run.Trace.Iterates[k + 1].X.ToArray(), $"x_{k + 1}");
        }
    }

    [Fact]
    public void Masked_adam_keeps_the_zeros_of_the_start_in_prunable_blocks()
    {
        var f = new Quantised(Tiny.Dimension, 3, Tiny);
        var x0 = Start(Tiny.Dimension).ToArray();
        int[] zeros = [0, 5, 12, 16]; // 12 is a bias: it moves
        foreach (int i in zeros) x0[i] = 0;
        var r = Minimizer.Create(Method.MaskedAdam, new AdamOptions { MaxIterations = 50, GradientTolerance = 0, LearningRate = 0.05 })
            .Minimize(f, Vector<double>.Build.Dense(x0));
        Assert.All(new[] { 0, 5, 16 }, i => Assert.Equal(0.0, r.Solution[i]));
        Assert.NotEqual(0.0, r.Solution[12]);
        Assert.True(Enumerable.Range(0, Tiny.Dimension).Count(i => !zeros.Contains(i) && x0[i] != r.Solution[i]) >= 15);
    }

    [Fact]
    public void Sfw_radius_is_the_factor_times_each_balls_start_norm()
    {
        var groups = StochasticFrankWolfeKernel.ForLayout(Tiny, PruningScope.Global, 0.2, 1.0, 1.0);
        var kernel = new StochasticFrankWolfeKernel(Tiny.Dimension, groups, new SfwParameters(), radiusFactor: 2.5);
        var x = Start(Tiny.Dimension).ToArray();
        double[] prunable = [.. x[..11], .. x[14..23]];
        x[23] = x[24] = 0; // c starts at 0: its radius is the factor itself
        var g = new double[Tiny.Dimension]; g[0] = 1;
        kernel.Step(0, (double[])x.Clone(), g, 1e-3);
        Assert.Equal(2.5 * Math.Sqrt(prunable.Sum(v => v * v)), kernel.Radii[0], 12);
        Assert.Equal(2.5 * Math.Sqrt(x[11] * x[11] + x[12] * x[12] + x[13] * x[13]), kernel.Radii[1], 12);
        Assert.Equal(2.5, kernel.Radii[^1]);
    }

    [Fact]
    public void Adam_and_sfw_are_registered_methods_with_pytorchs_and_the_documented_defaults()
    {
        Assert.Same(Method.Adam, Method.Parse("adam"));
        Assert.Same(Method.SFW, Method.Parse("SFW"));
        Assert.Same(Method.MaskedAdam, Method.Parse("masked-adam"));
        var adam = (AdamOptions)Method.Adam.DefaultOptions;
        Assert.Equal((1e-3, 0.9, 0.999, 1e-8, 0.0, false), (adam.LearningRate, adam.Beta1, adam.Beta2, adam.Epsilon, adam.WeightDecay, adam.Amsgrad));
        var sfw = (StochasticFrankWolfeOptions)Method.SFW.DefaultOptions;
        Assert.Equal((0.1, 0.9, true, 1.0), (sfw.LearningRate, sfw.Momentum, sfw.GradientRescaling, sfw.RadiusFactor));
        Assert.Null(sfw.Tau);
        Assert.Contains(Method.Adam.Parameters, p => p.Name == "learning-rate");
        Assert.Contains(Method.SFW.Parameters, p => p.Name == "radius-factor");
        Assert.False(Method.Adam.Classifies);
    }
}
