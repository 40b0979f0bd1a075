using MathNet.Numerics.LinearAlgebra;
using PrunAdag.Tests.Reference;

namespace PrunAdag.Tests.Optimization;

/// <summary>
/// KNOWN BUG (src/PrunAdag/Optimization/PrunAdagMinimizer.cs, PrunAdagKernel.Step, the ‖g‖_R/‖x‖_S ratio):
/// ‖x‖_S is computed as sqrt(Σ x_i²), and when every x_i of S_k is below ~1e-162 the sum of squares underflows to 0.
/// The library then takes ratio = 0 (its "S_k empty" guard), so a_i = 0 for V1/V3, although ‖x‖_S is a representable
/// positive number and the spec's a_i (Table 1) is an ordinary finite value. The same happens on overflow (|x_i| ≳ 1e154
/// makes Σ x_i² = ∞ and the ratio 0). Low practical impact, but the classification differs from the spec.
/// </summary>
public class KnownBug_NormUnderflowTests
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
        var options = new PrunAdagOptions { Variant = variant, TargetRelevant = 1, MaxIterations = 1 };
        var r = new PrunAdagMinimizer(options).Minimize(Fixtures.Scripted([1.0, 0.5]), Vector<double>.Build.Dense([1.0, 1e-170]));
        Assert.Equal(0, r.Trace.Acceptable![0]);
        double expected = 1e-170 - 1e-168;
        Assert.True(Math.Abs(r.Solution[1] - expected) <= 1e-12 * Math.Abs(expected),
            $"x_1,1 = {r.Solution[1]:R}, expected {expected:R} (spec a_1 = 1)");
    }
}
