using MathNet.Numerics.LinearAlgebra;

namespace PrunAdag;

/// <summary>Writes ∇f(x) into <paramref name="gradient"/> (allocation-free objective form).</summary>
public delegate void GradientFunction(ReadOnlySpan<double> x, Span<double> gradient);

/// <summary>Returns f(x) (allocation-free objective form).</summary>
public delegate double ValueFunction(ReadOnlySpan<double> x);

/// <summary>
/// A smooth objective f: Rⁿ → R. prunAdag is an OFFO method (docs/algorithm.md, "Setting"): only the gradient is
/// needed to optimise; the value is optional and used for reporting (ω, traces of f).
/// </summary>
/// <remarks>Built-in objectives keep scratch buffers and are not safe to share between threads;
/// create one per concurrent run.</remarks>
public abstract class Objective
{
    /// <summary>Creates an objective over Rⁿ.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dimension"/> is not positive.</exception>
    protected Objective(int dimension)
    {
        if (dimension < 1)
            throw new ArgumentOutOfRangeException(nameof(dimension), dimension, "The dimension n must be at least 1.");
        Dimension = dimension;
    }

    /// <summary>The number of variables n.</summary>
    public int Dimension { get; }

    /// <summary>A short human-readable name (shown in summaries and reports).</summary>
    public virtual string Name => GetType().Name;

    /// <summary>Writes ∇f(x) into <paramref name="gradient"/>; both spans have length <see cref="Dimension"/>.</summary>
    public abstract void Gradient(ReadOnlySpan<double> x, Span<double> gradient);

    /// <summary>
    /// The named blocks of the parameter vector (a network's layer weights, prunable, and biases, not prunable), or
    /// null for one prunable block covering all n components. Minimizers hand it to the method: prunAdag takes its
    /// relevant set over the prunable blocks and gives the others plain Adagrad steps (docs/algorithm.md C19).
    /// </summary>
    public virtual ParameterLayout? Layout => null;

    /// <summary>Where the gradients come from (<see cref="GradientKind.Supplied"/> unless the objective approximates them).</summary>
    public virtual GradientKind GradientKind => GradientKind.Supplied;

    /// <summary>True when <see cref="Value(ReadOnlySpan{double})"/> is available.</summary>
    public virtual bool HasValue => false;

    /// <summary>f(x). Throws <see cref="NotSupportedException"/> for gradient-only objectives.</summary>
    public virtual double Value(ReadOnlySpan<double> x) =>
        throw new NotSupportedException($"The objective '{Name}' was defined by its gradient only, so f(x) is not available (ω and traces of f need it).");

    /// <summary>∇f(x) as a new vector (convenience; allocates).</summary>
    public Vector<double> Gradient(Vector<double> x)
    {
        CheckDimension(x, nameof(x));
        var g = new double[Dimension];
        Gradient(AsSpan(x), g);
        return Vector<double>.Build.Dense(g);
    }

    /// <summary>f(x) (convenience).</summary>
    public double Value(Vector<double> x)
    {
        CheckDimension(x, nameof(x));
        return Value(AsSpan(x));
    }

    internal void CheckDimension(Vector<double> x, string name)
    {
        ArgumentNullException.ThrowIfNull(x, name);
        if (x.Count != Dimension)
            throw new ArgumentException($"{name} has {x.Count} entries but the objective '{Name}' has dimension n = {Dimension}.", name);
    }

    internal static ReadOnlySpan<double> AsSpan(Vector<double> x) =>
        x.Storage is MathNet.Numerics.LinearAlgebra.Storage.DenseVectorStorage<double> d ? d.Data : x.ToArray();

    /// <summary>An objective from allocation-free delegates (the fast form for hot loops).</summary>
    /// <param name="dimension">n.</param>
    /// <param name="gradient">Writes ∇f(x) into its second argument.</param>
    /// <param name="value">Optional f(x), used only for reporting.</param>
    /// <param name="name">Optional display name.</param>
    public static Objective Create(int dimension, GradientFunction gradient, ValueFunction? value = null, string? name = null) =>
        new DelegateObjective(dimension, gradient ?? throw new ArgumentNullException(nameof(gradient)), value, name);

    /// <summary>
    /// An objective from lambdas over MathNet vectors, the form a notebook user types inline:
    /// <c>Objective.FromGradient(n, x => A.TransposeThisAndMultiply(A * x - b))</c>.
    /// </summary>
    /// <param name="dimension">n.</param>
    /// <param name="gradient">Returns ∇f(x); must return a vector of length n.</param>
    /// <param name="value">Optional f(x), used only for reporting.</param>
    /// <param name="name">Optional display name.</param>
    public static Objective FromGradient(int dimension, Func<Vector<double>, Vector<double>> gradient,
        Func<Vector<double>, double>? value = null, string? name = null) =>
        new VectorLambdaObjective(dimension, gradient ?? throw new ArgumentNullException(nameof(gradient)), value, name);

    /// <summary>
    /// An objective known only by its value, for prototyping: the gradient is approximated by central differences
    /// (MathNet.Numerics' <c>NumericalDerivative</c>), which costs 2n evaluations of <paramref name="value"/> per
    /// gradient and carries the rounding error of a difference quotient (about 1e-10 relative), so it is meant for
    /// small n. Results say so (<see cref="MinimizationResult.GradientKind"/>).
    /// </summary>
    /// <param name="dimension">n.</param>
    /// <param name="value">f(x); its argument is a scratch array it must not keep.</param>
    /// <param name="name">Optional display name.</param>
    public static Objective FromValue(int dimension, Func<double[], double> value, string? name = null) =>
        new ValueOnlyObjective(dimension, value ?? throw new ArgumentNullException(nameof(value)), name);

    /// <summary>½‖Ax − b‖² with a dense matrix A (m × n).</summary>
    public static LeastSquaresObjective LeastSquares(Matrix<double> a, Vector<double> b) => new(a, b);

    /// <summary>½‖Ax − b‖² with a matrix-free linear operator.</summary>
    public static LeastSquaresObjective LeastSquares(ILinearOperator a, Vector<double> b) => new(a, b);

    /// <summary>The logistic loss (1/N) Σ log(1 + exp(−z_i y_iᵀx)); rows of <paramref name="features"/> are the y_i, labels z_i ∈ {−1, +1}.</summary>
    public static LogisticObjective Logistic(Matrix<double> features, Vector<double> labels) => new(features, labels);
}

internal sealed class DelegateObjective(int dimension, GradientFunction gradient, ValueFunction? value, string? name)
    : Objective(dimension)
{
    public override string Name => name ?? "user objective";
    public override void Gradient(ReadOnlySpan<double> x, Span<double> g) => gradient(x, g);
    public override bool HasValue => value is not null;
    public override double Value(ReadOnlySpan<double> x) => value is null ? base.Value(x) : value(x);
}

internal sealed class VectorLambdaObjective(int dimension, Func<Vector<double>, Vector<double>> gradient,
    Func<Vector<double>, double>? value, string? name) : Objective(dimension)
{
    public override string Name => name ?? "user objective";

    public override void Gradient(ReadOnlySpan<double> x, Span<double> g)
    {
        var result = gradient(Vector<double>.Build.Dense(x.ToArray()));
        if (result is null)
            throw new InvalidOperationException($"The gradient lambda of '{Name}' returned null.");
        if (result.Count != Dimension)
            throw new InvalidOperationException($"The gradient lambda of '{Name}' returned a vector of length {result.Count}; expected n = {Dimension}.");
        AsSpan(result).CopyTo(g);
    }

    public override bool HasValue => value is not null;

    public override double Value(ReadOnlySpan<double> x) =>
        value is null ? base.Value(x) : value(Vector<double>.Build.Dense(x.ToArray()));
}
