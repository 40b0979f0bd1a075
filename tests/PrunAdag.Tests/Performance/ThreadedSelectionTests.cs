using PrunAdag.Numerics;

namespace PrunAdag.Tests.Performance;

/// <summary>
/// Step 1's bracket pass over a long g runs in the blocks of a step pass on several threads: the cut (threshold and
/// ties to take) is the one of the straightforward selection at every thread count, hinted or not, with ties spread
/// over many blocks, and a NaN is reported at its index as on one thread.
/// </summary>
public class ThreadedSelectionTests
{
    private static readonly int[] Threads = [1, 2, 3, int.MaxValue];

    [Fact]
    public void The_cut_is_the_straightforward_one_on_any_thread_count()
    {
        int cases = 0;
        ThreadedStepTests.WithBlocksFrom(64, () =>
        {
            foreach (int n in new[] { 64, 1001, 4099 })
            {
                Assert.True(StepPass.Blocks(n) > 1);
                for (int kind = 0; kind <= 4; kind++)
                    foreach (int t in new[] { 1, n / 10, n / 2, n - 1 })
                    {
                        var g = BitwiseInputs.Vector(new Random(n + 10 * kind + t), n, kind);
                        var expected = StraightforwardSelection.Find(g, t);
                        foreach (int threads in Threads)
                        {
                            RelevantCut cut = default;
                            ThreadedStepTests.WithThreads(threads, () => cut = RelevantSet.Find(g, t, new double[n]));
                            AssertSameCut(expected, cut, $"n={n} kind={kind} T={t} threads={threads}");
                            cases++;
                        }
                    }
            }
        });
        Assert.Equal(3 * 5 * 4 * Threads.Length, cases);
    }

    [Fact]
    public void A_hinted_sequence_selects_alike_on_one_thread_and_on_several()
    {
        // Successive gradients that drift a little, as a run's do: the hint's bracket holds the threshold most times
        // (the threaded bracket pass then decides alone) and misses sometimes (then the wider bracket or the full select).
        const int n = 5000, t = 500;
        ThreadedStepTests.WithBlocksFrom(64, () =>
        {
            var rng = new Random(3);
            var g = BitwiseInputs.Vector(rng, n, 0);
            SelectionHint one = default, many = default;
            double[] scratchOne = new double[n], scratchMany = new double[n];
            for (int k = 0; k < 40; k++)
            {
                for (int i = 0; i < n; i++) g[i] *= 1 + 0.05 * (rng.NextDouble() - 0.5) * (k % 7 == 6 ? 40 : 1);
                var expected = StraightforwardSelection.Find(g, t);
                RelevantCut a = default, b = default;
                ThreadedStepTests.WithThreads(1, () => a = RelevantSet.Find(g, t, scratchOne, ref one));
                ThreadedStepTests.WithThreads(int.MaxValue, () => b = RelevantSet.Find(g, t, scratchMany, ref many));
                AssertSameCut(expected, a, $"one thread, k={k}");
                AssertSameCut(expected, b, $"every thread, k={k}");
            }
        });
    }

    [Fact]
    public void A_NaN_in_any_block_is_reported_at_its_index()
    {
        const int n = 1001;
        ThreadedStepTests.WithBlocksFrom(64, () =>
        {
            foreach (int at in new[] { 0, 63, 64, 500, 999, 1000 })
            {
                var g = BitwiseInputs.Vector(new Random(at), n, 0);
                g[at] = double.NaN;
                foreach (int threads in Threads)
                {
                    var e = Assert.Throws<ArgumentException>(() =>
                        ThreadedStepTests.WithThreads(threads, () => RelevantSet.Find(g, 100, new double[n])));
                    Assert.Contains($"NaN at index {at}", e.Message);
                }
            }
        });
    }

    private static void AssertSameCut(RelevantCut expected, RelevantCut actual, string where)
    {
        Assert.True(BitConverter.DoubleToInt64Bits(expected.Threshold) == BitConverter.DoubleToInt64Bits(actual.Threshold),
            $"threshold ({where}): expected {expected.Threshold:R}, got {actual.Threshold:R}");
        Assert.True(expected.TiesToTake == actual.TiesToTake && expected.All == actual.All,
            $"ties ({where}): expected {expected.TiesToTake} (all: {expected.All}), got {actual.TiesToTake} (all: {actual.All})");
    }
}
