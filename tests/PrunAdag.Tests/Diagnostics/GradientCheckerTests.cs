using MathNet.Numerics.LinearAlgebra;

namespace PrunAdag.Tests.Diagnostics;

/// <summary>GradientChecker flags exactly the wrong components.</summary>
public class GradientCheckerTests
{
    // f(x) = Σ (i+1) sin(x_i) + x_0 x_1, ∂f/∂x_i = (i+1) cos(x_i) + [i = 0] x_1 + [i = 1] x_0.
    private static double Value(ReadOnlySpan<double> x)
    {
        double s = x[0] * x[1];
        for (int i = 0; i < x.Length; i++) s += (i + 1) * Math.Sin(x[i]);
        return s;
    }

    private static Objective WithGradient(int wrong) => Objective.Create(5, (x, g) =>
    {
        for (int i = 0; i < x.Length; i++) g[i] = (i + 1) * Math.Cos(x[i]);
        g[0] += x[1]; g[1] += x[0];
        if (wrong >= 0) g[wrong] *= 1.01; // a 1% error in one component
    }, Value, "sines");

    private static readonly Vector<double> X = Vector<double>.Build.Dense([0.3, -1.2, 2.0, 0.7, -0.4]);

    [Theory]
    [InlineData(double.PositiveInfinity)] [InlineData(double.NaN)] [InlineData(0.0)] [InlineData(-1e-5)] [InlineData(double.NegativeInfinity)]
    public void A_tolerance_that_is_not_finite_and_positive_is_rejected_naming_it(double tolerance)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => GradientChecker.Check(WithGradient(-1), X, tolerance));
        Assert.Equal("tolerance", ex.ParamName);
        Assert.Contains("finite and > 0", ex.Message);
    }

    [Theory]
    [InlineData(double.NaN)] [InlineData(double.PositiveInfinity)] [InlineData(double.NegativeInfinity)]
    public void An_x_with_a_non_finite_entry_is_rejected_naming_x_and_the_index(double bad)
    {
        var x = X.Clone();
        x[3] = bad;
        var ex = Assert.Throws<ArgumentException>(() => GradientChecker.Check(WithGradient(-1), x));
        Assert.Equal("x", ex.ParamName);
        Assert.Contains("x[3]", ex.Message);
    }

    [Fact]
    public void A_correct_gradient_passes()
    {
        var report = GradientChecker.Check(WithGradient(-1), X);
        Assert.True(report.Passed, report.ToString());
        Assert.Empty(report.Flagged);
        Assert.Equal(5, report.Components.Count);
        Assert.True(report.MaxError < 1e-8);
    }

    [Theory]
    [InlineData(0)] [InlineData(2)] [InlineData(4)]
    public void A_deliberately_wrong_component_and_only_it_is_flagged(int wrong)
    {
        var report = GradientChecker.Check(WithGradient(wrong), X);
        Assert.False(report.Passed);
        Assert.Equal([wrong], report.Flagged.Select(c => c.Index).ToArray());
        Assert.Contains($"[{wrong}]", report.ToString());
    }

    [Fact]
    public void A_subset_of_components_can_be_checked()
    {
        var report = GradientChecker.Check(WithGradient(2), X, components: [0, 1]);
        Assert.True(report.Passed);
        Assert.Equal([0, 1], report.Components.Select(c => c.Index).ToArray());
    }

    [Fact]
    public void A_gradient_only_objective_cannot_be_checked()
    {
        var f = Objective.Create(5, (x, g) => g.Clear());
        var ex = Assert.Throws<ArgumentException>(() => GradientChecker.Check(f, X));
        Assert.Equal("objective", ex.ParamName);
    }
}
