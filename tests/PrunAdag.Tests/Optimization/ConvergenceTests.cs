using MathNet.Numerics.LinearAlgebra;

namespace PrunAdag.Tests.Optimization;

/// <summary>The stopping test ‖g_k‖ ≤ 1e-9 is reached on a small well-conditioned least-squares problem.</summary>
public class ConvergenceTests
{
    // V2/V4 are left out on purpose: their lower bound a_i = |x_i|/(k+1) does not scale with the
    // gradient, so near the solution every irrelevant component becomes decreasable and the run
    // follows the sublinear O(log k/√k) rate of Theorem 2.3 (‖g‖ ≈ 1e-5 after 2·10⁵ steps here).
    [Theory]
    [InlineData("v1")] [InlineData("v3")] [InlineData("relevant-only")] [InlineData("adagrad")]
    public void Gradient_reaches_1e9_on_a_well_conditioned_least_squares_problem(string name)
    {
        var method = Method.Parse(name);
        var rng = new Random(3);
        var a = Matrix<double>.Build.Dense(8, 6, (i, j) => (i == j ? 2.0 : 0.0) + 0.1 * (rng.NextDouble() - 0.5));
        var b = Vector<double>.Build.Dense(8, i => Math.Sin(i + 1));
        var f = Objective.LeastSquares(a, b);
        var x0 = Vector<double>.Build.Dense(6, i => i == 0 ? 1.0 : 0.0);
        var result = Minimizer.Create(method, Options.For(method, t: 2) with { MaxIterations = 200_000 }).Minimize(f, x0);
        Assert.True(result.StopReason == StopReason.Converged, result.ToString());
        Assert.True(result.FinalGradientNorm <= 1e-9);
        Assert.Equal(result.Iterations + 1, result.Trace.GradientNorm.Count);
        // The reported norm is the true gradient norm at the solution, and the solution is the least-squares one.
        Assert.Equal(f.Gradient(result.Solution).L2Norm(), result.FinalGradientNorm, 1e-14 * result.FinalGradientNorm);
        var xStar = a.Solve(b); // QR least squares (A has full column rank)
        Assert.True((result.Solution - xStar).L2Norm() <= 1e-8, $"‖x − x*‖ = {(result.Solution - xStar).L2Norm()}");
    }
}
