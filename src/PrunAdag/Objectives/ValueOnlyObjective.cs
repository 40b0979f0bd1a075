using MathNet.Numerics.Differentiation;

namespace PrunAdag;

/// <summary>
/// An objective known only by its value; ∇f is approximated component by component by MathNet's three-point
/// central differences, ∂f/∂x_i ≈ (f(x + h e_i) − f(x − h e_i)) / 2h, with a step relative to |x_i| based on
/// ε^(1/3) ≈ 6e-6 (the step that balances the truncation and rounding errors of a central difference).
/// </summary>
internal sealed class ValueOnlyObjective : Objective
{
    private readonly Func<double[], double> _value;
    private readonly NumericalDerivative _derivative = new(points: 3, center: 1) { BaseStepSize = 6.0554544523933395e-6 }; // ε^(1/3), ε = 2^−52
    private readonly double[] _x;
    private readonly string? _name;

    public ValueOnlyObjective(int dimension, Func<double[], double> value, string? name) : base(dimension)
    {
        _value = value;
        _x = new double[dimension];
        _name = name;
    }

    public override string Name => _name ?? "user objective (value only)";

    public override GradientKind GradientKind => GradientKind.CentralDifferences;

    public override bool HasValue => true;

    public override double Value(ReadOnlySpan<double> x)
    {
        x.CopyTo(_x);
        return _value(_x);
    }

    public override void Gradient(ReadOnlySpan<double> x, Span<double> gradient)
    {
        x.CopyTo(_x);
        for (int i = 0; i < _x.Length; i++)
        {
            // MathNet moves _x[i] to x_i ± h and puts it back; each partial derivative costs two values of f.
            gradient[i] = _derivative.EvaluatePartialDerivative(_value, _x, i, 1);
            _x[i] = x[i];
        }
    }
}
