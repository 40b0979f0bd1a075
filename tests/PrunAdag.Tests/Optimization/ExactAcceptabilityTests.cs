using MathNet.Numerics.LinearAlgebra;
using PrunAdag.Tests.Reference;

namespace PrunAdag.Tests.Optimization;

/// <summary>
/// Step 3's test a_i ≤ |g_i|/ŵO_i ≤ b_i is decided in real arithmetic (docs/algorithm.md, C12), also where the rounded
/// quotient fl(|g_i|/ŵO_i) equals a bound: such components are built on purpose, inside a whole vector and in the
/// tail, and one step is checked against the exact decision and rule (17) worked out here. The test command runs this
/// at every vector width, so the vector loop's hand-off of such a vector to the scalar loop is covered too.
/// </summary>
public class ExactAcceptabilityTests
{
    private const double Sigma = 0.01;

    private static Method MethodOf(Variant v) => v == Variant.V2 ? Method.V2 : Method.V4;

    /// <summary>
    /// |g| values whose rounded quotient q = fl(|g|/ŵO), ŵO = fl(√(ς² + g²)), lies above (side &gt; 0) or below the exact
    /// one, and whose product fl(q·ŵO) is |g| again: a test of q·ŵO against |g| must then look closer than the rounding.
    /// </summary>
    private static List<double> Gradients(int side, int count)
    {
        var found = new List<double>();
        for (int j = 1; found.Count < count; j++)
        {
            double g = 0.2 + j * 1e-3 * Math.PI, w = Math.Sqrt(Sigma * Sigma + g * g), q = g / w;
            if (q * w == g && Math.Sign(ExactRational.CompareProduct(q, w, g)) == side) found.Add(g);
        }
        return found;
    }

    [Theory]
    [InlineData(Variant.V2, 1)]  // a_i = |x_i| = fl(q) above |g_i|/ŵO_i: refused, where the rounded quotient test accepted
    [InlineData(Variant.V2, -1)] // a_i below |g_i|/ŵO_i: accepted, though a_i·ŵO_i rounds to |g_i|
    [InlineData(Variant.V4, 1)]  // a_i = b_i = |x_i| = fl(q): refused whichever side the exact quotient lies
    [InlineData(Variant.V4, -1)]
    public void A_bound_equal_to_the_rounded_quotient_is_decided_exactly(Variant variant, int side)
    {
        // n = 19, T = 2: components 10 and 11 are relevant (the vector holding R_0's threshold goes to the scalar loop);
        // the built components sit at 5 (inside a whole vector of its own at every width), 17 and 18 (the tail at 512
        // and 256 bits); every other x_i is 0, so S_0 holds the built ones only.
        const int n = 19;
        int[] built = [5, 17, 18];
        var gs = Gradients(side, built.Length);
        var x0 = new double[n]; var g0 = new double[n];
        for (int i = 0; i < n; i++) g0[i] = 1e-3 * (i + 1);
        x0[10] = 1; g0[10] = 100; x0[11] = -1; g0[11] = -100;
        for (int b = 0; b < built.Length; b++)
        {
            int i = built[b];
            double sign = b % 2 == 0 ? 1 : -1, g = gs[b];
            g0[i] = sign * g;
            x0[i] = sign * (g / Math.Sqrt(Sigma * Sigma + g * g)); // |x_i| = fl(|g_i|/ŵO_i), sign x_i = sign g_i: i ∈ S_0
        }
        var options = new PrunAdagOptions { TargetRelevant = 2, Sigma0 = Sigma, MaxIterations = 1, GradientTolerance = 0 };

        var r = Minimizer.Create(MethodOf(variant), options).Minimize(Fixtures.Scripted(g0, g0), Vector<double>.Build.Dense(x0));

        Assert.Equal(1, r.Iterations);
        int accepted = 0;
        foreach (int i in built)
        {
            double xi = x0[i], gi = g0[i], ax = Math.Abs(xi), w = Math.Sqrt(Sigma * Sigma + gi * gi), q = Math.Abs(gi) / w;
            double a = ax * (1.0 / 1.0), bound = variant == Variant.V4 ? ax : double.PositiveInfinity; // Table 1 at k = 0
            Assert.True(a <= q && q <= bound, "the rounded quotient test accepts it");
            bool exact = ExactRational.AtMostQuotient(a, Math.Abs(gi), w) && ExactRational.QuotientAtMost(Math.Abs(gi), w, bound);
            Assert.Equal(side < 0 && variant == Variant.V2, exact);
            double expected;
            if (exact) { accepted++; expected = xi + (-(1.0 * gi)) / w; } // Step 4 with η = 1
            else
            {
                double wD = Math.Sqrt(Sigma * Sigma + xi * xi); // rule (17) at k = 0: x − sign(x)·min(a, |x|/wD)
                expected = xi - Math.Sign(xi) * Math.Min(a, ax / wD);
            }
            Assert.True(BitConverter.DoubleToInt64Bits(expected) == BitConverter.DoubleToInt64Bits(r.Solution[i]),
                $"x_1[{i}] = {r.Solution[i]:R}, expected {expected:R} ({(exact ? "accepted" : "refused")})");
        }
        Assert.Equal(accepted, r.Trace.Acceptable![0]);
        Assert.Equal(2 + accepted, r.Trace.Optimisable![0]);
    }

    [Fact]
    public void The_reference_and_the_library_agree_on_the_built_components()
    {
        const int n = 24;
        var gs = Gradients(1, 6);
        var x0 = new double[n]; var g0 = new double[n];
        for (int i = 0; i < n; i++) { g0[i] = 0.01 * (i + 1) * (i % 2 == 0 ? 1 : -1); x0[i] = i % 3 == 0 ? 0.5 * Math.Sign(g0[i]) : 0; }
        g0[0] = 50; g0[1] = -50; x0[0] = 2; x0[1] = 3;
        for (int b = 0; b < 6; b++)
        {
            int i = 3 + 3 * b; double g = gs[b];
            g0[i] = g; x0[i] = g / Math.Sqrt(Sigma * Sigma + g * g);
        }
        foreach (var variant in new[] { Variant.V2, Variant.V4 })
        {
            var options = new PrunAdagOptions { TargetRelevant = 2, Sigma0 = Sigma, MaxIterations = 1, GradientTolerance = 0 };
            var lib = Minimizer.Create(MethodOf(variant), options).Minimize(Fixtures.Scripted(g0, g0), Vector<double>.Build.Dense(x0));
            var kind = variant == Variant.V2 ? ReferencePrunAdag.Kind.V2 : ReferencePrunAdag.Kind.V4;
            var reference = new ReferencePrunAdag(kind, targetRelevant: 2, sigma0: Sigma, eta: 1.0).Run(Fixtures.Scripted(g0, g0), x0, maxIterations: 1);
            Assert.Equal(reference.Steps[0].CountA, lib.Trace.Acceptable![0]);
            Cases.AssertBitwise(reference.FinalX, lib.Solution.ToArray(), $"{variant} x_1");
        }
    }
}
