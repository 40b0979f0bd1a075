using MathNet.Numerics.LinearAlgebra;
using PrunAdag.Tests.Reference;

namespace PrunAdag.Tests.Objectives;

/// <summary>The logistic loss f(x) = (1/N) Σ log(1 + exp(−z_i y_iᵀx)) (docs/algorithm.md, E4 and C9).</summary>
public class LogisticObjectiveTests
{
    // Samples y_1 = (1, 0), y_2 = (0, 2), y_3 = (2, 0); labels z = (+1, −1, −1); x = (ln 3, ln 2).
    // Margins −z_i y_iᵀx: −ln 3, +2 ln 2 = ln 4, +2 ln 3 = ln 9.
    // f = (log(1 + 1/3) + log(1 + 4) + log(1 + 9))/3 = (log(4/3) + log 5 + log 10)/3 = log(200/3)/3.
    // ∇f = (1/N) Σ −z_i y_i σ(−z_i y_iᵀx), σ(t) = 1/(1 + e^{−t}): σ(−ln 3) = 1/4, σ(ln 4) = 4/5, σ(ln 9) = 9/10;
    //   terms −(1,0)/4, +(0,2)·4/5, +(2,0)·9/10 → sum (1.55, 1.6), ∇f = (1.55/3, 1.6/3).
    private static readonly Matrix<double> Y = Matrix<double>.Build.DenseOfRowArrays([1.0, 0], [0.0, 2], [2.0, 0]);
    private static readonly Vector<double> Z = Vector<double>.Build.Dense([1.0, -1, -1]);
    private static readonly Vector<double> X = Vector<double>.Build.Dense([Math.Log(3), Math.Log(2)]);

    [Fact]
    public void Value_matches_the_hand_computation()
    {
        Assert.Equal(Math.Log(200.0 / 3) / 3, Objective.Logistic(Y, Z).Value(X), 1e-15);
    }

    [Fact]
    public void Gradient_matches_the_hand_computation()
    {
        var g = Objective.Logistic(Y, Z).Gradient(X);
        Assert.Equal(1.55 / 3, g[0], 1e-15);
        Assert.Equal(1.6 / 3, g[1], 1e-15);
    }

    [Fact]
    public void Gradient_matches_finite_differences_on_random_data()
    {
        var rng = new Random(17);
        var features = Matrix<double>.Build.Dense(25, 6, (_, _) => rng.NextDouble());
        var labels = Vector<double>.Build.Dense(25, _ => rng.Next(2) == 0 ? -1.0 : 1.0);
        var f = Objective.Logistic(features, labels);
        foreach (double scale in new[] { 0.1, 1.0, 5.0 })
        {
            var x = Vector<double>.Build.Dense(6, _ => scale * Fixtures.Gaussian(rng));
            var report = GradientChecker.Check(f, x, tolerance: 1e-6);
            Assert.True(report.Passed, report.ToString());
        }
    }

    [Fact]
    public void Value_and_gradient_stay_finite_for_huge_margins()
    {
        var f = Objective.Logistic(Y, Z);
        var big = Vector<double>.Build.Dense([1000.0, -1000.0]);
        // Margins −z yᵀx: −1000, −4000, 2000 → f ≈ (0 + 0 + 2000)/3, σ's = (0, 0, 1): ∇f ≈ (2/3·1, 0).
        Assert.Equal(2000.0 / 3, f.Value(big), 1e-10);
        var g = f.Gradient(big);
        Assert.Equal(2.0 / 3, g[0], 1e-15);
        Assert.Equal(0.0, g[1], 1e-15);
    }

    [Fact]
    public void Accuracy_matches_a_hand_example()
    {
        // x = (1, −1): scores 1, −1, 0, −2 → predicted +1, −1, −1 (a zero score predicts −1, the paper's class 0), −1.
        // Labels +1, +1, +1, −1 → rows 0 and 3 correct: 2 of 4.
        var features = Matrix<double>.Build.DenseOfRowArrays([1.0, 0], [0.0, 1], [1.0, 1], [0.0, 2]);
        var labels = Vector<double>.Build.Dense([1.0, 1, 1, -1]);
        Assert.Equal(0.5, LogisticObjective.Accuracy(Vector<double>.Build.Dense([1.0, -1]), features, labels));
    }

    [Fact]
    public void Labels_other_than_plus_minus_one_are_rejected()
    {
        var ex = Assert.Throws<ArgumentException>(() => Objective.Logistic(Y, Vector<double>.Build.Dense([1.0, 0, -1])));
        Assert.Equal("labels", ex.ParamName);
        Assert.Contains("labels[1]", ex.Message);
    }
}
