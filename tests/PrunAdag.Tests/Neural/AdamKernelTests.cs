using PrunAdag.Neural;

namespace PrunAdag.Tests.Neural;

/// <summary>Adam against PyTorch's documented update, worked by hand.</summary>
public class AdamKernelTests
{
    /// <summary>
    /// torch.optim.Adam's documented algorithm with γ = 1e-3, β = (0.9, 0.999), ε = 1e-8, no weight decay:
    /// m_t = β₁m + (1−β₁)g, v_t = β₂v + (1−β₂)g², m̂ = m/(1−β₁ᵗ), v̂ = v/(1−β₂ᵗ), θ −= γ m̂/(√v̂ + ε).
    /// θ₀ = (1, −0.5); g₁ = (0.1, −0.2), g₂ = (0.3, 0.1), g₃ = (−0.2, 0.05). Worked in exact decimals (40 digits):
    /// <code>
    /// t = 1: 1−β₁ = 0.1, 1−β₂ = 0.001
    ///   θ₁[0]: m = 0.01,  v = 0.00001, m̂ = 0.1,  v̂ = 0.01, √v̂ = 0.1, step = 1e-3·0.1/0.10000001 = 0.00099999990000001
    ///          θ = 0.99900000009999999000000099999990000001
    ///   θ₁[1]: m = −0.02, v = 0.00004, m̂ = −0.2, v̂ = 0.04, √v̂ = 0.2, step = −0.00099999995000000249999987500000625
    ///          θ = −0.49900000004999999750000012499999375
    /// t = 2: 1−β₁² = 0.19, 1−β₂² = 0.001999
    ///   θ₂[0]: m = 0.9·0.01 + 0.1·0.3 = 0.039, v = 0.00009999, m̂ = 0.20526315789473684211, v̂ = 0.050020010005002501251,
    ///          √v̂ = 0.22365153700567877218, step = 0.00091778107794409744216, θ = 0.99808221902205589255785
    ///   θ₂[1]: m = −0.008, v = 0.00004996, m̂ = −0.042105263157894736842, v̂ = 0.024992496248124062031,
    ///          √v̂ = 0.15809015228066567345, step = −0.00026633702281324170552, θ = −0.49873366302718675579448
    /// t = 3: 1−β₁³ = 0.271, 1−β₂³ = 0.002997001
    ///   θ₃[0]: m = 0.0151, v = 0.00013989001, m̂ = 0.055719557195571955720, v̂ = 0.046676664438884071110,
    ///          √v̂ = 0.21604782905385573698, step = 0.00025790379315796978126, θ = 0.99782431522889792277658
    ///   θ₃[1]: m = −0.0022, v = 0.00005241004, m̂ = −0.0081180811808118081181, v̂ = 0.017487494999167501112,
    ///          √v̂ = 0.13224029264625627375, step = −0.000061388858149604599366, θ = −0.49867227416903715119511
    /// </code>
    /// </summary>
    [Fact]
    public void The_first_three_steps_match_the_documented_PyTorch_update_worked_by_hand()
    {
        var kernel = new AdamKernel(2, new AdamParameters());
        double[] x = [1.0, -0.5];
        double[][] gradients = [[0.1, -0.2], [0.3, 0.1], [-0.2, 0.05]];
        double[][] expected =
        [
            [0.99900000009999999000000099999990000001, -0.49900000004999999750000012499999375],
            [0.99808221902205589255785, -0.49873366302718675579448],
            [0.99782431522889792277658, -0.49867227416903715119511],
        ];
        double[][] moments = [[0.01, -0.02], [0.039, -0.008], [0.0151, -0.0022]];
        for (int t = 0; t < 3; t++)
        {
            var counts = kernel.Step(t, x, gradients[t], 1e-3);
            for (int i = 0; i < 2; i++)
            {
                // The decimal values, rounded to double, within a few ulps (the kernel rounds each operation).
                Assert.Equal(expected[t][i], x[i], 1e-15);
                Assert.Equal(moments[t][i], kernel.FirstMoment[i], 1e-17);
            }
            Assert.Equal(2, counts.Optimisable);
            Assert.Equal(0, counts.BelowDelta);
        }
        Assert.Equal(3, kernel.Steps);
        Assert.Equal(0.00005241004, kernel.SecondMoment[1], 1e-18);
    }

    [Fact]
    public void The_first_step_moves_every_component_by_the_learning_rate_against_the_gradients_sign()
    {
        // m̂₁ = g and v̂₁ = g², so θ₁ = θ₀ − γ g/(|g| + ε): ≈ γ for any |g| ≫ ε.
        var kernel = new AdamKernel(3, new AdamParameters { LearningRate = 0.01 });
        double[] x = [0, 0, 0];
        kernel.Step(0, x, [1e3, -1e-3, 0.5], 1e-3);
        Assert.Equal(-0.01 * 1e3 / (1e3 + 1e-8), x[0], 1e-17);
        Assert.Equal(0.01 * 1e-3 / (1e-3 + 1e-8), x[1], 1e-17);
        Assert.Equal(-0.01 * 0.5 / (0.5 + 1e-8), x[2], 1e-17);
    }

    [Fact]
    public void Weight_decay_adds_lambda_theta_to_the_gradient_and_amsgrad_keeps_the_largest_v()
    {
        // Weight decay λ = 0.5 at θ = 2 with g = 0: the effective gradient is 1, so step 1 is −γ·1/(1 + ε).
        var decayed = new AdamKernel(1, new AdamParameters { WeightDecay = 0.5 });
        double[] x = [2.0];
        decayed.Step(0, x, [0.0], 1e-3);
        Assert.Equal(2.0 - 1e-3 / (1 + 1e-8), x[0], 1e-15);

        // AMSGrad after a large then a small gradient: v_max keeps step 1's v = 0.001·1 = 0.001 (v₂ = 0.000999·… smaller).
        var ams = new AdamKernel(1, new AdamParameters { Amsgrad = true });
        var plain = new AdamKernel(1, new AdamParameters());
        double[] xa = [0.0], xp = [0.0];
        foreach (double g in new[] { 1.0, 0.01 })
        {
            ams.Step(0, xa, [g], 1e-3);
            plain.Step(0, xp, [g], 1e-3);
        }
        // Step 2 by hand: m = 0.09 + 0.001 = 0.091, m̂ = 0.091/0.19; v = 0.000999 + 1e-7 = 0.0009991 but v_max = 0.001.
        double first = -1e-3 / (1 + 1e-8);
        double mHat = 0.091 / 0.19;
        Assert.Equal(first - 1e-3 * mHat / (Math.Sqrt(0.001 / 0.001999) + 1e-8), xa[0], 1e-15);
        Assert.Equal(first - 1e-3 * mHat / (Math.Sqrt(0.0009991 / 0.001999) + 1e-8), xp[0], 1e-15);
    }

    [Fact]
    public void Vector_and_scalar_paths_give_the_same_bits()
    {
        // n = 37: whole vectors and a scalar tail; every component against a one-component kernel (scalar path).
        const int n = 37;
        var rng = new Random(3);
        var x = Enumerable.Range(0, n).Select(_ => rng.NextDouble() - 0.5).ToArray();
        var kernel = new AdamKernel(n, new AdamParameters { WeightDecay = 0.01 });
        var singles = Enumerable.Range(0, n).Select(_ => new AdamKernel(1, new AdamParameters { WeightDecay = 0.01 })).ToArray();
        var xs = x.Select(v => new[] { v }).ToArray();
        for (int step = 0; step < 4; step++)
        {
            var g = Enumerable.Range(0, n).Select(_ => (rng.NextDouble() - 0.5) * Math.Pow(10, rng.Next(-6, 3))).ToArray();
            kernel.Step(step, x, g, 1e-3);
            for (int i = 0; i < n; i++) singles[i].Step(step, xs[i], [g[i]], 1e-3);
        }
        PrunAdag.Tests.Performance.BitwiseInputs.AssertBitwiseEqual(xs.Select(v => v[0]).ToArray(), x, "x");
    }

    [Fact]
    public void Settings_out_of_range_are_named()
    {
        Assert.Contains("Beta2 must be in [0, 1)", Assert.Throws<ArgumentOutOfRangeException>(() => new AdamParameters { Beta2 = 1 }).Message);
        Assert.Contains("LearningRate must be finite and > 0", Assert.Throws<ArgumentOutOfRangeException>(() => new AdamParameters { LearningRate = 0 }).Message);
    }

    [Fact]
    public void A_step_allocates_nothing()
    {
        const int n = 10_001;
        var kernel = new AdamKernel(n, new AdamParameters());
        var x = new double[n]; var g = Enumerable.Range(0, n).Select(i => Math.Sin(i)).ToArray();
        int k = 0;
        PrunAdag.Tests.Performance.SteadyStateAllocation.AssertNone(() => kernel.Step(k++, x, g, 1e-3));
    }
}
