using MathNet.Numerics.LinearAlgebra;
using PrunAdag.Tests.Reference;

namespace PrunAdag.Tests.Optimization;

/// <summary>
/// Regression (fixed in PrunAdagKernel.RobustNorm; found by the reference comparison):
/// ‖x‖_S is computed as sqrt(Σ x_i²), and when every x_i of S_k is below ~1e-162 the sum of squares underflows to 0.
/// The library used to take ratio = 0 (its "S_k empty" guard), so a_i = 0 for V1/V3, although ‖x‖_S is a representable
/// positive number and Table 1's a_i (docs/algorithm.md, C4/C5) is an ordinary finite value. The same happened on overflow (|x_i| ≳ 1e154
/// makes Σ x_i² = ∞). The norm is now recomputed scaled in those cases.
/// </summary>
public class NormUnderflowTests
{
    // n = 2, T = 1, ς = 0.01, x_0 = (1, 1e-170), g_0 = (1, 0.5).
    // R_0 = {0}; S_0 = {1} (x_1 > 0, g_1 > 0). ‖g‖_R = 1, ‖x‖_S = 1e-170, so a_1 = 1e-170/1 · 1/1e-170 = 1.
    // ŵO_1 = sqrt(1e-4 + 0.25) ≈ 0.50010, q_1 = 0.5/ŵO_1 ≈ 0.99980 < a_1 = 1: rejected in V1 and V3.
    // Decreasable: wD_1 = sqrt(1e-4 + 1e-340) = 0.01, r_1 = 1e-170/0.01 = 1e-168, s_1 = −min(1, 1e-168) = −1e-168,
    // so x_1,1 = 1e-170 − 1e-168 = −9.9e-169, and |A_0| = 0.
    // The library instead gets a_1 = 0: V1 accepts component 1 (x_1,1 ≈ −0.9998), V3 rejects it but does not move it.
    [Theory]
    [InlineData(Variant.V1)]
    [InlineData(Variant.V3)]
    public void Tiny_S_components_get_the_spec_lower_bound(Variant variant)
    {
        var options = new PrunAdagOptions { TargetRelevant = 1, MaxIterations = 1 };
        var r = PrunAdagFor.Variant(variant, options).Minimize(Fixtures.Scripted([1.0, 0.5]), Vector<double>.Build.Dense([1.0, 1e-170]));
        Assert.Equal(0, r.Trace.Acceptable![0]);
        double expected = 1e-170 - 1e-168;
        Assert.True(Math.Abs(r.Solution[1] - expected) <= 1e-12 * Math.Abs(expected),
            $"x_1,1 = {r.Solution[1]:R}, expected {expected:R} (Table 1: a_1 = 1)");
    }
}

/// <summary>
/// Regression: a_i = |x_i|/(k+1) · ‖g‖_R/‖x‖_S was evaluated left to right, so when ‖x‖_S is the smallest subnormal the
/// ratio overflows to ∞ while |x_i|/(k+1) underflows to 0, and a_i = 0·∞ = NaN made x_{k+1} NaN (and the next gradient
/// stopped the run as "non-finite"). Table 1's a_i is a large finite number there; it is now |x_i| · (ratio/(k+1)) = +∞,
/// which compares and takes the minimum in rule (17) like any bound above r_i.
/// </summary>
public class RatioOverflowTests
{
    // n = 2, T = 1, ς = 0.01, k = 5, x = (1, ε), g = (1e10, 1e-300) with ε = double.Epsilon (4.9e-324).
    // R = {0}; S = {1}. ‖g‖_R = 1e10, ‖x‖_S = ε, so Table 1's a_1 = ε/6 · 1e10/ε ≈ 1.7e9.
    // q_1 = 1e-300/sqrt(1e-4 + 1e-600) = 1e-298 < a_1: rejected (V1 and V3). Decreasable: wD_1 = sqrt(1e-4 + ε²) = 0.01,
    // r_1 = ε/0.01, and min(a_1, r_1) = r_1, so x_1 becomes ε − ε/0.01.
    [Theory]
    [InlineData(Variant.V1)]
    [InlineData(Variant.V3)]
    public void An_overflowing_norm_ratio_with_an_underflowing_x_over_k_plus_1_gives_the_spec_step_not_NaN(Variant variant)
    {
        var kernel = new PrunAdagKernel(2, 1, variant, relevantOnly: false, 0.01, 1.0);
        double eps = double.Epsilon;
        var x = new[] { 1.0, eps };
        var counts = kernel.Step(5, x, [1e10, 1e-300], 1e-4);

        Assert.Equal(0, counts.Acceptable);
        double wD = Math.Sqrt(0.01 * 0.01 + eps * eps);
        Assert.Equal(eps - eps / wD, x[1]);
        Assert.True(double.IsFinite(x[0]));
    }
}
