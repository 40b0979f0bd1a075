using MathNet.Numerics.LinearAlgebra;

namespace PrunAdag.Neural;

/// <summary>
/// An immutable classification data set: <see cref="Count"/> samples of <see cref="FeatureCount"/> features
/// (held row-major, one row per sample) with class labels 0 … <see cref="ClassCount"/> − 1. Objectives and
/// evaluations built on it share it without copying.
/// </summary>
public sealed class LabelledData
{
    private readonly double[] _features;
    private readonly int[] _labels;

    /// <summary>A data set from row-major features (copied) and labels.</summary>
    /// <param name="features">Count × featureCount values, sample after sample; all finite.</param>
    /// <param name="featureCount">Features per sample (≥ 1).</param>
    /// <param name="labels">One label per sample, each in 0 … classCount − 1.</param>
    /// <param name="classCount">The number of classes (≥ 2).</param>
    /// <param name="name">A short description for summaries.</param>
    /// <exception cref="ArgumentException">Sizes that disagree, a non-finite feature or a label out of range (the message names the sample).</exception>
    public LabelledData(ReadOnlySpan<double> features, int featureCount, ReadOnlySpan<int> labels, int classCount, string? name = null)
        : this(features.ToArray(), featureCount, labels.ToArray(), classCount, name, validate: true) { }

    internal LabelledData(double[] features, int featureCount, int[] labels, int classCount, string? name, bool validate)
    {
        if (featureCount < 1) throw new ArgumentOutOfRangeException(nameof(featureCount), featureCount, "A sample needs at least one feature.");
        if (classCount < 2) throw new ArgumentOutOfRangeException(nameof(classCount), classCount, "A classifier needs at least two classes.");
        if (labels.Length == 0) throw new ArgumentException("The data set holds no samples.", nameof(labels));
        if ((long)labels.Length * featureCount != features.LongLength)
            throw new ArgumentException($"{labels.Length} samples of {featureCount} features need {(long)labels.Length * featureCount} values; features holds {features.LongLength}.", nameof(features));
        if (validate)
        {
            for (int i = 0; i < labels.Length; i++)
                if ((uint)labels[i] >= (uint)classCount)
                    throw new ArgumentException($"Sample {i} has label {labels[i]}, outside 0..{classCount - 1}.", nameof(labels));
            for (long p = 0; p < features.LongLength; p++)
                if (!double.IsFinite(features[p]))
                    throw new ArgumentException($"Sample {p / featureCount}, feature {p % featureCount} is {features[p]}; features must be finite.", nameof(features));
        }
        _features = features;
        _labels = labels;
        FeatureCount = featureCount;
        ClassCount = classCount;
        Name = name ?? $"{labels.Length} samples × {featureCount} features, {classCount} classes";
    }

    /// <summary>A data set from a MathNet matrix (rows are samples) and labels.</summary>
    public static LabelledData FromMatrix(Matrix<double> features, IReadOnlyList<int> labels, int classCount, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(labels);
        if (features.RowCount != labels.Count)
            throw new ArgumentException($"The feature matrix has {features.RowCount} rows (samples) but there are {labels.Count} labels.", nameof(labels));
        var data = new double[(long)features.RowCount * features.ColumnCount];
        for (int i = 0; i < features.RowCount; i++)
            for (int j = 0; j < features.ColumnCount; j++) data[(long)i * features.ColumnCount + j] = features[i, j];
        return new LabelledData(data, features.ColumnCount, labels.ToArray(), classCount, name, validate: true);
    }

    /// <summary>The number of samples.</summary>
    public int Count => _labels.Length;

    /// <summary>Features per sample.</summary>
    public int FeatureCount { get; }

    /// <summary>The number of classes.</summary>
    public int ClassCount { get; }

    /// <summary>A short description.</summary>
    public string Name { get; }

    /// <summary>The features of sample <paramref name="i"/>.</summary>
    public ReadOnlySpan<double> Features(int i)
    {
        if ((uint)i >= (uint)Count) throw new ArgumentOutOfRangeException(nameof(i), i, $"There are {Count} samples.");
        return _features.AsSpan(i * FeatureCount, FeatureCount);
    }

    /// <summary>The label of sample <paramref name="i"/>.</summary>
    public int Label(int i) => (uint)i < (uint)_labels.Length ? _labels[i]
        : throw new ArgumentOutOfRangeException(nameof(i), i, $"There are {Count} samples.");

    /// <summary>All labels.</summary>
    public IReadOnlyList<int> Labels => _labels;

    /// <summary>How many samples each class has.</summary>
    public int[] ClassCounts()
    {
        var c = new int[ClassCount];
        foreach (int l in _labels) c[l]++;
        return c;
    }

    /// <summary>The samples <paramref name="rows"/> (in that order) as a new data set.</summary>
    public LabelledData Subset(IReadOnlyList<int> rows, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0) throw new ArgumentException("A subset needs at least one row; got none.", nameof(rows));
        var f = new double[(long)rows.Count * FeatureCount];
        var l = new int[rows.Count];
        for (int k = 0; k < rows.Count; k++)
        {
            int i = rows[k];
            if ((uint)i >= (uint)Count) throw new ArgumentOutOfRangeException(nameof(rows), i, $"Row index out of range; there are {Count} samples.");
            Array.Copy(_features, (long)i * FeatureCount, f, (long)k * FeatureCount, FeatureCount);
            l[k] = _labels[i];
        }
        return new LabelledData(f, FeatureCount, l, ClassCount, name ?? $"{rows.Count} of {Name}", validate: false);
    }

    internal double[] RawFeatures => _features;

    /// <inheritdoc/>
    public override string ToString() => Name;
}
