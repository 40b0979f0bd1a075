namespace PrunAdag.Tests.Neural;

/// <summary>The seeded batch schedule: what batch k holds, reproducibly, from (seed, k) alone.</summary>
public class BatchScheduleTests
{
    [Fact]
    public void Without_shuffling_the_batches_are_consecutive_index_ranges_and_the_short_one_is_kept()
    {
        var s = new BatchSchedule(10, 4, shuffle: false);
        Assert.Equal(3, s.BatchesPerEpoch);
        Assert.Equal([0, 1, 2, 3], s.GetBatch(0));
        Assert.Equal([4, 5, 6, 7], s.GetBatch(1));
        Assert.Equal([8, 9], s.GetBatch(2));
        Assert.Equal([0, 1, 2, 3], s.GetBatch(3)); // epoch 1 starts over
        Assert.Equal(2, s.BatchLength(5));
        Assert.Equal(1, s.EpochOf(5));
        Assert.True(s.EndsEpoch(2)); Assert.False(s.EndsEpoch(3));
    }

    [Fact]
    public void Drop_last_drops_the_short_batch()
    {
        var s = new BatchSchedule(10, 4, shuffle: false, dropLast: true);
        Assert.Equal(2, s.BatchesPerEpoch);
        Assert.Equal(8, s.SamplesPerEpoch);
        Assert.Equal([0, 1, 2, 3], s.GetBatch(2)); // batch 2 is the next epoch's first
        Assert.Equal(4, s.BatchLength(1));
    }

    [Fact]
    public void Each_shuffled_epoch_is_a_permutation_covered_by_its_batches()
    {
        var s = new BatchSchedule(103, 10, shuffle: true, seed: 5);
        Assert.Equal(11, s.BatchesPerEpoch);
        var epochs = new List<int[]>();
        for (int e = 0; e < 4; e++)
        {
            var seen = new List<int>();
            for (int b = 0; b < s.BatchesPerEpoch; b++) seen.AddRange(s.GetBatch(e * s.BatchesPerEpoch + b));
            Assert.Equal(Enumerable.Range(0, 103), seen.Order());
            epochs.Add(seen.ToArray());
        }
        // Fresh orders: no two epochs alike, and not the identity.
        for (int e = 0; e < 4; e++)
        {
            Assert.NotEqual(Enumerable.Range(0, 103).ToArray(), epochs[e]);
            for (int f = e + 1; f < 4; f++) Assert.NotEqual(epochs[e], epochs[f]);
        }
    }

    [Fact]
    public void Batch_k_is_a_pure_function_of_seed_and_k_whatever_was_asked_before()
    {
        var forward = new BatchSchedule(1000, 64, seed: 42);
        var answers = Enumerable.Range(0, 60).Select(forward.GetBatch).ToArray();
        // A fresh schedule asked in another order (restart at k, jumps back across epochs) gives the same batches.
        var other = new BatchSchedule(1000, 64, seed: 42);
        foreach (int k in new[] { 37, 3, 59, 0, 16, 15, 31, 32, 47 })
            Assert.Equal(answers[k], other.GetBatch(k));
        Assert.NotEqual(answers[0], new BatchSchedule(1000, 64, seed: 43).GetBatch(0));
    }

    [Fact]
    public void The_shuffle_follows_the_documented_SplitMix64_Fisher_Yates_rule()
    {
        // Independent restatement of the remark: state = (seed << 32) | epoch; for i = 0..N−2, j = i + ⌊r·(N−i)/2⁶⁴⌋.
        const int n = 50, epoch = 3; int seed = -7;
        ulong state = (unchecked((ulong)(uint)seed) << 32) | epoch;
        var expected = Enumerable.Range(0, n).ToArray();
        for (int i = 0; i < n - 1; i++)
        {
            state += 0x9E3779B97F4A7C15UL;
            ulong z = state;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            z ^= z >> 31;
            int j = i + (int)(System.Numerics.BigInteger.Multiply(z, n - i) >> 64);
            (expected[i], expected[j]) = (expected[j], expected[i]);
        }
        var s = new BatchSchedule(n, n, seed: seed);
        Assert.Equal(expected, s.GetBatch(epoch));
    }

    [Fact]
    public void SplitMix64_matches_its_published_first_output()
    {
        // The reference implementation's first output for state 0 (Vigna's splitmix64.c): 0xE220A8397B1DCDAF.
        ulong state = 0;
        Assert.Equal(0xE220A8397B1DCDAFUL, BatchSchedule.SplitMix64(ref state));
    }

    [Fact]
    public void Getting_a_batch_allocates_nothing()
    {
        var s = new BatchSchedule(5000, 128, seed: 1);
        var buffer = new int[128];
        int k = 0;
        PrunAdag.Tests.Performance.SteadyStateAllocation.AssertNone(() => { for (int i = 0; i < 50; i++) s.GetBatch(k++, buffer); });
    }

    [Fact]
    public void Bad_arguments_are_named()
    {
        Assert.Contains("samples N", Assert.Throws<ArgumentOutOfRangeException>(() => new BatchSchedule(0, 4)).Message);
        Assert.Contains("batch size B", Assert.Throws<ArgumentOutOfRangeException>(() => new BatchSchedule(4, 0)).Message);
        Assert.Contains("leaves no batch", Assert.Throws<ArgumentOutOfRangeException>(() => new BatchSchedule(4, 5, dropLast: true)).Message);
        var s = new BatchSchedule(10, 4);
        Assert.Contains("k must be", Assert.Throws<ArgumentOutOfRangeException>(() => s.GetBatch(-1)).Message);
        Assert.Contains("room for 3", Assert.Throws<ArgumentException>(() => s.GetBatch(0, new int[3])).Message);
    }
}
