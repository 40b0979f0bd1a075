using MathNet.Numerics.LinearAlgebra;
using PrunAdag.Tests.Reference;

namespace PrunAdag.Tests.Optimization;

/// <summary>A throwing callback or progress receiver is treated like a throwing gradient: the exception names the iteration and keeps the partial result.</summary>
public class CallbackExceptionTests
{
    [Fact]
    public void A_throwing_callback_names_the_iteration_and_keeps_the_result_up_to_that_iterate()
    {
        var (f, x0) = Cases.Problem("ls-10x12");
        var minimizer = Minimizer.Create(Method.V3, new PrunAdagOptions { TargetRelevant = 3, MaxIterations = 50 });
        var ex = Assert.Throws<CallbackException>(() => minimizer.Minimize(f, Vector<double>.Build.Dense(x0),
            s => s.Iteration < 7 ? true : throw new InvalidOperationException("user bug")));
        Assert.Equal(7, ex.Iteration);
        Assert.Contains("iteration callback threw at iteration k = 7: user bug", ex.Message);
        Assert.IsType<InvalidOperationException>(ex.InnerException);
        var partial = ex.PartialResult;
        Assert.Equal(StopReason.CallbackError, partial.StopReason);
        Assert.Equal(7, partial.Iterations);
        Assert.Equal(8, partial.Trace.GradientNorm.Count); // x_0..x_7
        // The partial solution is x_7 of an uninterrupted run.
        var (f2, _) = Cases.Problem("ls-10x12");
        var seven = Minimizer.Create(Method.V3, new PrunAdagOptions { TargetRelevant = 3, MaxIterations = 7 }).Minimize(f2, Vector<double>.Build.Dense(x0));
        Cases.AssertBitwise(seven.Solution.ToArray(), partial.Solution.ToArray(), "x_7");
    }

    [Fact]
    public void A_throwing_progress_receiver_names_the_iteration_and_keeps_the_partial_result()
    {
        var (f, x0) = Cases.Problem("ls-10x12");
        var minimizer = Minimizer.Create(Method.Adagrad, new AdagradOptions { MaxIterations = 50, ProgressInterval = TimeSpan.Zero });
        var ex = Assert.Throws<CallbackException>(() => minimizer.Minimize(f, Vector<double>.Build.Dense(x0),
            progress: new Throwing(after: 4)));
        Assert.Equal(4, ex.Iteration);
        Assert.Contains("progress receiver threw at iteration k = 4", ex.Message);
        Assert.Equal(StopReason.CallbackError, ex.PartialResult.StopReason);
        Assert.Equal(4, ex.PartialResult.Iterations);
    }

    [Fact]
    public void The_objectives_exception_and_the_callbacks_share_one_base_type()
    {
        var f = Objective.Create(2, (x, g) => throw new ArithmeticException("broken"));
        var ex = Assert.Throws<ObjectiveEvaluationException>(() => Minimizer.Create(Method.V1).Minimize(f, Vector<double>.Build.Dense(2)));
        MinimizationException common = ex;
        Assert.Equal(0, common.Iteration);
        Assert.Equal(StopReason.ObjectiveError, common.PartialResult.StopReason);
    }

    private sealed class Throwing(int after) : IProgress<IterationProgress>
    {
        public void Report(IterationProgress value)
        {
            if (value.Iteration >= after) throw new IOException("display gone");
        }
    }
}
