using MathNet.Numerics.LinearAlgebra;
using PrunAdag.Tests.Reference;

namespace PrunAdag.Tests.Optimization;

/// <summary>The same call twice gives bitwise-identical results (COMMON.md: determinism).</summary>
public class DeterminismTests
{
    [Theory]
    [InlineData("v1")] [InlineData("v2")] [InlineData("v3")] [InlineData("v4")]
    [InlineData("relevant-only")] [InlineData("adagrad")] [InlineData("fw1")] [InlineData("fw2")]
    public void The_same_call_twice_is_bitwise_identical(string name)
    {
        var method = Method.Parse(name);
        MinimizationResult Once()
        {
            var f = Fixtures.RandomLeastSquares(30, 60, 9);
            var x0 = Vector<double>.Build.Dense(Fixtures.RandomStart(60, 9));
            return Minimizer.Create(method, Options.For(method, t: 6, tau: 5) with { MaxIterations = 200, RecordObjective = true })
                .Minimize(f, x0);
        }
        var a = Once();
        var b = Once();
        Assert.Equal(a.Iterations, b.Iterations);
        Assert.Equal(a.StopReason, b.StopReason);
        Cases.AssertBitwise(a.Solution.ToArray(), b.Solution.ToArray(), "solution");
        Cases.AssertBitwise(a.Trace.GradientNorm.ToArray(), b.Trace.GradientNorm.ToArray(), "‖g_k‖");
        Cases.AssertBitwise(a.Trace.BelowDelta.ToArray(), b.Trace.BelowDelta.ToArray(), "below δ");
        Cases.AssertBitwise(a.Trace.Value!.ToArray(), b.Trace.Value!.ToArray(), "f(x_k)");
        Assert.Equal(a.Trace.Optimisable, b.Trace.Optimisable);
        Assert.Equal(a.Trace.Acceptable, b.Trace.Acceptable);
        Assert.Equal(a.Trace.Decreasable, b.Trace.Decreasable);
    }

    [Fact]
    public void Reusing_one_minimizer_and_one_objective_gives_the_same_result()
    {
        // The minimizer keeps no state between runs (the kernel's weights are per run).
        var f = Fixtures.RandomLeastSquares(30, 60, 9);
        var x0 = Vector<double>.Build.Dense(Fixtures.RandomStart(60, 9));
        var m = Minimizer.Create(Method.V3, new PrunAdagOptions { TargetRelevant = 6, MaxIterations = 100 });
        var a = m.Minimize(f, x0);
        var b = m.Minimize(f, x0);
        Cases.AssertBitwise(a.Solution.ToArray(), b.Solution.ToArray(), "solution");
        Assert.Equal(Fixtures.RandomStart(60, 9), x0.ToArray()); // x0 is not modified
    }
}
