using MathNet.Numerics.LinearAlgebra;
using PrunAdag.Tests.Reference;

namespace PrunAdag.Tests.Optimization;

/// <summary>Every bad option throws an ArgumentOutOfRangeException naming the field; bad x0 / T names the argument.</summary>
public class OptionsValidationTests
{
    private static void AssertNames(string field, Action set)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(set);
        Assert.Equal(field, ex.ParamName);
        Assert.Contains(field, ex.Message);
    }

    [Theory]
    [InlineData(0)] [InlineData(-3)]
    public void TargetRelevant_below_one_is_rejected(int t)
    {
        AssertNames("TargetRelevant", () => _ = new PrunAdagOptions { TargetRelevant = t });
        AssertNames("TargetRelevant", () => _ = new FrankWolfeOptions { TargetRelevant = t });
    }

    [Theory]
    [InlineData(0.0)] [InlineData(1.0)] [InlineData(-0.5)] [InlineData(1.5)] [InlineData(double.NaN)] [InlineData(double.PositiveInfinity)]
    public void Sigma0_outside_the_open_unit_interval_is_rejected(double s)
    {
        AssertNames("Sigma0", () => _ = new PrunAdagOptions { Sigma0 = s });
        AssertNames("Sigma0", () => _ = new AdagradOptions { Sigma0 = s });
        AssertNames("Sigma0", () => _ = new RelevantOnlyOptions { Sigma0 = s });
    }

    [Theory]
    [InlineData(0.0)] [InlineData(-1.0)] [InlineData(double.NaN)] [InlineData(double.PositiveInfinity)]
    public void StepScale_not_positive_and_finite_is_rejected(double eta)
    {
        AssertNames("StepScale", () => _ = new PrunAdagOptions { StepScale = eta });
        AssertNames("StepScale", () => _ = new AdagradOptions { StepScale = eta });
    }

    [Theory]
    [InlineData(0.0)] [InlineData(-2.0)] [InlineData(double.NaN)] [InlineData(double.PositiveInfinity)]
    public void Tau_not_positive_is_rejected(double tau)
    {
        AssertNames("Tau", () => _ = new FrankWolfeOptions { Tau = tau });
    }

    [Theory]
    [InlineData(0.0)] [InlineData(1.0)] [InlineData(-0.1)] [InlineData(double.NaN)]
    public void Beta_outside_the_open_unit_interval_is_rejected(double beta) =>
        AssertNames("Beta", () => _ = new FrankWolfeOptions { Beta = beta });

    [Fact]
    public void MaxIterations_below_zero_is_rejected()
    {
        AssertNames("MaxIterations", () => _ = new PrunAdagOptions { MaxIterations = -1 });
        AssertNames("MaxIterations", () => _ = Method.Adagrad.DefaultOptions with { MaxIterations = -1 });
    }

    [Theory]
    [InlineData(0.0)] [InlineData(-1e-3)] [InlineData(double.NaN)] [InlineData(double.PositiveInfinity)]
    public void Delta_not_positive_and_finite_is_rejected(double delta) =>
        AssertNames("Delta", () => _ = new PrunAdagOptions { Delta = delta });

    [Theory]
    [InlineData(-1e-9)] [InlineData(double.NaN)] [InlineData(double.PositiveInfinity)]
    public void GradientTolerance_negative_or_not_finite_is_rejected(double gtol) =>
        AssertNames("GradientTolerance", () => _ = new AdagradOptions { GradientTolerance = gtol });

    [Fact]
    public void Boundary_values_that_the_spec_allows_are_accepted()
    {
        _ = new PrunAdagOptions { TargetRelevant = 1, MaxIterations = 0, GradientTolerance = 0, Sigma0 = 1e-12, StepScale = 1e-12 };
        _ = new FrankWolfeOptions { Beta = 0.999, Tau = 1e-9 };
    }

    [Fact]
    public void T_larger_than_n_at_Minimize_time_throws_naming_TargetRelevant()
    {
        var f = Fixtures.RandomLeastSquares(4, 5, 1);
        foreach (var m in new[] { Method.V1, Method.RelevantOnly, Method.FW1, Method.FW2 })
        {
            var ex = Assert.Throws<ArgumentOutOfRangeException>(() =>
                Minimizer.Create(m, Options.For(m, t: 6)).Minimize(f, Vector<double>.Build.Dense(5)));
            Assert.Equal("TargetRelevant", ex.ParamName);
        }
    }

    [Fact]
    public void X0_of_the_wrong_length_throws_naming_x0()
    {
        var f = Fixtures.RandomLeastSquares(4, 5, 1);
        var ex = Assert.Throws<ArgumentException>(() => Minimizer.Create(Method.V3).Minimize(f, Vector<double>.Build.Dense(4)));
        Assert.Equal("x0", ex.ParamName);
    }

    [Theory]
    [InlineData(double.NaN)] [InlineData(double.PositiveInfinity)] [InlineData(double.NegativeInfinity)]
    public void X0_with_a_non_finite_entry_throws_naming_x0(double bad)
    {
        var f = Fixtures.RandomLeastSquares(4, 5, 1);
        var x0 = Vector<double>.Build.Dense(5); x0[3] = bad;
        var ex = Assert.Throws<ArgumentException>(() => Minimizer.Create(Method.Adagrad).Minimize(f, x0));
        Assert.Equal("x0", ex.ParamName);
        Assert.Contains("x0[3]", ex.Message);
    }

    [Fact]
    public void Undefined_enum_values_are_rejected()
    {
        AssertNames("BaseVariant", () => _ = new RelevantOnlyOptions { BaseVariant = (Variant)0 });
        AssertNames("BaseVariant", () => _ = new RelevantOnlyOptions { BaseVariant = (Variant)5 });
        AssertNames("IterateEvery", () => _ = new PrunAdagOptions { IterateEvery = -1 });
        AssertNames("TimeLimit", () => _ = new PrunAdagOptions { TimeLimit = TimeSpan.Zero });
    }

    [Fact]
    public void Defaults_are_the_papers_settings()
    {
        // Spec: ς = 0.01, η = 1, gtol = 1e-9, maxIter = 10⁴, δ = 1e-3, relevant-only base V3, β = 0.001, T = max(1, ⌊n/10⌋).
        var p = new PrunAdagOptions();
        Assert.Equal((0.01, 1.0, 1e-9, 10_000, 1e-3), (p.Sigma0, p.StepScale, p.GradientTolerance, p.MaxIterations, p.Delta));
        Assert.Null(p.TargetRelevant);
        Assert.Equal(Variant.V3, new RelevantOnlyOptions().BaseVariant);
        var a = new AdagradOptions();
        Assert.Equal((0.01, 1.0), (a.Sigma0, a.StepScale));
        var fw = new FrankWolfeOptions();
        Assert.Equal(0.001, fw.Beta);
        Assert.Null(fw.Tau);
        // Every registered method's DefaultOptions are its options record's defaults.
        Assert.All(Method.All, m => Assert.Equal(Activator.CreateInstance(m.OptionsType), m.DefaultOptions));
    }
}
