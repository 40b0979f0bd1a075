namespace PrunAdag.Tests.Performance;

/// <summary>The O(n) radix selection picks exactly the set a stable sort picks, and the old introselect's cut.</summary>
public class RelevantSetRadixSelectTests
{
    public static TheoryData<int, int> Cases()
    {
        var d = new TheoryData<int, int>();
        foreach (int n in new[] { 1, 2, 3, 4, 5, 7, 8, 31, 64, 65, 100, 1000, 4099, 50_000, 65_536, 70_001, 300_000 })
            for (int kind = 0; kind <= 4; kind++) d.Add(n, kind);
        return d;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Selected_set_equals_the_first_T_of_a_stable_sort_by_decreasing_magnitude(int n, int kind)
    {
        var rng = new Random(n * 31 + kind);
        var g = BitwiseInputs.Vector(rng, n, kind);
        foreach (int t in Ts(n, rng))
        {
            // Reference: stable sort of indices by |g| descending (LINQ OrderBy is stable), keep T, ascending.
            var expected = Enumerable.Range(0, n).OrderByDescending(i => Math.Abs(g[i])).Take(t).Order().ToArray();
            Assert.Equal(expected, RelevantSet.Select(g, t));
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Cut_equals_the_straightforward_introselect_cut(int n, int kind)
    {
        var rng = new Random(n * 17 + kind);
        var g = BitwiseInputs.Vector(rng, n, kind);
        var scratch = new double[n];
        foreach (int t in Ts(n, rng))
        {
            var expected = StraightforwardSelection.Find(g, t);
            var actual = RelevantSet.Find(g, t, scratch);
            Assert.Equal(expected.All, actual.All);
            Assert.Equal(BitConverter.DoubleToInt64Bits(expected.Threshold), BitConverter.DoubleToInt64Bits(actual.Threshold));
            Assert.Equal(expected.TiesToTake, actual.TiesToTake);
        }
    }

    [Theory]
    [InlineData(1)] [InlineData(7_000)] [InlineData(69_999)]
    public void An_unrepresentative_sample_falls_back_to_the_full_radix_select(int t)
    {
        // Large magnitudes exactly at the sampled positions (multiples of n / 4096) mislead the sample bracket.
        const int n = 70_000;
        int stride = n / 4096;
        var rng = new Random(t);
        var g = Enumerable.Range(0, n).Select(i => i % stride == 0 ? 1e6 + i : rng.NextDouble() * (i % 2 == 0 ? 1 : -1)).ToArray();
        var expected = Enumerable.Range(0, n).OrderByDescending(i => Math.Abs(g[i])).Take(t).Order().ToArray();
        Assert.Equal(expected, RelevantSet.Select(g, t));
        var cut = RelevantSet.Find(g, t, new double[n]);
        var old = StraightforwardSelection.Find(g, t);
        Assert.Equal(old.Threshold, cut.Threshold);
        Assert.Equal(old.TiesToTake, cut.TiesToTake);
    }

    [Theory]
    [InlineData(1_000)] [InlineData(100_003)]
    public void Cut_with_a_remembered_threshold_equals_the_straightforward_cut_over_a_sequence(int n)
    {
        // Slowly drifting vectors (the bracket around the last threshold hits) mixed with unrelated ones
        // (it misses and widens), ties-only vectors and all-zero vectors.
        var rng = new Random(n);
        var baseG = BitwiseInputs.Vector(rng, n, 2);
        var scratch = new double[n];
        SelectionHint hint = default;
        for (int k = 0; k < 40; k++)
        {
            double[] g = (k % 10) switch
            {
                7 => BitwiseInputs.Vector(rng, n, 1),
                8 => new double[n],
                9 => BitwiseInputs.Vector(rng, n, 4).Select(v => v * 1e-200).ToArray(),
                _ => baseG.Select(v => v * (1 + 0.01 * k) + 1e-6 * BitwiseInputs.Gaussian(rng)).ToArray(),
            };
            foreach (int t in new[] { Math.Max(1, n / 10), 1 + k % 3 })
            {
                var expected = StraightforwardSelection.Find(g, t);
                var actual = RelevantSet.Find(g, t, scratch, ref hint);
                Assert.Equal(BitConverter.DoubleToInt64Bits(expected.Threshold), BitConverter.DoubleToInt64Bits(actual.Threshold));
                Assert.Equal(expected.TiesToTake, actual.TiesToTake);
            }
        }
    }

    [Theory]
    [InlineData(1_000)] [InlineData(100_003)]
    public void A_threshold_that_leaves_the_bracket_upwards_or_downwards_is_found_on_the_side_it_went(int n)
    {
        // Each vector moves the T-th largest magnitude past the remembered bracket, up or down, so the first pass misses
        // and the second looks on one side only; some magnitudes sit exactly on the missed bracket's edges.
        var rng = new Random(n + 1);
        var baseG = BitwiseInputs.Vector(rng, n, 4);
        var scratch = new double[n];
        SelectionHint hint = default;
        double scale = 1;
        double[] factors = [1, 1.8, 1.8, 1 / 1.8, 1 / 3.0, 3, 1.3, 1 / 1.3, 10, 0.1, 1e-3, 1e3];
        for (int k = 0; k < 3 * factors.Length; k++)
        {
            scale *= factors[k % factors.Length];
            var g = baseG.Select(v => v * scale * (1 + 1e-3 * BitwiseInputs.Gaussian(rng))).ToArray();
            if (hint.Valid)
                for (int i = 0; i < n; i += 97) g[i] = (i % 2 == 0 ? 1 : -1) * (i % 3 == 0 ? hint.Threshold * hint.Factor : hint.Threshold / hint.Factor);
            int t = Math.Max(1, n / 10);
            var expected = StraightforwardSelection.Find(g, t);
            var actual = RelevantSet.Find(g, t, scratch, ref hint);
            Assert.Equal(BitConverter.DoubleToInt64Bits(expected.Threshold), BitConverter.DoubleToInt64Bits(actual.Threshold));
            Assert.Equal(expected.TiesToTake, actual.TiesToTake);
        }
    }

    [Theory]
    [InlineData(70_001, 1)] [InlineData(234_752, 2)]
    public void Cut_over_a_mini_batch_like_sequence_equals_the_straightforward_cut(int n, int seed)
    {
        // Mini-batch gradients: the T-th largest magnitude jumps by 0.5–2× from one call to the next (and T alternates), so
        // the remembered bracket hits, misses once, or misses twice and the sampled band is used. Blocks of exact zeros
        // (weights of inputs that are always 0, as MNIST's border pixels) and exact ties near the threshold's scale land in
        // the sample too, which its radix ranking must rank as a sort would.
        var rng = new Random(seed);
        var scratch = new double[n];
        SelectionHint hint = default;
        for (int k = 0; k < 30; k++)
        {
            double scale = Math.Pow(2, 2 * rng.NextDouble() - 1);
            var g = new double[n];
            for (int i = 0; i < n; i++)
                g[i] = i % 784 < 60 ? 0.0 : i % 101 == 0 ? (i % 2 == 0 ? 1 : -1) * 0.5 : scale * BitwiseInputs.Gaussian(rng) * Math.Exp(BitwiseInputs.Gaussian(rng));
            foreach (int t in new[] { n / 10, n / 3 })
            {
                var expected = StraightforwardSelection.Find(g, t);
                var actual = RelevantSet.Find(g, t, scratch, ref hint);
                Assert.Equal(BitConverter.DoubleToInt64Bits(expected.Threshold), BitConverter.DoubleToInt64Bits(actual.Threshold));
                Assert.Equal(expected.TiesToTake, actual.TiesToTake);
            }
        }
    }

    public static TheoryData<int, double, double, double> WideBrackets()
    {
        // n, the data's scale, the bracket's factor F (the hint's bracket is [θ/F, θ·F]) and where the hint's θ lies
        // against the true threshold. Every bracket holds the threshold and keeps more than 4096 values, so the values it
        // keeps are refined by radix rounds that start at the highest bit in which its two bounds differ: in the exponent
        // (F ≥ 1.5), in the mantissa (F = 1.01 over a million values), at the top (the upper bound past the largest
        // double), and on subnormal magnitudes. Bounds that differ nowhere are the next test's.
        var d = new TheoryData<int, double, double, double>();
        foreach (double f in new[] { 1.5, 2, 16, 1e10, 1e150 })
            foreach (double off in new[] { 1, 1.01, 1 / 1.01 })
                d.Add(100_003, 1, f, off);
        d.Add(1_000_003, 1, 1.01, 1.001);
        d.Add(1_000_003, 1, 1.01, 1 / 1.001);
        d.Add(100_003, 1e200, 1e150, 1);
        d.Add(100_003, 1e-310, 2, 1);
        d.Add(100_003, 1e-310, 1e10, 1.01);
        return d;
    }

    [Theory]
    [MemberData(nameof(WideBrackets))]
    public void A_bracket_that_keeps_many_values_gives_the_straightforward_cut(int n, double scale, double factor, double offset)
    {
        var rng = new Random(n + (int)Math.Log2(factor));
        var g = new double[n];
        for (int i = 0; i < n; i++) g[i] = scale * BitwiseInputs.Gaussian(rng);
        int t = n / 10;
        var expected = StraightforwardSelection.Find(g, t);
        var hint = new SelectionHint { Valid = true, Threshold = expected.Threshold * offset, Factor = factor };
        var actual = RelevantSet.Find(g, t, new double[n], ref hint);
        Assert.True(hint.Factor <= factor, "the bracket was meant to hold the threshold");
        Assert.Equal(BitConverter.DoubleToInt64Bits(expected.Threshold), BitConverter.DoubleToInt64Bits(actual.Threshold));
        Assert.Equal(expected.TiesToTake, actual.TiesToTake);
    }

    [Theory]
    [InlineData(1.0)] [InlineData(1.0000001)]
    public void A_bracket_held_by_ties_alone_gives_the_straightforward_cut(double factor)
    {
        // 20 000 magnitudes equal to 0.5 straddle rank T, with distinct values above and below; the bracket [0.5/F, 0.5·F]
        // keeps the ties only (F = 1: its bounds are one value) and they are refined to 0.5 with T − greater of them taken.
        const int n = 100_003;
        var rng = new Random(5);
        var g = new double[n];
        for (int i = 0; i < n; i++)
            g[i] = i % 5 == 0 ? (i % 2 == 0 ? 0.5 : -0.5) : (rng.Next(2) == 0 ? 0.25 : 1.0) * (1 + rng.NextDouble() * 0.5);
        int ties = g.Count(v => Math.Abs(v) == 0.5), above = g.Count(v => Math.Abs(v) > 0.5);
        int t = above + ties / 2;
        var expected = StraightforwardSelection.Find(g, t);
        Assert.Equal(0.5, expected.Threshold);
        var hint = new SelectionHint { Valid = true, Threshold = 0.5, Factor = factor };
        var actual = RelevantSet.Find(g, t, new double[n], ref hint);
        Assert.True(hint.Factor <= factor, "the bracket was meant to hold the threshold");
        Assert.Equal(BitConverter.DoubleToInt64Bits(expected.Threshold), BitConverter.DoubleToInt64Bits(actual.Threshold));
        Assert.Equal(expected.TiesToTake, actual.TiesToTake);
    }

    [Fact]
    public void All_equal_magnitudes_take_the_first_T_indices()
    {
        var g = Enumerable.Range(0, 10_000).Select(i => i % 2 == 0 ? 0.25 : -0.25).ToArray();
        Assert.Equal(Enumerable.Range(0, 123).ToArray(), RelevantSet.Select(g, 123));
    }

    [Fact]
    public void Zeros_of_both_signs_tie_and_go_to_the_smaller_indices()
    {
        double[] g = [-0.0, 0.0, 3.0, -0.0, 0.0, -3.0, 0.0];
        Assert.Equal(new[] { 0, 1, 2, 5 }, RelevantSet.Select(g, 4));
    }

    [Fact]
    public void Infinite_magnitudes_rank_above_every_finite_one()
    {
        double[] g = [1e308, double.NegativeInfinity, 5.0, double.PositiveInfinity, -1e308];
        Assert.Equal(new[] { 1, 3 }, RelevantSet.Select(g, 2));
        Assert.Equal(new[] { 0, 1, 3 }, RelevantSet.Select(g, 3));
    }

    [Theory]
    [InlineData(0)] [InlineData(5)] [InlineData(9999)]
    public void NaN_is_rejected_naming_its_index(int at)
    {
        foreach (int n in new[] { 10_000, 100_000 })
        {
            var g = Enumerable.Range(0, n).Select(i => (double)i).ToArray();
            g[at] = double.NaN;
            g[n - 1] = double.NaN;
            var ex = Assert.Throws<ArgumentException>(() => RelevantSet.Select(g, 10));
            Assert.Contains($"index {at}", ex.Message);
        }
    }

    [Fact]
    public void NaN_among_infinities_is_rejected()
    {
        foreach (int n in new[] { 10_000, 100_000 })
        {
            var g = Enumerable.Range(0, n).Select(i => i % 3 == 0 ? double.NegativeInfinity : i).ToArray();
            g[17] = -double.NaN;
            var ex = Assert.Throws<ArgumentException>(() => RelevantSet.Select(g, 10));
            Assert.Contains("index 17", ex.Message);
        }
    }

    [Fact]
    public void Find_allocates_nothing()
    {
        var g = BitwiseInputs.Vector(new Random(5), 100_000, 2);
        var scratch = new double[g.Length];
        // In steady state: a thread's first threaded bracket pass creates its job once, and other tests switch the
        // threading thresholds while this one runs (ThreadedStepTests), so one call after one warm-up may be that first.
        SteadyStateAllocation.AssertNone(() => RelevantSet.Find(g, 1000, scratch));
    }

    private static IEnumerable<int> Ts(int n, Random rng) =>
        new[] { 1, n, Math.Max(1, n / 10), Math.Max(1, n - 1), rng.Next(1, n + 1), rng.Next(1, n + 1) }.Distinct();
}
