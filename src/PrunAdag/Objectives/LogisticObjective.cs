using MathNet.Numerics.LinearAlgebra;

namespace PrunAdag;

/// <summary>
/// The logistic loss f(x) = (1/N) Σ log(1 + exp(−z_i y_iᵀx)) with labels z_i ∈ {−1, +1}
/// (docs/algorithm.md, E4 and C9: the paper writes {0,1}; ±1 is the intended convention).
/// </summary>
public sealed class LogisticObjective : Objective
{
    private readonly DenseOperator _features;
    private readonly double[] _labels;
    private readonly double[] _margin;
    private readonly LossRows _rows;

    /// <summary>Rows of <paramref name="features"/> are the samples y_i; <paramref name="labels"/> holds z_i ∈ {−1, +1}.</summary>
    public LogisticObjective(Matrix<double> features, Vector<double> labels)
        : this(new DenseOperator(features ?? throw new ArgumentNullException(nameof(features))), labels) { }

    /// <summary>Features as a dense operator (rows are samples).</summary>
    public LogisticObjective(DenseOperator features, Vector<double> labels) : base((features ?? throw new ArgumentNullException(nameof(features))).Columns)
    {
        ArgumentNullException.ThrowIfNull(labels);
        if (labels.Count != features.Rows)
            throw new ArgumentException($"labels has {labels.Count} entries but the feature matrix has N = {features.Rows} rows (samples).", nameof(labels));
        for (int i = 0; i < labels.Count; i++)
            if (labels[i] != 1.0 && labels[i] != -1.0)
                throw new ArgumentException($"labels[{i}] = {labels[i]}; logistic labels must be -1 or +1.", nameof(labels));
        _features = features;
        _labels = labels.ToArray();
        _margin = new double[features.Rows];
        _rows = new LossRows(_labels);
    }

    /// <summary>The feature matrix (rows are samples).</summary>
    public DenseOperator Features => _features;

    /// <summary>The labels z_i ∈ {−1, +1}.</summary>
    public IReadOnlyList<double> Labels => _labels;

    /// <inheritdoc/>
    public override string Name => $"logistic loss ({_features.Rows} samples × {_features.Columns} features)";

    /// <inheritdoc/>
    public override bool HasValue => true;

    /// <inheritdoc/>
    /// <remarks>One read of the features: ∇f = Yᵀc with c_i = −z_i σ(−z_i y_iᵀx)/N, each block of rows giving its
    /// margins y_iᵀx and then its contribution while it is in cache (<see cref="DenseOperator.RowGradient"/>), every
    /// sum in a fixed order.</remarks>
    public override void Gradient(ReadOnlySpan<double> x, Span<double> gradient) => _features.RowGradient(x, _rows, gradient);

    private sealed class LossRows(double[] labels) : RowCoefficients
    {
        private readonly double _invN = 1.0 / labels.Length;

        public override double Coefficient(int row, double margin)
        {
            // d/dt log(1+exp(-z t)) = -z / (1 + exp(z t)), written to stay finite for large |t|.
            double z = labels[row], zt = z * margin;
            double sig = zt >= 0 ? Math.Exp(-zt) / (1 + Math.Exp(-zt)) : 1 / (1 + Math.Exp(zt));
            return -z * sig * _invN;
        }
    }

    /// <inheritdoc/>
    public override double Value(ReadOnlySpan<double> x)
    {
        _features.Multiply(x, _margin);
        double s = 0;
        for (int i = 0; i < _margin.Length; i++)
        {
            double m = -_labels[i] * _margin[i];
            s += m > 0 ? m + Log1p(Math.Exp(-m)) : Log1p(Math.Exp(m)); // stable softplus
        }
        return s / _labels.Length;
    }

    // log(1+y) for y ≥ 0 without losing the digits of tiny y (series below 1e-4).
    private static double Log1p(double y) => y < 1e-4 ? y * (1 - y * (0.5 - y / 3)) : Math.Log(1 + y);

    /// <summary>
    /// Fraction of samples whose predicted label matches: +1 when y_iᵀx &gt; 0, otherwise −1. A zero score
    /// predicts −1, as the paper's {0, 1} labels with "class 1 when the sigmoid exceeds ½" do; after heavy
    /// pruning of sparse binary features (A9A) many scores are exactly 0, so the convention matters.
    /// </summary>
    public static double Accuracy(Vector<double> x, Matrix<double> features, Vector<double> labels)
    {
        ArgumentNullException.ThrowIfNull(x); ArgumentNullException.ThrowIfNull(features); ArgumentNullException.ThrowIfNull(labels);
        if (features.ColumnCount != x.Count) throw new ArgumentException($"x has {x.Count} entries; the features have {features.ColumnCount} columns.", nameof(x));
        if (features.RowCount != labels.Count) throw new ArgumentException($"labels has {labels.Count} entries; the features have {features.RowCount} rows.", nameof(labels));
        if (labels.Count == 0) return double.NaN;
        var t = features * x;
        int correct = 0;
        for (int i = 0; i < t.Count; i++) if ((t[i] > 0 ? 1.0 : -1.0) == labels[i]) correct++;
        return (double)correct / labels.Count;
    }
}
