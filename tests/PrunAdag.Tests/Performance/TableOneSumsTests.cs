using PrunAdag.Tests.Reference;

namespace PrunAdag.Tests.Performance;

/// <summary>
/// Table 1's Σ_{i∈R_k} g_i² and Σ_{i∈S_k} x_i² (docs/algorithm.md C6) against the order written out one scalar at a
/// time: four partial sums, lane j taking the indices i ≡ j (mod 4) in increasing i, then ((s₀ + s₁) + (s₂ + s₃)).
/// R_k here comes from a sort (T largest |g_i|, ties to the smaller index), not from the library's selection. The test
/// command runs this at every vector width, so the 512-bit loop (eight lanes, two halves), the four-lane loops and the
/// scalar path are all held to it, with ties of the threshold at every position of a vector.
/// </summary>
public class TableOneSumsTests
{
    private static readonly int[] Sizes = [1, 2, 3, 4, 5, 7, 8, 9, 12, 15, 16, 17, 23, 24, 31, 33, 63, 64, 65, 100, 1001, 4099];

    [Fact]
    public void Sums_over_R_and_S_follow_the_four_lane_order_at_every_width()
    {
        int cases = 0;
        foreach (int n in Sizes)
            for (int kind = 0; kind <= 4; kind++)
                foreach (int t in new[] { 1, n, Math.Max(1, n / 10), Math.Max(1, (n + 1) / 2), Math.Max(1, n - 3) }.Distinct())
                {
                    var rng = new Random(n * 7919 + kind * 31 + t);
                    var g = BitwiseInputs.Vector(rng, n, kind);
                    var x = BitwiseInputs.Vector(rng, n, (kind + 1) % 5);
                    var (expectedG, expectedX) = Reference(x, g, t);
                    var cut = RelevantSet.Find(g, t, new double[n]);
                    PrunAdagVectors.SumsOverRAndS(cut, x, g, out double gR2, out double xS2);
                    string where = $"n={n} kind={kind} T={t}";
                    BitwiseInputs.AssertBitwiseEqual([expectedG], [gR2], $"Σ_R g² ({where})");
                    BitwiseInputs.AssertBitwiseEqual([expectedX], [xS2], $"Σ_S x² ({where})");
                    cases++;
                }
        Assert.True(cases > 400, $"only {cases} cases ran");
    }

    [Fact]
    public void A_tie_of_the_threshold_in_either_half_of_an_eight_lane_vector_goes_to_the_smaller_index()
    {
        // Every |g_i| = 1 except one larger one: T = 2 takes the larger one and the first tie. Moving the larger one
        // through every position puts the threshold's first tie in the lower or the upper half of a 512-bit vector.
        for (int n = 8; n <= 24; n++)
            for (int big = 0; big < n; big++)
            {
                var g = new double[n];
                var x = new double[n];
                for (int i = 0; i < n; i++) { g[i] = i % 3 == 0 ? -1.0 : 1.0; x[i] = (i % 2 == 0 ? 1 : -1) * (1 + i / 16.0); }
                g[big] = 3.0;
                var (expectedG, expectedX) = Reference(x, g, 2);
                PrunAdagVectors.SumsOverRAndS(RelevantSet.Find(g, 2, new double[n]), x, g, out double gR2, out double xS2);
                Assert.Equal(10.0, expectedG); // 3² + 1², written out: the reference itself is right
                BitwiseInputs.AssertBitwiseEqual([expectedG], [gR2], $"Σ_R g² (n={n}, larger at {big})");
                BitwiseInputs.AssertBitwiseEqual([expectedX], [xS2], $"Σ_S x² (n={n}, larger at {big})");
            }
    }

    [Fact]
    public void NaN_infinite_and_zero_components_fall_in_S_as_the_comparisons_put_them()
    {
        // x_i NaN is in no S_k (every comparison with it is false); x_i = ±0 is in none either; g_i = ±0 puts no x_i in
        // S_k; x_i = ±∞ is in S_k when its sign is g_i's. The 512-bit loop decides these on the bits, so each value goes
        // through every lane of a vector, with T = 1, a middle T and T = n (every lane in R_k).
        double[] xs = [double.NaN, -double.NaN, double.PositiveInfinity, double.NegativeInfinity, 0.0, -0.0, 1.5, -1.5, 1e-310, -1e-310, 1e150, -1e150];
        double[] gs = [0.0, -0.0, 2.0, -2.0, double.PositiveInfinity, double.NegativeInfinity, 1e-310, -1e-310, 0.25, -0.25];
        var rng = new Random(17);
        int cases = 0;
        foreach (int n in new[] { 8, 16, 17, 24, 40 })
            for (int repeat = 0; repeat < 40; repeat++)
            {
                var x = Enumerable.Range(0, n).Select(_ => xs[rng.Next(xs.Length)]).ToArray();
                var g = Enumerable.Range(0, n).Select(_ => gs[rng.Next(gs.Length)]).ToArray();
                foreach (int t in new[] { 1, n / 2, n })
                {
                    var inR = ReferencePrunAdag.RelevantSet(g, t);
                    var inS = Enumerable.Range(0, n).Select(i => !inR[i] && ((x[i] > 0 && g[i] > 0) || (x[i] < 0 && g[i] < 0))).ToArray();
                    PrunAdagVectors.SumsOverRAndS(RelevantSet.Find(g, t, new double[n]), x, g, out double gR2, out double xS2);
                    string where = $"n={n} repeat={repeat} T={t}";
                    BitwiseInputs.AssertBitwiseEqual([ReferencePrunAdag.SumOfSquares(g, inR)], [gR2], $"Σ_R g² ({where})");
                    BitwiseInputs.AssertBitwiseEqual([ReferencePrunAdag.SumOfSquares(x, inS)], [xS2], $"Σ_S x² ({where})");
                    cases++;
                }
            }
        Assert.Equal(600, cases);
    }

    /// <summary>The sums written out by the reference: R_k by sorting, S_k = {i ∉ R_k : x_i ≠ 0, sign x_i = sign g_i}, four lanes.</summary>
    private static (double G, double X) Reference(double[] x, double[] g, int t)
    {
        var inR = ReferencePrunAdag.RelevantSet(g, t);
        var inS = Enumerable.Range(0, g.Length).Select(i => !inR[i] && x[i] != 0 && Math.Sign(x[i]) == Math.Sign(g[i])).ToArray();
        return (ReferencePrunAdag.SumOfSquares(g, inR), ReferencePrunAdag.SumOfSquares(x, inS));
    }
}
