using MathNet.Numerics.LinearAlgebra;

namespace PrunAdag.Tests.Objectives;

/// <summary><see cref="Objective.FromValue"/>: central differences of f stand in for the gradient, and results say so.</summary>
public class ValueOnlyObjectiveTests
{
    // f(x) = Σ_i (i+1)(x_i − 1)² + x_0 x_1, so ∂f/∂x_i = 2(i+1)(x_i − 1) + [i = 0] x_1 + [i = 1] x_0 (worked by hand).
    private static double F(double[] x)
    {
        double s = x[0] * x[1];
        for (int i = 0; i < x.Length; i++) s += (i + 1) * (x[i] - 1) * (x[i] - 1);
        return s;
    }

    [Fact]
    public void The_gradient_agrees_with_the_analytic_one_to_central_difference_accuracy_using_2n_values()
    {
        int calls = 0;
        var f = Objective.FromValue(4, x => { calls++; return F(x); });
        double[] x = [0.3, -1.2, 2.0, 0.7];
        var g = f.Gradient(Vector<double>.Build.Dense(x));
        double[] expected = [2 * (x[0] - 1) + x[1], 4 * (x[1] - 1) + x[0], 6 * (x[2] - 1), 8 * (x[3] - 1)];
        for (int i = 0; i < 4; i++) Assert.True(Math.Abs(g[i] - expected[i]) <= 1e-8 * (1 + Math.Abs(expected[i])), $"g[{i}] = {g[i]}, expected {expected[i]}");
        Assert.Equal(2 * 4, calls);
        Assert.Equal(GradientKind.CentralDifferences, f.GradientKind);
        Assert.Equal(F(x), f.Value(Vector<double>.Build.Dense(x)));
    }

    [Fact]
    public void A_run_on_it_converges_and_is_flagged()
    {
        var f = Objective.FromValue(4, F, "quadratic");
        var r = Minimizer.Create(Method.V3, new PrunAdagOptions { TargetRelevant = 2, MaxIterations = 3000, GradientTolerance = 1e-6 })
            .Minimize(f, Vector<double>.Build.Dense(4));
        Assert.Equal(GradientKind.CentralDifferences, r.GradientKind);
        Assert.Contains("gradient: central differences", r.ToString());
        Assert.Equal(GradientKind.Supplied, Minimizer.Create(Method.V3).Minimize(Objective.Create(1, (x, g) => x.CopyTo(g)), Vector<double>.Build.Dense(1)).GradientKind);
    }
}
