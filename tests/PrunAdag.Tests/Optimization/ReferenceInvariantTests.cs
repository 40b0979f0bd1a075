using PrunAdag.Tests.Reference;

namespace PrunAdag.Tests.Optimization;

/// <summary>
/// The invariants docs/algorithm.md states for Algorithm 2.1, checked at every iteration of the reference implementation
/// on random least-squares problems (and a tie-heavy separable one) for every variant and relevant-only base.
/// The library is then shown to follow the reference bitwise (ReferenceAgreementTests), so the invariants hold for it too.
/// </summary>
public class ReferenceInvariantTests
{
    public static IEnumerable<object[]> Grid() => Cases.Grid();

    [Theory]
    [MemberData(nameof(Grid))]
    public void Every_iteration_satisfies_the_spec_invariants(string problem, int t, ReferencePrunAdag.Kind kind, Variant baseVariant, double eta)
    {
        var (f, x0) = Cases.Problem(problem);
        const double sigma0 = 0.01;
        var run = new ReferencePrunAdag(kind, t, sigma0, eta, baseVariant).Run(f, x0, Cases.Iterations);
        int n = x0.Length;
        var sumG2InO = new double[n]; // Σ_{j ≤ k, i ∈ O_j} g_{i,j}²
        foreach (var st in run.Steps)
        {
            string at = $"k = {st.K}";
            // |R_k| = T and R_k ⊆ O_k.
            Assert.Equal(t, st.InR.Count(b => b));
            for (int i = 0; i < n; i++) Assert.True(!st.InR[i] || st.InO[i], $"{at}: i = {i} ∈ R_k but ∉ O_k");
            // O_k ∪ D_k = {0..n−1}, disjoint.
            for (int i = 0; i < n; i++) Assert.True(st.InO[i] ^ st.InD[i], $"{at}: i = {i} must be in exactly one of O_k, D_k");
            // A_k ⊆ S_k, S_k ∩ R_k = ∅, and relevant-only has no acceptable set.
            for (int i = 0; i < n; i++)
            {
                Assert.True(!st.InA[i] || st.InS[i], $"{at}: i = {i} ∈ A_k but ∉ S_k");
                Assert.False(st.InS[i] && st.InR[i], $"{at}: i = {i} ∈ S_k ∩ R_k");
            }
            if (kind == ReferencePrunAdag.Kind.RelevantOnly) Assert.Equal(0, st.CountA);
            // Decreasable components: |s_i| ≤ r_i = |x_i|/wD_i, s_i = 0 outside S_k, and Σ_{D_k} g_i s_i ≤ 0.
            double descent = 0;
            for (int i = 0; i < n; i++)
            {
                if (!st.InD[i]) continue;
                Assert.True(Math.Abs(st.S[i]) <= Math.Abs(st.X[i]) / st.WDAfter[i], $"{at}: |s_{i}| > |x_i|/wD_i");
                if (!st.InS[i]) Assert.Equal(0.0, st.S[i]);
                descent += st.G[i] * st.S[i];
            }
            Assert.True(descent <= 0, $"{at}: Σ_D g_i s_i = {descent} > 0");
            // wO changes only on O_k, wD only on D_k.
            for (int i = 0; i < n; i++)
            {
                if (!st.InO[i]) Assert.Equal(st.WOBefore[i], st.WOAfter[i]);
                if (!st.InD[i]) Assert.Equal(st.WDBefore[i], st.WDAfter[i]);
            }
            // wO_{i,k} = sqrt(ς² + Σ_{j ≤ k, i ∈ O_j} g_{i,j}²) (Equation (16); rounding differs, so 1e-12 relative).
            for (int i = 0; i < n; i++)
            {
                if (st.InO[i]) sumG2InO[i] += st.G[i] * st.G[i];
                double closed = Math.Sqrt(sigma0 * sigma0 + sumG2InO[i]);
                Assert.True(Math.Abs(st.WOAfter[i] - closed) <= 1e-12 * closed, $"{at}: wO_{i} = {st.WOAfter[i]} vs closed form {closed}");
            }
            // V3/V4 (b_i = |x_i|) with η ≤ 1: an acceptable step never flips the sign of x_i.
            if (kind is ReferencePrunAdag.Kind.V3 or ReferencePrunAdag.Kind.V4 && eta <= 1)
                for (int i = 0; i < n; i++)
                    if (st.InA[i]) Assert.True(st.XNext[i] * st.X[i] >= 0, $"{at}: acceptable step flipped x_{i}: {st.X[i]} -> {st.XNext[i]}");
        }
    }

    [Theory]
    [InlineData(ReferencePrunAdag.Kind.V1)]
    [InlineData(ReferencePrunAdag.Kind.V2)]
    [InlineData(ReferencePrunAdag.Kind.V3)]
    [InlineData(ReferencePrunAdag.Kind.V4)]
    public void The_random_grid_exercises_acceptable_and_moving_decreasable_components(ReferencePrunAdag.Kind kind)
    {
        // Guards the invariant test against vacuity: on the grid's problems each variant accepts some irrelevant
        // component and moves some decreasable one.
        int accepted = 0, moved = 0;
        foreach (var p in new[] { "ls-10x12", "ls-20x40", "tied-12" })
        {
            var (f, x0) = Cases.Problem(p);
            var run = new ReferencePrunAdag(kind, Math.Max(1, x0.Length / 3)).Run(f, x0, Cases.Iterations);
            accepted += run.Steps.Sum(s => s.CountA);
            moved += run.Steps.Sum(s => Enumerable.Range(0, x0.Length).Count(i => s.InD[i] && s.S[i] != 0));
        }
        Assert.True(accepted > 0, "no acceptable component in the whole grid");
        Assert.True(moved > 0, "no decreasable component moved in the whole grid");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(5)]
    public void The_tied_problem_puts_ties_at_the_cut_of_R_k_and_they_go_to_the_smaller_index(int t)
    {
        // tied-12 pairs i and i+6 (same d, c, x0): the twins have equal |g| until the algorithm treats them differently,
        // and pairs that stay on the same side keep tying, so the cut of R_k falls inside a tie at some iterations.
        var (f, x0) = Cases.Problem("tied-12");
        var run = new ReferencePrunAdag(ReferencePrunAdag.Kind.V3, t).Run(f, x0, Cases.Iterations);
        int tiedCuts = 0;
        foreach (var st in run.Steps)
        {
            double cut = Enumerable.Range(0, 12).Where(i => st.InR[i]).Min(i => Math.Abs(st.G[i]));
            var tied = Enumerable.Range(0, 12).Where(i => Math.Abs(st.G[i]) == cut).ToArray();
            if (tied.All(i => st.InR[i])) continue;
            tiedCuts++;
            // Inside the tie the relevant indices are the smallest ones.
            int lastIn = tied.Where(i => st.InR[i]).Max(), firstOut = tied.Where(i => !st.InR[i]).Min();
            Assert.True(lastIn < firstOut, $"k = {st.K}: tie at |g| = {cut} resolved against the smaller index");
        }
        Assert.True(tiedCuts > 0, "the tied problem never put a tie at the cut");
    }

    [Fact]
    public void The_reference_keeps_the_spec_norm_when_the_sum_of_squares_underflows()
    {
        // The case of NormUnderflowTests: x_0 = (1, 1e-170), g_0 = (1, 0.5), T = 1, V1: a_1 = 1 > q_1 ≈ 0.9998,
        // so component 1 is decreasable and moves by r_1 = 1e-168 to 1e-170 − 1e-168.
        var st = new ReferencePrunAdag(ReferencePrunAdag.Kind.V1, 1).Step(0, [1.0, 1e-170], [1.0, 0.5], [0.01, 0.01], [0.01, 0.01]);
        Assert.Equal(1.0, st.LowerBound[1], 1e-15);
        Assert.True(st.InD[1]);
        Assert.True(Math.Abs(st.XNext[1] - (1e-170 - 1e-168)) <= 1e-15 * 1e-168);
    }
}
