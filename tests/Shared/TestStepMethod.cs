using System.Runtime.CompilerServices;

namespace PrunAdag.Tests.Shared;

/// <summary>Options of the test-only method: the one parameter it adds to the shared stopping options.</summary>
public sealed record TestStepOptions : MinimizerOptions
{
    /// <summary>The step length c of x ← x − c·g.</summary>
    [Parameter("shrink", "The step length c of x ← x − c·g.", Min = 0, Max = 1, MinExclusive = true)]
    public double Shrink { get; init => field = Check(value); } = 0.5;
}

/// <summary>
/// A method that exists only in the test projects, registered once for the whole test assembly: it proves that one
/// <see cref="Method.Register{TOptions}"/> call is all a new method needs to appear on the command line, in the
/// magic command, in result files, in the experiment runner and in the reports.
/// </summary>
public static class TestStepMethod
{
    /// <summary>The registered method ("test-step", shown as "TestStep").</summary>
    public static Method Method { get; private set; } = null!;

    [ModuleInitializer]
    internal static void Register() =>
        Method ??= PrunAdag.Method.Register<TestStepOptions>("test-step", "TestStep", "Test only: x ← x − c·g.",
            (o, layout) => new Kernel(layout.Dimension, o.Shrink));

    private sealed class Kernel(int n, double shrink) : StepKernel(n, n)
    {
        public override StepCounts Step(int k, Span<double> x, ReadOnlySpan<double> g, double delta)
        {
            int below = 0;
            for (int i = 0; i < x.Length; i++)
            {
                x[i] -= shrink * g[i];
                if (Math.Abs(x[i]) < delta) below++;
            }
            return new StepCounts(0, 0, 0, below);
        }
    }
}
