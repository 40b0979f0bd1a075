namespace PrunAdag.Interactive.Tests;

/// <summary>C# snippets a notebook user would type (the extension.dib's usings are in scope).</summary>
internal static class Snippets
{
    /// <summary>A 40×80 least-squares objective f and a start x0, defined in the kernel.</summary>
    public const string Problem = """
        var rng = new System.Random(3);
        var A = Matrix<double>.Build.Dense(40, 80, (i, j) => rng.NextDouble() - 0.5);
        var xs = Vector<double>.Build.Dense(80, i => i % 8 == 0 ? 1.0 : 0.0);
        var f = Objective.LeastSquares(A, A * xs);
        var x0 = Vector<double>.Build.Dense(80, i => 0.1 * ((i % 5) - 2));
        MinimizationResult Run(Method m, int iters) =>
            Minimizer.Create(m, m.DefaultOptions.WithTargetRelevant(8) with { MaxIterations = iters, GradientTolerance = 0 }).Minimize(f, x0);
        """;
}
