using MathNet.Numerics.LinearAlgebra;
using PrunAdag.Numerics;

namespace PrunAdag;

/// <summary>f(x) = ½‖Ax − b‖², ∇f(x) = Aᵀ(Ax − b) (docs/algorithm.md, E1–E3).</summary>
/// <remarks>
/// With a <see cref="DenseOperator"/> the gradient reads A once (<see cref="DenseOperator.RowGradient"/>: each
/// block of rows gives its residuals r_B = A_B x − b_B and then A_Bᵀ r_B while it is in cache); with any other
/// operator it is <c>A.TransposeMultiply(A.Multiply(x) − b)</c>. Every sum, here and in the built-in operators,
/// is taken in a fixed order, so the gradient and the value have the same bits at every vector width and for any
/// thread count.
/// </remarks>
public sealed class LeastSquaresObjective : Objective
{
    private readonly double[] _b;
    private readonly double[] _residual;
    private readonly ResidualRows? _rows;

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
        if (a is DenseOperator) _rows = new ResidualRows(_b);
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
        if (_rows is not null)
        {
            ((DenseOperator)Operator).RowGradient(x, _rows, gradient);
            return;
        }
        Residual(x);
        Operator.TransposeMultiply(_residual, gradient);
    }

    /// <inheritdoc/>
    public override double Value(ReadOnlySpan<double> x)
    {
        Residual(x);
        return 0.5 * FixedOrder.SumOfSquares(_residual);
    }

    // r_i = A_i·x − b_i, the same subtraction as Residual.
    private sealed class ResidualRows(double[] b) : RowCoefficients
    {
        public override double Coefficient(int row, double dot) => dot - b[row];
    }

    private void Residual(ReadOnlySpan<double> x)
    {
        Operator.Multiply(x, _residual);
        System.Numerics.Tensors.TensorPrimitives.Subtract(_residual, _b, _residual);
    }
}
