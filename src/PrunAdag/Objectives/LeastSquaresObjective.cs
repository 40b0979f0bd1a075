using MathNet.Numerics.LinearAlgebra;

namespace PrunAdag;

/// <summary>f(x) = ½‖Ax − b‖², ∇f(x) = Aᵀ(Ax − b) (spec, experiments 1–3).</summary>
public sealed class LeastSquaresObjective : Objective
{
    private readonly double[] _b;
    private readonly double[] _residual;

    /// <summary>Dense A (copied into a row-major operator).</summary>
    public LeastSquaresObjective(Matrix<double> a, Vector<double> b)
        : this(new DenseOperator(a ?? throw new ArgumentNullException(nameof(a))), b) { }

    /// <summary>Matrix-free A.</summary>
    public LeastSquaresObjective(ILinearOperator a, Vector<double> b) : base((a ?? throw new ArgumentNullException(nameof(a))).Columns)
    {
        ArgumentNullException.ThrowIfNull(b);
        if (b.Count != a.Rows)
            throw new ArgumentException($"b has {b.Count} entries but A has m = {a.Rows} rows.", nameof(b));
        for (int i = 0; i < b.Count; i++)
            if (!double.IsFinite(b[i]))
                throw new ArgumentException($"b has a non-finite entry {b[i]} at index {i}.", nameof(b));
        Operator = a;
        _b = b.ToArray();
        _residual = new double[a.Rows];
    }

    /// <summary>A.</summary>
    public ILinearOperator Operator { get; }

    /// <summary>b.</summary>
    public Vector<double> B => Vector<double>.Build.Dense((double[])_b.Clone());

    /// <inheritdoc/>
    public override string Name => $"least squares ({Operator.Rows}×{Operator.Columns})";

    /// <inheritdoc/>
    public override bool HasValue => true;

    /// <inheritdoc/>
    public override void Gradient(ReadOnlySpan<double> x, Span<double> gradient)
    {
        Residual(x);
        Operator.TransposeMultiply(_residual, gradient);
    }

    /// <inheritdoc/>
    public override double Value(ReadOnlySpan<double> x)
    {
        Residual(x);
        double s = 0;
        foreach (double r in _residual) s += r * r;
        return 0.5 * s;
    }

    private void Residual(ReadOnlySpan<double> x)
    {
        Operator.Multiply(x, _residual);
        System.Numerics.Tensors.TensorPrimitives.Subtract(_residual, _b, _residual);
    }
}
