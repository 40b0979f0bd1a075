namespace PrunAdag;

/// <summary>
/// An objective f(x) = (1/N) Σ_i ℓ_i(x) over N samples whose minimisers take the gradient at iteration k on
/// batch k of a seeded <see cref="BatchSchedule"/>: ∇f_{S_k}(x) = (1/|S_k|) Σ_{i∈S_k} ∇ℓ_i(x).
/// </summary>
/// <remarks>
/// <para><see cref="Objective.Gradient(ReadOnlySpan{double}, Span{double})"/> is the full-data gradient
/// (all N samples in index order), the one the pruning measure ρ = ‖∇f(x̄)‖ and any evaluation use;
/// a minimizer calls <see cref="BatchGradient(int, ReadOnlySpan{double}, Span{double})"/> at iteration k.</para>
/// <para>Both are the one <see cref="BatchGradient(ReadOnlySpan{int}, ReadOnlySpan{double}, Span{double})"/> of a
/// sample list, so with the batch equal to the whole data set and no shuffling
/// (<see cref="BatchSchedule.FullBatch"/>) every batch gradient is bitwise the full gradient and a mini-batch
/// run is bitwise the deterministic run. Implementations must make the result depend on the samples and
/// their order only (not on how they process them internally).</para>
/// </remarks>
public abstract class MiniBatchObjective : Objective
{
    private readonly int[] _batch;
    private readonly int[] _all;

    /// <summary>Creates the objective.</summary>
    /// <param name="dimension">n.</param>
    /// <param name="schedule">The batches; its <see cref="BatchSchedule.SampleCount"/> is the number of samples N.</param>
    protected MiniBatchObjective(int dimension, BatchSchedule schedule) : base(dimension)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        Schedule = schedule;
        _batch = new int[schedule.MaxBatchSize];
        _all = new int[schedule.SampleCount];
        for (int i = 0; i < _all.Length; i++) _all[i] = i;
    }

    /// <summary>The batch schedule.</summary>
    public BatchSchedule Schedule { get; }

    /// <summary>N, the number of samples.</summary>
    public int SampleCount => Schedule.SampleCount;

    /// <summary>Writes the gradient of the mean loss over batch k of <see cref="Schedule"/> into <paramref name="gradient"/>.</summary>
    /// <param name="k">The iteration (≥ 0).</param>
    /// <param name="x">The point, length n.</param>
    /// <param name="gradient">Receives ∇f_{S_k}(x), length n.</param>
    public void BatchGradient(int k, ReadOnlySpan<double> x, Span<double> gradient)
    {
        int count = Schedule.GetBatch(k, _batch);
        BatchGradient(_batch.AsSpan(0, count), x, gradient);
    }

    /// <summary>The mean loss over batch k of <see cref="Schedule"/>.</summary>
    public double BatchValue(int k, ReadOnlySpan<double> x)
    {
        int count = Schedule.GetBatch(k, _batch);
        return BatchValue(_batch.AsSpan(0, count), x);
    }

    /// <summary>Writes (1/|S|) Σ_{i∈S} ∇ℓ_i(x) for the samples S (indices in 0..N−1, in this order; repeats allowed).</summary>
    public abstract void BatchGradient(ReadOnlySpan<int> samples, ReadOnlySpan<double> x, Span<double> gradient);

    /// <summary>(1/|S|) Σ_{i∈S} ℓ_i(x) for the samples S.</summary>
    public abstract double BatchValue(ReadOnlySpan<int> samples, ReadOnlySpan<double> x);

    /// <summary>The full-data gradient: <see cref="BatchGradient(ReadOnlySpan{int}, ReadOnlySpan{double}, Span{double})"/> over 0, 1, …, N − 1.</summary>
    public sealed override void Gradient(ReadOnlySpan<double> x, Span<double> gradient) => BatchGradient(_all, x, gradient);

    /// <inheritdoc/>
    public sealed override bool HasValue => true;

    /// <summary>The full-data mean loss f(x).</summary>
    public sealed override double Value(ReadOnlySpan<double> x) => BatchValue(_all, x);

    /// <summary>Checks a sample list and the spans' lengths (for implementations).</summary>
    /// <exception cref="ArgumentException">An empty list, a wrong length, or an index outside 0..N−1.</exception>
    protected void CheckBatch(ReadOnlySpan<int> samples, ReadOnlySpan<double> x, int gradientLength)
    {
        if (samples.IsEmpty) throw new ArgumentException("The batch holds no samples.", nameof(samples));
        if (x.Length != Dimension)
            throw new ArgumentException($"x has {x.Length} entries but the objective '{Name}' has dimension n = {Dimension}.", nameof(x));
        if (gradientLength >= 0 && gradientLength != Dimension)
            throw new ArgumentException($"gradient has {gradientLength} entries but the objective '{Name}' has dimension n = {Dimension}.", "gradient");
        int n = SampleCount;
        for (int i = 0; i < samples.Length; i++)
            if ((uint)samples[i] >= (uint)n)
                throw new ArgumentOutOfRangeException(nameof(samples), samples[i], $"samples[{i}] = {samples[i]} is outside 0..{n - 1} (the objective has N = {n} samples).");
    }
}
