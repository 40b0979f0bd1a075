using MathNet.Numerics.LinearAlgebra;
using PrunAdag.Data;

namespace PrunAdag.Neural;

/// <summary>
/// The logistic loss f(x) = (1/N) Σ_i log(1 + exp(−z_i y_iᵀx)), labels z_i ∈ {−1, +1} (docs/algorithm.md, E4 and C9), as a
/// mini-batch objective over sparse samples (compressed rows, e.g. a LIBSVM file such as the whole A9A training set).
/// </summary>
/// <remarks>
/// Fixed order: y_iᵀx sums the row's stored entries in increasing feature index; ∂ℓ_i/∂(y_iᵀx) = −z_i σ(−z_i y_iᵀx),
/// with σ(−t) written as exp(−t)/(1 + exp(−t)) for t ≥ 0 and 1/(1 + exp(t)) otherwise (as <see cref="LogisticObjective"/>);
/// each gradient component adds the samples' terms in batch order, then is multiplied by 1/|S|. Entries stored as
/// zero are dropped on construction (their terms are ±0 and change no sum). Allocation-free; not safe to share
/// between threads.
/// </remarks>
public sealed class MiniBatchLogisticObjective : MiniBatchObjective
{
    private readonly int[] _rowStart, _index;
    private readonly double[] _value, _label;

    /// <summary>The objective on every row of a LIBSVM data set, labels ±1.</summary>
    /// <exception cref="ArgumentException">A label is not ±1 (the message names the row), or the schedule's sample count differs.</exception>
    public MiniBatchLogisticObjective(LibSvmData data, BatchSchedule schedule)
        : base((data ?? throw new ArgumentNullException(nameof(data))).FeatureCount, schedule)
    {
        if (schedule.SampleCount != data.Count)
            throw new ArgumentException($"The schedule is for {schedule.SampleCount} samples but the data set has {data.Count} rows.", nameof(schedule));
        // The layout of a LibSvmData built by hand is checked too: one start per row and one at the end, in order, over
        // entries whose feature indices lie in 0..FeatureCount − 1.
        if (data.RowStart is null || data.RowStart.Length != data.Count + 1 || data.RowStart[0] != 0 || data.RowStart[^1] != data.Indices.Length
            || data.Indices.Length != data.Values.Length)
            throw new ArgumentException($"The data's row starts do not fit its {data.Count} rows and {data.Indices.Length} entries (RowStart needs Count + 1 = {data.Count + 1} starts from 0 to the entry count).", nameof(data));
        for (int i = 0; i < data.Count; i++)
        {
            if (data.RowStart[i + 1] < data.RowStart[i])
                throw new ArgumentException($"Row {i + 1}: its start {data.RowStart[i + 1]} comes before the start {data.RowStart[i]} of the row before it.", nameof(data));
            if (data.Labels[i] != 1.0 && data.Labels[i] != -1.0)
                throw new ArgumentException($"Row {i + 1} (counting from 1) has label {data.Labels[i]}; logistic labels must be -1 or +1.", nameof(data));
            for (int p = data.RowStart[i]; p < data.RowStart[i + 1]; p++)
                if ((uint)data.Indices[p] >= (uint)data.FeatureCount)
                    throw new ArgumentException($"Row {i + 1} (counting from 1) has feature index {data.Indices[p]} (0-based), outside 0..{data.FeatureCount - 1}.", nameof(data));
        }
        var rowStart = new int[data.Count + 1];
        var index = new List<int>(data.Indices.Length); var value = new List<double>(data.Values.Length);
        for (int i = 0; i < data.Count; i++)
        {
            for (int p = data.RowStart[i]; p < data.RowStart[i + 1]; p++)
            {
                if (!double.IsFinite(data.Values[p])) throw new ArgumentException($"Row {i + 1} (counting from 1), feature {data.Indices[p] + 1} is {data.Values[p]}; features must be finite.", nameof(data));
                if (data.Values[p] == 0) continue;
                index.Add(data.Indices[p]); value.Add(data.Values[p]);
            }
            rowStart[i + 1] = index.Count;
        }
        _rowStart = rowStart; _index = [.. index]; _value = [.. value]; _label = [.. data.Labels];
    }

    /// <summary>The objective on the rows of a dense matrix (rows are samples), labels ±1.</summary>
    public static MiniBatchLogisticObjective FromDense(Matrix<double> features, Vector<double> labels, BatchSchedule schedule)
    {
        ArgumentNullException.ThrowIfNull(features); ArgumentNullException.ThrowIfNull(labels);
        if (labels.Count != features.RowCount)
            throw new ArgumentException($"labels has {labels.Count} entries but the feature matrix has {features.RowCount} rows (samples).", nameof(labels));
        var rowStart = new int[features.RowCount + 1];
        var index = new List<int>(); var value = new List<double>();
        for (int i = 0; i < features.RowCount; i++)
        {
            for (int j = 0; j < features.ColumnCount; j++)
                if (features[i, j] != 0) { index.Add(j); value.Add(features[i, j]); }
            rowStart[i + 1] = index.Count;
        }
        return new MiniBatchLogisticObjective(new LibSvmData([.. labels], features.ColumnCount, rowStart, [.. index], [.. value]), schedule);
    }

    /// <inheritdoc/>
    public override string Name => $"mini-batch logistic loss ({SampleCount} samples × {Dimension} features)";

    /// <inheritdoc/>
    public override void BatchGradient(ReadOnlySpan<int> samples, ReadOnlySpan<double> x, Span<double> gradient)
    {
        CheckBatch(samples, x, gradient.Length);
        gradient.Clear();
        foreach (int i in samples)
        {
            int start = _rowStart[i], end = _rowStart[i + 1];
            double t = Margin(start, end, x), z = _label[i], zt = z * t;
            double sig = zt >= 0 ? Math.Exp(-zt) / (1 + Math.Exp(-zt)) : 1 / (1 + Math.Exp(zt));
            double c = -z * sig;
            for (int p = start; p < end; p++) gradient[_index[p]] += c * _value[p];
        }
        double inv = 1.0 / samples.Length;
        for (int j = 0; j < gradient.Length; j++) gradient[j] *= inv;
    }

    /// <inheritdoc/>
    public override double BatchValue(ReadOnlySpan<int> samples, ReadOnlySpan<double> x)
    {
        CheckBatch(samples, x, -1);
        double s = 0;
        foreach (int i in samples)
        {
            double m = -_label[i] * Margin(_rowStart[i], _rowStart[i + 1], x);
            s += m > 0 ? m + Log1p(Math.Exp(-m)) : Log1p(Math.Exp(m)); // stable softplus
        }
        return s * (1.0 / samples.Length);
    }

    /// <summary>
    /// The fraction of rows of <paramref name="data"/> (e.g. a9a.t) whose sign of y_iᵀx matches the label, a zero
    /// score predicting −1 (the convention of <see cref="LogisticObjective.Accuracy"/>).
    /// </summary>
    public static double Accuracy(ReadOnlySpan<double> x, LibSvmData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.FeatureCount > x.Length)
            throw new ArgumentException($"The data set has {data.FeatureCount} features; x has {x.Length} entries.", nameof(data));
        int correct = 0;
        for (int i = 0; i < data.Count; i++)
        {
            double t = 0;
            for (int p = data.RowStart[i]; p < data.RowStart[i + 1]; p++) t += data.Values[p] * x[data.Indices[p]];
            if ((t > 0 ? 1.0 : -1.0) == data.Labels[i]) correct++;
        }
        return (double)correct / data.Count;
    }

    private double Margin(int start, int end, ReadOnlySpan<double> x)
    {
        double t = 0;
        for (int p = start; p < end; p++) t += _value[p] * x[_index[p]];
        return t;
    }

    // log(1+y) for y ≥ 0 without losing the digits of tiny y (series below 1e-4), as LogisticObjective.
    private static double Log1p(double y) => y < 1e-4 ? y * (1 - y * (0.5 - y / 3)) : Math.Log(1 + y);
}
