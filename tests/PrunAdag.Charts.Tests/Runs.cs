using MathNet.Numerics.LinearAlgebra;

namespace PrunAdag.Charts.Tests;

/// <summary>Small deterministic runs to chart (a 30×60 least-squares problem).</summary>
internal static class Runs
{
    public static Objective Objective { get; } = Build();

    private static Objective Build()
    {
        var rng = new Random(7);
        var a = Matrix<double>.Build.Dense(30, 60, (_, _) => rng.NextDouble() - 0.5);
        var xs = Vector<double>.Build.Dense(60, i => i % 6 == 0 ? 1.0 : 0.0);
        return PrunAdag.Objective.LeastSquares(a, a * xs);
    }

    public static Vector<double> X0 => Vector<double>.Build.Dense(60, i => 0.1 * ((i % 5) - 2));

    public static MinimizationResult Run(Method method, int maxIterations, double gtol = 0) =>
        Minimizer.Create(method, method.DefaultOptions.WithTargetRelevant(10) with { MaxIterations = maxIterations, GradientTolerance = gtol })
            .Minimize(Objective, X0);
}
