namespace PrunAdag;

/// <summary>
/// Which samples make up batch k of a mini-batch run: N samples split into batches of size B, in a fresh
/// seeded order every epoch (or in index order), the last short batch kept or dropped. Batch k is a pure
/// function of (seed, k), so a run is reproducible and can be restarted at any iteration.
/// </summary>
/// <remarks>
/// <para>Epoch e = ⌊k / P⌋ and position p = k mod P, with P = <see cref="BatchesPerEpoch"/>. Batch k holds
/// the entries p·B … min((p+1)·B, N) − 1 of epoch e's order.</para>
/// <para>Epoch e's order without shuffling is 0, 1, …, N − 1. With shuffling it is a Fisher–Yates shuffle of
/// 0 … N − 1: for i = 0 … N − 2, swap entry i with entry j = i + ⌊r_i · (N − i) / 2⁶⁴⌋, where r_0, r_1, … are
/// the successive outputs of SplitMix64 (Steele, Lea and Flood 2014: state += 0x9E3779B97F4A7C15, then
/// z = state; z = (z ⊕ (z ≫ 30))·0xBF58476D1CE4E5B9; z = (z ⊕ (z ≫ 27))·0x94D049BB133111EB; r = z ⊕ (z ≫ 31))
/// started from the state (seed as 32 unsigned bits) · 2³² + e. The multiply-shift range reduction is biased
/// by at most N / 2⁶⁴, far below anything a run can see; it keeps the rule a few integer operations that any
/// language reproduces exactly, and allocation-free.</para>
/// <para>The schedule caches the current epoch's order (one int array of length N), so it is not safe to
/// share between threads; create one per run (as for objectives).</para>
/// </remarks>
public sealed class BatchSchedule
{
    private readonly int[] _order;
    private int _orderEpoch = -1;

    /// <summary>Creates a schedule.</summary>
    /// <param name="sampleCount">N ≥ 1, the number of samples.</param>
    /// <param name="batchSize">B ≥ 1; a B above N means one batch of all samples per epoch.</param>
    /// <param name="shuffle">Reorder the samples at the start of every epoch (from <paramref name="seed"/>); false: index order.</param>
    /// <param name="seed">Fixes every epoch's order (ignored without shuffling).</param>
    /// <param name="dropLast">Drop the last batch of an epoch when it is shorter than B.</param>
    /// <exception cref="ArgumentOutOfRangeException">N or B is not positive, or dropping the short batch leaves no batch (B &gt; N).</exception>
    public BatchSchedule(int sampleCount, int batchSize, bool shuffle = true, int seed = 0, bool dropLast = false)
    {
        if (sampleCount < 1)
            throw new ArgumentOutOfRangeException(nameof(sampleCount), sampleCount, "The number of samples N must be at least 1.");
        if (batchSize < 1)
            throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, "The batch size B must be at least 1.");
        if (dropLast && batchSize > sampleCount)
            throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize,
                $"With dropLast, a batch size B = {batchSize} above the N = {sampleCount} samples leaves no batch at all.");
        SampleCount = sampleCount;
        BatchSize = batchSize;
        Shuffle = shuffle;
        Seed = seed;
        DropLast = dropLast;
        BatchesPerEpoch = dropLast ? sampleCount / batchSize : (sampleCount + batchSize - 1) / batchSize;
        _order = new int[sampleCount];
    }

    /// <summary>One batch of all N samples in index order per epoch: mini-batch iteration k is then the deterministic iteration k.</summary>
    public static BatchSchedule FullBatch(int sampleCount) => new(sampleCount, sampleCount, shuffle: false);

    /// <summary>N.</summary>
    public int SampleCount { get; }

    /// <summary>B.</summary>
    public int BatchSize { get; }

    /// <summary>True when every epoch has its own seeded order.</summary>
    public bool Shuffle { get; }

    /// <summary>The seed of the epoch orders.</summary>
    public int Seed { get; }

    /// <summary>True when an epoch's short last batch is dropped.</summary>
    public bool DropLast { get; }

    /// <summary>P: ⌊N / B⌋ with <see cref="DropLast"/>, otherwise ⌈N / B⌉.</summary>
    public int BatchesPerEpoch { get; }

    /// <summary>The largest batch, min(B, N): what buffers must hold.</summary>
    public int MaxBatchSize => Math.Min(BatchSize, SampleCount);

    /// <summary>The samples one epoch visits: P·B with <see cref="DropLast"/>, otherwise N.</summary>
    public int SamplesPerEpoch => DropLast ? BatchesPerEpoch * BatchSize : SampleCount;

    /// <summary>The epoch of iteration k: ⌊k / P⌋.</summary>
    public int EpochOf(int k)
    {
        CheckIteration(k);
        return k / BatchesPerEpoch;
    }

    /// <summary>True when iteration k is the last batch of its epoch (an evaluation point "every epoch").</summary>
    public bool EndsEpoch(int k)
    {
        CheckIteration(k);
        return k % BatchesPerEpoch == BatchesPerEpoch - 1;
    }

    /// <summary>The number of samples in batch k.</summary>
    public int BatchLength(int k)
    {
        CheckIteration(k);
        int start = k % BatchesPerEpoch * BatchSize;
        return Math.Min(BatchSize, SampleCount - start);
    }

    /// <summary>Writes the sample indices of batch k into <paramref name="samples"/> and returns their count (allocation-free).</summary>
    /// <exception cref="ArgumentOutOfRangeException">k is negative.</exception>
    /// <exception cref="ArgumentException"><paramref name="samples"/> is shorter than <see cref="MaxBatchSize"/>.</exception>
    public int GetBatch(int k, Span<int> samples)
    {
        CheckIteration(k);
        if (samples.Length < MaxBatchSize)
            throw new ArgumentException($"samples has room for {samples.Length} indices; a batch can hold {MaxBatchSize}.", nameof(samples));
        int epoch = k / BatchesPerEpoch, start = k % BatchesPerEpoch * BatchSize;
        int count = Math.Min(BatchSize, SampleCount - start);
        if (!Shuffle)
        {
            for (int i = 0; i < count; i++) samples[i] = start + i;
            return count;
        }
        if (_orderEpoch != epoch) FillOrder(epoch);
        _order.AsSpan(start, count).CopyTo(samples);
        return count;
    }

    /// <summary>The sample indices of batch k (allocates; see <see cref="GetBatch(int, Span{int})"/> for the allocation-free form).</summary>
    public int[] GetBatch(int k)
    {
        var s = new int[MaxBatchSize];
        int count = GetBatch(k, s);
        return count == s.Length ? s : s[..count];
    }

    private void FillOrder(int epoch)
    {
        var order = _order;
        for (int i = 0; i < order.Length; i++) order[i] = i;
        ulong state = ((ulong)(uint)Seed << 32) | (uint)epoch;
        for (int i = 0; i < order.Length - 1; i++)
        {
            ulong r = SplitMix64(ref state);
            int j = i + (int)Math.BigMul(r, (ulong)(order.Length - i), out _);
            (order[i], order[j]) = (order[j], order[i]);
        }
        _orderEpoch = epoch;
    }

    internal static ulong SplitMix64(ref ulong state)
    {
        state += 0x9E3779B97F4A7C15UL;
        ulong z = state;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    private static void CheckIteration(int k)
    {
        if (k < 0) throw new ArgumentOutOfRangeException(nameof(k), k, "The iteration k must be ≥ 0.");
    }

    /// <inheritdoc/>
    public override string ToString() =>
        $"{SampleCount} samples in batches of {BatchSize} ({BatchesPerEpoch} per epoch{(DropLast ? ", short batch dropped" : "")}, " +
        (Shuffle ? $"shuffled every epoch from seed {Seed})" : "in index order)");
}
