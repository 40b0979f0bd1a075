using MathNet.Numerics.LinearAlgebra;
using PrunAdag.Tests.Reference;

namespace PrunAdag.Tests.Optimization;

/// <summary>Spec, "The variants": prunAdag with T = n reduces to exactly Adagrad (bitwise, for every variant).</summary>
public class AdagradEquivalenceTests
{
    public static IEnumerable<object[]> Configurations() =>
        Cases.Configurations().Select(c => new object[] { c.Kind, c.Base });

    [Theory]
    [MemberData(nameof(Configurations))]
    public void PrunAdag_with_T_equal_n_is_bitwise_Adagrad(ReferencePrunAdag.Kind kind, Variant baseVariant)
    {
        foreach (var problem in new[] { "ls-10x12", "tied-12" })
        {
            var (f1, x0) = Cases.Problem(problem);
            var (f2, _) = Cases.Problem(problem);
            int n = x0.Length;
            var (pr, pxs, _) = Fixtures.RunRecorded(Cases.Minimizer(n, kind, baseVariant, 1.0), f1, x0);
            var (ad, axs, _) = Fixtures.RunRecorded(Minimizer.Create(Method.Adagrad, new AdagradOptions { MaxIterations = Cases.Iterations, IterateEvery = 1 }), f2, x0);
            Assert.Equal(ad.Iterations, pr.Iterations);
            for (int k = 0; k < axs.Count; k++) Cases.AssertBitwise(axs[k], pxs[k], $"{problem}: x_{k}");
            Cases.AssertBitwise(ad.Solution.ToArray(), pr.Solution.ToArray(), $"{problem}: x_K");
            Cases.AssertBitwise(ad.Trace.GradientNorm.ToArray(), pr.Trace.GradientNorm.ToArray(), $"{problem}: ‖g_k‖");
            // With T = n every component is relevant: |O_k| = n, A_k = D_k = ∅.
            Assert.All(pr.Trace.Optimisable!, o => Assert.Equal(n, o));
            Assert.All(pr.Trace.Acceptable!, a => Assert.Equal(0, a));
            Assert.All(pr.Trace.Decreasable!, d => Assert.Equal(0, d));
        }
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(0.3)]
    public void Adagrad_follows_the_reference_Adagrad_bitwise(double eta)
    {
        // w_i = sqrt(ς² + Σ_j g_{i,j}²), s = −η g / w (docs/algorithm.md, B1).
        var (fRef, x0) = Cases.Problem("ls-20x40");
        var reference = new ReferencePrunAdag(ReferencePrunAdag.Kind.Adagrad, 40, 0.01, eta).Run(fRef, x0, Cases.Iterations);
        var (fLib, _) = Cases.Problem("ls-20x40");
        var (result, xs, gs) = Fixtures.RunRecorded(
            Minimizer.Create(Method.Adagrad, new AdagradOptions { StepScale = eta, MaxIterations = Cases.Iterations }), fLib, x0);
        Assert.Equal(reference.Steps.Count, result.Iterations);
        for (int k = 0; k < xs.Count; k++)
        {
            Cases.AssertBitwise(reference.Steps[k].X, xs[k], $"x_{k}");
            Cases.AssertBitwise(reference.Steps[k].G, gs[k], $"g_{k}");
        }
        Cases.AssertBitwise(reference.FinalX, result.Solution.ToArray(), "x_K");
        Assert.False(result.Trace.HasClassification);
        Assert.Equal(40, result.TargetRelevant);
    }

    [Fact]
    public void Adagrad_first_step_matches_the_formula_by_hand()
    {
        // f = ½‖x − c‖², c = (1, −2), x0 = 0: g_0 = x0 − c = (−1, 2); ς = 0.75 so w_0 = sqrt(0.5625 + g²) = (1.25, sqrt(4.5625)).
        // x_1 = x0 − g/w = (1/1.25, −2/sqrt(4.5625)) = (0.8, −0.93633...).
        var f = Objective.Create(2, (x, g) => { g[0] = x[0] - 1; g[1] = x[1] + 2; });
        var r = Minimizer.Create(Method.Adagrad, new AdagradOptions { Sigma0 = 0.75, MaxIterations = 1 }).Minimize(f, Vector<double>.Build.Dense(2));
        Assert.Equal(0.8, r.Solution[0], 1e-15);
        Assert.Equal(-2 / Math.Sqrt(4.5625), r.Solution[1], 1e-15);
    }
}
