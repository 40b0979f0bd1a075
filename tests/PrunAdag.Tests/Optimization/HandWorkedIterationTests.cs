using MathNet.Numerics.LinearAlgebra;
using PrunAdag.Tests.Reference;

namespace PrunAdag.Tests.Optimization;

/// <summary>
/// Three iterations of every variant on a six-component problem, worked out by hand from docs/algorithm.md.
/// The gradients are scripted (g_k is returned at the k-th call whatever x is): prunAdag is OFFO and its step depends
/// only on x_k, g_k and the weights, so scripting g_k lets each component sit in exactly the case we want to check.
///
/// Setting: n = 6, T = 2, ς = 0.3 (ς² = 0.09), η = 1.
///   x_0 = ( 1,    0.5,   0,   1.2,  −10,    0.6   )
///   g_0 = (−0.9, −0.72,  0.1, 0.72, −0.125, 0.5625)
///   g_1 = (−0.1, −0.2,   0.05, 0.4,  0.5,   0     )
///   g_2 = ( 1,    1,     0,  −0.3,  −0.05, −0.2   )
///
/// k = 0. |g_0| = (0.9, 0.72, 0.1, 0.72, 0.125, 0.5625): R_0 = {0, 1} — components 1 and 3 tie at 0.72 for the
///   second place and the tie goes to the smaller index 1.
///   S_0 = {3, 4, 5} (2 has x = 0; 3, 4, 5 have sign x = sign g).
///   ŵO = sqrt(0.09 + g²): ŵO_3 = sqrt(0.09 + 0.5184) = 0.78, ŵO_4 = sqrt(0.09 + 0.015625) = 0.325, ŵO_5 = sqrt(0.09 + 0.31640625) = 0.6375;
///   q_i = |g_i|/ŵO_i: q_3 = 12/13 ≈ 0.923077, q_4 = 5/13 ≈ 0.384615, q_5 = 15/17 ≈ 0.882353.
///   ‖g‖_R = sqrt(0.81 + 0.5184) = sqrt(1.3284), ‖x‖_S = sqrt(1.44 + 100 + 0.36) = sqrt(101.8), ratio ρ_0 ≈ 0.114233.
///   Bounds (k + 1 = 1):     a_3          a_4          a_5         b (V3/V4)
///     V1/V3 (|x|·ρ_0):   0.137079     1.142327     0.068540     1.2, 10, 0.6
///     V2/V4 (|x|):       1.2          10           0.6
///   Component 3: V1/V3 accept (0.137 ≤ 0.923 ≤ 1.2); V2/V4 reject, q_3 below a_3 = 1.2.
///   Component 4: rejected below a_4 in every variant.
///   Component 5: accepted by V1 and V2 (q_5 ≥ a_5, b = ∞); rejected by V3 and V4 because q_5 = 0.882 > b_5 = |x_5| = 0.6.
///   Relevant steps: x_0 = 1 + 0.9/sqrt(0.9) ≈ 1.9486833, x_1 = 0.5 + 0.72/0.78 ≈ 1.4230769.
///   Decreasable steps (wD = sqrt(0.09 + x²), r = |x|/wD, s = −sign(x)·min(a, r)):
///     2: not in S, s = 0 (x stays 0).
///     3 (V2/V4): r = 1.2/sqrt(1.53) ≈ 0.970143 < a = 1.2, x → 1.2 − 1.2/sqrt(1.53) ≈ 0.2298575.
///     4 (all):   r = 10/sqrt(100.09) ≈ 0.999550 < a, x → −10 + 10/sqrt(100.09) ≈ −9.0004497.
///     5 (V3):    a = 0.6ρ_0 ≈ 0.068540 < r = 0.6/sqrt(0.45) ≈ 0.894427, x → 0.6(1 − ρ_0) ≈ 0.5314604.
///     5 (V4):    a = 0.6 < r, x → 0.6 − 0.6 = 0.
///   Accepted steps: 3 → 1.2 − 12/13 ≈ 0.2769231 (V1/V3); 5 → 0.6 − 15/17 ≈ −0.2823529 (V1/V2; a sign flip, allowed as b = ∞).
///
/// k = 1. |g_1| = (0.1, 0.2, 0.05, 0.4, 0.5, 0): R_1 = {3, 4}. S_1 = ∅: 0 and 1 have x &gt; 0 and g &lt; 0, 2 has x = 0,
///   5 has g = 0. So A_1 = ∅, all of 0, 1, 2, 5 are decreasable with s = 0 (only their wD grow), and V1/V3's ratio is
///   never needed. Relevant: x_4 → x_4 − 0.5/sqrt(0.09 + 0.25) (wO_4 is still ς: 4 was never optimisable) ≈ −9.8579426;
///   x_3 → x_3 − 0.4/sqrt(wO_3² + 0.16) with wO_3 = 0.78 where 3 was accepted at k = 0 (V1, V3), else ς = 0.3 (→ 0.5).
///
/// k = 2. |g_2| = (1, 1, 0, 0.3, 0.05, 0.2): R_2 = {0, 1}. k + 1 = 3.
///   x_0 → x_0 − 1/sqrt(0.9 + 1) ≈ 1.2232070 (wO_0 = sqrt(0.9) from k = 0, untouched at k = 1);
///   x_1 → x_1 − 1/sqrt(0.6084 + 1) ≈ 0.6345746.
///   Per-variant details are in each test.
/// </summary>
public class HandWorkedIterationTests
{
    private static readonly double[] X0 = [1, 0.5, 0, 1.2, -10, 0.6];
    private static readonly double[][] G =
    [
        [-0.9, -0.72, 0.1, 0.72, -0.125, 0.5625],
        [-0.1, -0.2, 0.05, 0.4, 0.5, 0],
        [1, 1, 0, -0.3, -0.05, -0.2],
    ];

    private static readonly double Rho0 = Math.Sqrt(1.3284) / Math.Sqrt(101.8); // ‖g_0‖_R/‖x_0‖_S ≈ 0.114233

    // Components common to every variant.
    private static readonly double X1_0 = 1 + 0.9 / Math.Sqrt(0.9), X1_1 = 0.5 + 0.72 / 0.78, X1_4 = -10 + 10 / Math.Sqrt(100.09);
    private static readonly double X2_4 = X1_4 - 0.5 / Math.Sqrt(0.34);
    private static readonly double X3_0 = X1_0 - 1 / Math.Sqrt(1.9), X3_1 = X1_1 - 1 / Math.Sqrt(1.6084);
    // wD_4 after k = 2: 4 was decreasable at k = 0 (wD² = 0.09 + 100) and at k = 2 (+ x_2,4²); r ≈ 0.701870.
    private static readonly double R2_4 = Math.Abs(X2_4) / Math.Sqrt(100.09 + X2_4 * X2_4);

    private static (List<double[]> Xs, MinimizationResult Result) Run(Variant variant, bool relevantOnly = false)
    {
        var options = new PrunAdagOptions { TargetRelevant = 2, Sigma0 = 0.3, MaxIterations = 3 };
        var (result, xs, gs) = Fixtures.RunRecorded(PrunAdagFor.Variant(variant, options, relevantOnly), Fixtures.Scripted(G), X0);
        for (int k = 0; k < 3; k++) Assert.Equal(G[k], gs[k]);
        xs.Add(result.Solution.ToArray());
        return (xs, result);
    }

    private static void AssertIterate(double[] expected, double[] actual, int k)
    {
        for (int i = 0; i < expected.Length; i++)
        {
            double tol = 1e-15 * Math.Max(1, Math.Abs(expected[i]));
            Assert.True(Math.Abs(expected[i] - actual[i]) <= tol, $"x_{k},{i}: expected {expected[i]:R}, got {actual[i]:R}");
        }
    }

    private static void AssertCounts(MinimizationResult r, int[] o, int[] a, int[] d)
    {
        Assert.Equal(o, r.Trace.Optimisable);
        Assert.Equal(a, r.Trace.Acceptable);
        Assert.Equal(d, r.Trace.Decreasable);
    }

    [Fact]
    public void V1_three_iterations_match_the_hand_computation()
    {
        var (xs, r) = Run(Variant.V1);
        // k = 0: A = {3, 5} (O = {0,1,3,5}), D = {2, 4}.
        double x1_3 = 1.2 - 12.0 / 13, x1_5 = 0.6 - 15.0 / 17;
        AssertIterate([X1_0, X1_1, 0, x1_3, X1_4, x1_5], xs[1], 1);
        // k = 1: x_3 uses wO_3 = 0.78 from its acceptance at k = 0: ŵO_3 = sqrt(0.6084 + 0.16) = sqrt(0.7684).
        double x2_3 = x1_3 - 0.4 / Math.Sqrt(0.7684); // ≈ −0.1793936
        AssertIterate([X1_0, X1_1, 0, x2_3, X2_4, x1_5], xs[2], 2);
        // k = 2: S = {3, 4, 5} (all three have x < 0, g < 0); ρ_2 = sqrt(2)/sqrt(x_3² + x_4² + x_5²) ≈ 0.143377.
        //   3: q = 0.3/sqrt(0.7684 + 0.09) ≈ 0.323800 ≥ a = |x_3|/3·ρ_2 ≈ 0.008574 → accepted (b = ∞).
        //   4: q = 0.05/sqrt(0.34 + 0.0025) ≈ 0.085436 < a = |x_4|/3·ρ_2 ≈ 0.471133 → decreasable; a < r ≈ 0.701870, s = +a.
        //   5: ŵO_5 = sqrt(0.6375² + 0.04) ≈ 0.668136, q ≈ 0.299340 ≥ a ≈ 0.013494 → accepted.
        double rho2 = Math.Sqrt(2) / Math.Sqrt(x2_3 * x2_3 + X2_4 * X2_4 + x1_5 * x1_5);
        double x3_3 = x2_3 + 0.3 / Math.Sqrt(0.8584);            // ≈ 0.1444061
        double x3_4 = X2_4 + Math.Abs(X2_4) / 3 * rho2;            // ≈ −9.3868093
        double x3_5 = x1_5 + 0.2 / Math.Sqrt(0.40640625 + 0.04);   // ≈ 0.0169871
        AssertIterate([X3_0, X3_1, 0, x3_3, x3_4, x3_5], xs[3], 3);
        AssertCounts(r, [4, 2, 4], [2, 0, 2], [2, 4, 2]);
    }

    [Fact]
    public void V2_three_iterations_match_the_hand_computation()
    {
        var (xs, r) = Run(Variant.V2);
        // k = 0: A = {5} (O = {0,1,5}), D = {2, 3, 4}; 3 is rejected because q_3 ≈ 0.923 < a_3 = 1.2 and moves by r.
        double x1_3 = 1.2 - 1.2 / Math.Sqrt(1.53), x1_5 = 0.6 - 15.0 / 17;
        AssertIterate([X1_0, X1_1, 0, x1_3, X1_4, x1_5], xs[1], 1);
        // k = 1: wO_3 is still ς (3 was decreasable), ŵO_3 = sqrt(0.09 + 0.16) = 0.5, s_3 = −0.8.
        double x2_3 = x1_3 - 0.8; // ≈ −0.5701425
        AssertIterate([X1_0, X1_1, 0, x2_3, X2_4, x1_5], xs[2], 2);
        // k = 2: S = {3, 4, 5}; a = |x|/3.
        //   3: q = 0.3/sqrt(0.25 + 0.09) ≈ 0.514496 ≥ a ≈ 0.190048 → accepted.
        //   4: q ≈ 0.085436 < a ≈ 3.285981 → decreasable; r ≈ 0.701870 < a, s = +r.
        //   5: q ≈ 0.299340 ≥ a ≈ 0.094118 → accepted.
        double x3_3 = x2_3 + 0.3 / Math.Sqrt(0.34);              // ≈ −0.0556467
        double x3_4 = X2_4 + R2_4;                                 // ≈ −9.1560724
        double x3_5 = x1_5 + 0.2 / Math.Sqrt(0.40640625 + 0.04);   // ≈ 0.0169871
        AssertIterate([X3_0, X3_1, 0, x3_3, x3_4, x3_5], xs[3], 3);
        AssertCounts(r, [3, 2, 4], [1, 0, 2], [3, 4, 2]);
    }

    [Fact]
    public void V3_three_iterations_match_the_hand_computation()
    {
        var (xs, r) = Run(Variant.V3);
        // k = 0: A = {3} (O = {0,1,3}), D = {2, 4, 5}; 5 is rejected because q_5 ≈ 0.882 > b_5 = 0.6, and moves by a_5.
        double x1_3 = 1.2 - 12.0 / 13, x1_5 = 0.6 - 0.6 * Rho0;
        AssertIterate([X1_0, X1_1, 0, x1_3, X1_4, x1_5], xs[1], 1);
        double x2_3 = x1_3 - 0.4 / Math.Sqrt(0.7684); // as in V1
        AssertIterate([X1_0, X1_1, 0, x2_3, X2_4, x1_5], xs[2], 2);
        // k = 2: S = {3, 4} (5 has x > 0, g < 0); ρ_2 = sqrt(2)/sqrt(x_3² + x_4²) ≈ 0.143436.
        //   3: q ≈ 0.323800 > b = |x_3| ≈ 0.179394 → rejected; wD_3 = sqrt(0.09 + x_3²) (3 was never decreasable before),
        //      r ≈ 0.513220 > a = |x_3|/3·ρ_2 ≈ 0.008577, s = +a.
        //   4: a ≈ 0.471326 < r, s = +a.
        double rho2 = Math.Sqrt(2) / Math.Sqrt(x2_3 * x2_3 + X2_4 * X2_4);
        double x3_3 = x2_3 + Math.Abs(x2_3) / 3 * rho2;  // ≈ −0.1708164
        double x3_4 = X2_4 + Math.Abs(X2_4) / 3 * rho2;  // ≈ −9.3866161
        AssertIterate([X3_0, X3_1, 0, x3_3, x3_4, x1_5], xs[3], 3);
        AssertCounts(r, [3, 2, 2], [1, 0, 0], [3, 4, 4]);
    }

    [Fact]
    public void V4_three_iterations_match_the_hand_computation()
    {
        var (xs, r) = Run(Variant.V4);
        // k = 0: A = ∅ (3 below a_3 = 1.2; 5 above b_5 = 0.6), D = {2, 3, 4, 5}; 5 moves by a_5 = 0.6 < r ≈ 0.894 to exactly 0.
        double x1_3 = 1.2 - 1.2 / Math.Sqrt(1.53);
        AssertIterate([X1_0, X1_1, 0, x1_3, X1_4, 0], xs[1], 1);
        Assert.Equal(0.0, xs[1][5]); // 0.6 − 0.6 is exact
        double x2_3 = x1_3 - 0.8; // as in V2
        AssertIterate([X1_0, X1_1, 0, x2_3, X2_4, 0], xs[2], 2);
        // k = 2: S = {3, 4} (5 is 0). a = |x|/3, b = |x|.
        //   3: q ≈ 0.514496 ∈ [a ≈ 0.190048, b ≈ 0.570143] → accepted, and |s_3| ≤ |x_3| so no sign flip.
        //   4: decreasable, s = +r (a ≈ 3.29 > r).
        double x3_3 = x2_3 + 0.3 / Math.Sqrt(0.34);  // ≈ −0.0556467
        double x3_4 = X2_4 + R2_4;                     // ≈ −9.1560724
        AssertIterate([X3_0, X3_1, 0, x3_3, x3_4, 0], xs[3], 3);
        AssertCounts(r, [2, 2, 3], [0, 0, 1], [4, 4, 3]);
    }

    [Fact]
    public void RelevantOnly_three_iterations_match_the_hand_computation()
    {
        var (xs, r) = Run(Variant.V3, relevantOnly: true);
        // O_k = R_k, every other component decreasable with the base V3's a_i.
        // k = 0: 3 moves by a_3 = 1.2ρ_0 (< r ≈ 0.970), 4 by r, 5 by a_5 = 0.6ρ_0.
        double x1_3 = 1.2 - 1.2 * Rho0, x1_5 = 0.6 - 0.6 * Rho0;
        AssertIterate([X1_0, X1_1, 0, x1_3, X1_4, x1_5], xs[1], 1);
        // k = 1: 3 is relevant with wO_3 = ς (never optimisable before): s_3 = −0.4/0.5.
        double x2_3 = x1_3 - 0.8; // ≈ 0.2629207 (still positive)
        AssertIterate([X1_0, X1_1, 0, x2_3, X2_4, x1_5], xs[2], 2);
        // k = 2: S = {4} only (3 and 5 have x > 0, g < 0). ρ_2 = sqrt(2)/|x_4|, so a_4 = |x_4|/3·sqrt(2)/|x_4| = sqrt(2)/3 < r.
        double x3_4 = X2_4 + Math.Sqrt(2) / 3; // ≈ −9.3865381
        AssertIterate([X3_0, X3_1, 0, x2_3, x3_4, x1_5], xs[3], 3);
        AssertCounts(r, [2, 2, 2], [0, 0, 0], [4, 4, 4]);
    }

    [Fact]
    public void Ties_in_the_gradient_magnitude_go_to_the_smaller_index()
    {
        // The same first iteration with components 1 and 3 swapped in the gradient magnitude order: if the tie at 0.72
        // went to index 3, component 1 (x > 0, g < 0, outside S) would not move at all. It moves by +12/13.
        var (xs, _) = Run(Variant.V4);
        Assert.Equal(0.5 + 0.72 / 0.78, xs[1][1], 1e-15);
        // And component 3 (the loser of the tie) took the decreasable step of V4, not an Adagrad step.
        Assert.NotEqual(1.2 - 0.72 / 0.78, xs[1][3]);
    }

    [Fact]
    public void A_step_with_S_empty_moves_only_the_relevant_components_and_grows_only_their_complements_wD()
    {
        // Only the k = 1 iteration: start from x_1 of V3 and give g_1; S_1 = ∅, so all irrelevant components stay put.
        var x1 = new[] { X1_0, X1_1, 0, 1.2 - 12.0 / 13, X1_4, 0.6 - 0.6 * Rho0 };
        foreach (var v in new[] { Variant.V1, Variant.V2, Variant.V3, Variant.V4 })
        {
            var options = new PrunAdagOptions { TargetRelevant = 2, Sigma0 = 0.3, MaxIterations = 1 };
            var r = PrunAdagFor.Variant(v, options).Minimize(Fixtures.Scripted(G[1]), Vector<double>.Build.Dense(x1));
            var x2 = r.Solution.ToArray();
            foreach (int i in new[] { 0, 1, 2, 5 }) Assert.Equal(x1[i], x2[i]); // exactly unchanged
            Assert.Equal(x1[3] - 0.8, x2[3], 1e-15);
            Assert.Equal(x1[4] - 0.5 / Math.Sqrt(0.34), x2[4], 1e-14);
            AssertCounts(r, [2], [0], [4]);
        }
    }
}
