using PrunAdag.Neural;
using PrunAdag.Numerics;

namespace PrunAdag.Tests.Performance;

/// <summary>
/// A long vector's step runs in blocks on several threads (<see cref="StepPass"/>) with the bits and counts of the
/// one-thread step: against the frozen straightforward kernels at every thread count, with R_k's ties spread over
/// several blocks and over the ranges of a layout, and at the production block sizes.
/// </summary>
public class ThreadedStepTests
{
    private static readonly object s_gate = new();

    public static TheoryData<string> Methods() => new() { "V1", "V2", "V3", "V4", "RelevantOnly-V3", "Adagrad" };

    [Theory]
    [MemberData(nameof(Methods))]
    public void Blocks_on_any_thread_count_give_bitwise_the_straightforward_iterates(string method)
    {
        const int n = 1001; // with blocks from 64 components: 16 blocks, the last one shorter
        WithBlocksFrom(64, () =>
        {
            Assert.Equal(16, StepPass.Blocks(n));
            foreach (int threads in new[] { int.MaxValue, 1, 2, 3 })
                for (int kind = 0; kind <= 4; kind++)
                    foreach (int t in new[] { 1, 100, 500, n })
                    {
                        var rng = new Random(kind * 10 + t);
                        var (fast, slow) = KernelBitwiseEquivalenceTests.Create(method, n, t);
                        var xf = BitwiseInputs.Vector(rng, n, kind); var xs = (double[])xf.Clone();
                        for (int k = 0; k < 6; k++)
                        {
                            // Kinds 1 and 3 repeat a few magnitudes: the threshold's ties then lie in many blocks.
                            var g = BitwiseInputs.Vector(rng, n, (kind + k) % 5);
                            WithThreads(threads, () => KernelBitwiseEquivalenceTests.StepBoth(fast, slow, k, xf, xs, g,
                                $"{method} threads={threads} kind={kind} T={t} k={k}"));
                        }
                    }
        });
    }

    [Fact]
    public void Ties_are_handed_out_in_index_order_across_blocks_and_ranges()
    {
        // Every |g_i| is 1 or 2: with T between the counts, R_k is all the 2s and the first (T − #2s) of the 1s in index
        // order, which here lie in several blocks of both ranges (C1, C19).
        const int n = 1200;
        (int, int)[] ranges = [(0, 500), (600, 600)];
        var rng = new Random(5);
        WithBlocksFrom(64, () =>
        {
            foreach (var variant in new[] { Variant.V1, Variant.V3 })
            {
                var threaded = new PrunAdagKernel(n, ranges, 400, variant, false, 0.01, 1.0);
                double[] xt = BitwiseInputs.Vector(rng, n, 0), xo = (double[])xt.Clone();
                PrunAdagKernel? single = null;
                WithBlocksFrom(int.MaxValue, () => single = new PrunAdagKernel(n, ranges, 400, variant, false, 0.01, 1.0));
                for (int k = 0; k < 5; k++)
                {
                    var g = new double[n];
                    for (int i = 0; i < n; i++) g[i] = (rng.Next(8) == 0 ? 2.0 : 1.0) * (rng.Next(2) == 0 ? -1 : 1);
                    var ct = threaded.Step(k, xt, g, 1e-3);
                    StepCounts co = default;
                    WithBlocksFrom(int.MaxValue, () => co = single!.Step(k, xo, g, 1e-3));
                    BitwiseInputs.AssertBitwiseEqual(xo, xt, $"x ({variant}, k={k})");
                    BitwiseInputs.AssertBitwiseEqual(single!.OptimisationWeights, threaded.OptimisationWeights, $"wO ({variant}, k={k})");
                    BitwiseInputs.AssertBitwiseEqual(single.DecreaseWeights, threaded.DecreaseWeights, $"wD ({variant}, k={k})");
                    Assert.Equal(co, ct);
                }
            }
        });
    }

    [Fact]
    public void Adam_in_blocks_is_bitwise_Adam_in_one_pass()
    {
        const int n = 777;
        foreach (var p in new[] { new AdamParameters(), new AdamParameters { WeightDecay = 0.01 }, new AdamParameters { Amsgrad = true } })
        {
            AdamKernel? one = null, blocks = null;
            WithBlocksFrom(int.MaxValue, () => one = new AdamKernel(n, p));
            WithBlocksFrom(64, () => blocks = new AdamKernel(n, p));
            var rng = new Random(3);
            var x1 = BitwiseInputs.Vector(rng, n, 4); var x2 = (double[])x1.Clone();
            for (int k = 0; k < 5; k++)
            {
                var g = BitwiseInputs.Vector(rng, n, k % 5);
                StepCounts c1 = default, c2 = default;
                WithBlocksFrom(int.MaxValue, () => c1 = one!.Step(k, x1, g, 1e-3));
                WithBlocksFrom(64, () => WithThreads(2, () => c2 = blocks!.Step(k, x2, g, 1e-3)));
                BitwiseInputs.AssertBitwiseEqual(x1, x2, $"x ({p}, k={k})");
                BitwiseInputs.AssertBitwiseEqual(one!.FirstMoment, blocks!.FirstMoment, $"m ({p}, k={k})");
                BitwiseInputs.AssertBitwiseEqual(one.SecondMoment, blocks.SecondMoment, $"v ({p}, k={k})");
                Assert.Equal(c1, c2);
            }
        }
    }

    [Theory]
    [InlineData("V3")]
    [InlineData("Adagrad")]
    public void Production_block_sizes_give_bitwise_the_straightforward_iterates(string method)
    {
        int n = 3 * StepPass.ThreadedFrom + 5; // threaded with the library's own thresholds
        Assert.True(StepPass.Blocks(n) > 1);
        var rng = new Random(11);
        var (fast, slow) = KernelBitwiseEquivalenceTests.Create(method, n, n / 10);
        var xf = BitwiseInputs.Vector(rng, n, 2); var xs = (double[])xf.Clone();
        for (int k = 0; k < 4; k++)
            KernelBitwiseEquivalenceTests.StepBoth(fast, slow, k, xf, xs, BitwiseInputs.Vector(rng, n, (2 + k) % 5), $"{method} k={k}");
    }

    [Fact]
    public void Blocks_cover_the_vector_in_order_whatever_its_length()
    {
        WithBlocksFrom(64, () =>
        {
            foreach (int n in new[] { 1, 63, 64, 65, 127, 1000, 1001, 5000 })
            {
                int blocks = StepPass.Blocks(n), next = 0;
                Assert.InRange(blocks, 1, StepPass.MaxBlocks);
                for (int b = 0; b < blocks; b++)
                {
                    var (s, e) = StepPass.Block(n, blocks, b);
                    Assert.Equal(next, s);
                    Assert.True(e >= s, $"n={n} block {b}: [{s}, {e})");
                    next = e;
                }
                Assert.Equal(n, next);
            }
        });
    }

    internal static void WithBlocksFrom(int length, Action action)
    {
        lock (s_gate)
        {
            int before = StepPass.ThreadedFrom;
            StepPass.ThreadedFrom = length;
            try { action(); }
            finally { StepPass.ThreadedFrom = before; }
        }
    }

    internal static void WithThreads(int threads, Action action)
    {
        int before = Parallelism.ThreadLimit;
        Parallelism.ThreadLimit = threads;
        try { action(); }
        finally { Parallelism.ThreadLimit = before; }
    }
}
