using MathNet.Numerics.LinearAlgebra;
using PrunAdag.Tests.Reference;

namespace PrunAdag.Tests.Optimization;

/// <summary>
/// The library's prunAdag follows the independent reference implementation of Algorithm 2.1 bitwise: the iterates
/// seen by the callback and kept by IterateEvery = 1, the gradients, the set sizes and the below-δ fractions.
/// </summary>
public class ReferenceAgreementTests
{
    public static IEnumerable<object[]> Grid() => Cases.Grid();

    [Theory]
    [MemberData(nameof(Grid))]
    public void Library_trajectory_is_bitwise_the_reference_trajectory(string problem, int t, ReferencePrunAdag.Kind kind, Variant baseVariant, double eta)
    {
        var (fRef, x0) = Cases.Problem(problem);
        var reference = new ReferencePrunAdag(kind, t, 0.01, eta, baseVariant).Run(fRef, x0, Cases.Iterations);
        var (fLib, _) = Cases.Problem(problem);
        var (result, xs, gs) = Fixtures.RunRecorded(Cases.Minimizer(t, kind, baseVariant, eta), fLib, x0);

        int steps = reference.Steps.Count;
        Assert.Equal(steps, result.Iterations);
        Assert.Equal(reference.Converged ? StopReason.Converged : StopReason.IterationLimit, result.StopReason);
        Assert.Equal(steps, xs.Count);
        int n = x0.Length;
        var trace = result.Trace;
        Assert.Equal(steps + 1, trace.Iterates.Count);
        for (int k = 0; k < steps; k++)
        {
            var st = reference.Steps[k];
            Cases.AssertBitwise(st.X, xs[k], $"x_{k} (callback)");
            Cases.AssertBitwise(st.G, gs[k], $"g_{k} (callback)");
            Assert.Equal(k, trace.Iterates[k].Iteration);
            Cases.AssertBitwise(st.X, trace.Iterates[k].X.ToArray(), $"x_{k} (IterateEvery = 1)");
            Assert.Equal(st.CountO, trace.Optimisable![k]);
            Assert.Equal(st.CountA, trace.Acceptable![k]);
            Assert.Equal(st.CountD, trace.Decreasable![k]);
            Cases.AssertBitwise(FixedOrderReference.Norm(st.G), trace.GradientNorm[k], $"‖g_{k}‖");
            double naive = Math.Sqrt(st.G.Sum(v => v * v));
            Assert.True(Math.Abs(trace.GradientNorm[k] - naive) <= 1e-14 * naive, $"‖g_{k}‖ is not the Euclidean norm");
            int below = k == 0 ? x0.Count(v => Math.Abs(v) < 1e-3) : reference.Steps[k - 1].BelowDeltaAfter;
            Assert.Equal((double)below / n, trace.BelowDelta[k]);
        }
        Cases.AssertBitwise(reference.FinalX, result.Solution.ToArray(), "x_K (Solution)");
        Cases.AssertBitwise(reference.FinalX, trace.Iterates[steps].X.ToArray(), "x_K (IterateEvery = 1)");
        Cases.AssertBitwise(FixedOrderReference.Norm(reference.FinalG), result.FinalGradientNorm, "‖g_K‖");
        int belowK = steps == 0 ? x0.Count(v => Math.Abs(v) < 1e-3) : reference.Steps[^1].BelowDeltaAfter;
        Assert.Equal((double)belowK / n, trace.BelowDelta[steps]);
    }

    [Theory]
    [InlineData("v1")] [InlineData("v2")] [InlineData("v3")] [InlineData("v4")] [InlineData("relevant-only")]
    public void Minimizer_Create_runs_the_same_algorithm_as_the_reference(string name)
    {
        var method = Method.Parse(name);
        // The factory path (method + options record) must configure the same algorithm: default base V3 for relevant-only.
        var kind = name switch
        {
            "v1" => ReferencePrunAdag.Kind.V1, "v2" => ReferencePrunAdag.Kind.V2, "v3" => ReferencePrunAdag.Kind.V3,
            "v4" => ReferencePrunAdag.Kind.V4, _ => ReferencePrunAdag.Kind.RelevantOnly,
        };
        var (fRef, x0) = Cases.Problem("ls-20x40");
        var reference = new ReferencePrunAdag(kind, 4, 0.05, 1.0, Variant.V3).Run(fRef, x0, 30);
        var (fLib, _) = Cases.Problem("ls-20x40");
        var result = Minimizer.Create(method, (AdagradOptions)Options.For(method, t: 4) with { Sigma0 = 0.05, MaxIterations = 30 })
            .Minimize(fLib, Vector<double>.Build.Dense(x0));
        Assert.Equal(method, result.Method);
        Cases.AssertBitwise(reference.FinalX, result.Solution.ToArray(), "x_30");
    }
}
