using MathNet.Numerics.LinearAlgebra;
using PrunAdag.Tests.Reference;

namespace PrunAdag.Tests.Optimization;

/// <summary>The same call twice gives bitwise-identical results (COMMON.md: determinism).</summary>
public class DeterminismTests
{
    [Theory]
    [InlineData(Method.V1)] [InlineData(Method.V2)] [InlineData(Method.V3)] [InlineData(Method.V4)]
    [InlineData(Method.RelevantOnly)] [InlineData(Method.Adagrad)] [InlineData(Method.FW1)] [InlineData(Method.FW2)]
    public void The_same_call_twice_is_bitwise_identical(Method method)
    {
        MinimizationResult Once()
        {
            var f = Fixtures.RandomLeastSquares(30, 60, 9);
            var x0 = Vector<double>.Build.Dense(Fixtures.RandomStart(60, 9));
            return Minimizer.Create(method, new MethodSettings { TargetRelevant = 6, MaxIterations = 200, Tau = 5, RecordObjective = true })
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
        var m = new PrunAdagMinimizer(new PrunAdagOptions { TargetRelevant = 6, MaxIterations = 100 });
        var a = m.Minimize(f, x0);
        var b = m.Minimize(f, x0);
        Cases.AssertBitwise(a.Solution.ToArray(), b.Solution.ToArray(), "solution");
        Assert.Equal(Fixtures.RandomStart(60, 9), x0.ToArray()); // x0 is not modified
    }
}
