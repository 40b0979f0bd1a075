using MathNet.Numerics.LinearAlgebra;

namespace PrunAdag;

/// <summary>A copy of an iterate kept when <see cref="MinimizerOptions.IterateEvery"/> asks for it.</summary>
/// <param name="Iteration">k.</param>
/// <param name="X">x_k.</param>
public sealed record IterateSnapshot(int Iteration, Vector<double> X);

/// <summary>
/// What a run recorded, column by column (cheap to record, cheap to chart). For a run of K steps,
/// per-iterate columns have K+1 entries (x_0..x_K) and per-step columns have K entries (iterations 0..K−1).
/// </summary>
public sealed class IterationTrace
{
    internal IterationTrace(double delta, double[] gradNorm, double[] belowDelta, double[]? value,
        int[]? optimisable, int[]? acceptable, int[]? decreasable, IReadOnlyList<IterateSnapshot> iterates)
    {
        Delta = delta; GradientNorm = gradNorm; BelowDelta = belowDelta; Value = value;
        Optimisable = optimisable; Acceptable = acceptable; Decreasable = decreasable; Iterates = iterates;
    }

    /// <summary>δ used for <see cref="BelowDelta"/>.</summary>
    public double Delta { get; }

    /// <summary>‖g_k‖₂ for k = 0..K.</summary>
    public IReadOnlyList<double> GradientNorm { get; }

    /// <summary>Fraction (0..1) of components with |x_i| &lt; δ, for k = 0..K.</summary>
    public IReadOnlyList<double> BelowDelta { get; }

    /// <summary>f(x_k) for k = 0..K when <see cref="MinimizerOptions.RecordObjective"/> was set; otherwise null.</summary>
    public IReadOnlyList<double>? Value { get; }

    /// <summary>|O_k| for k = 0..K−1 (prunAdag only; null for Adagrad and Frank–Wolfe).</summary>
    public IReadOnlyList<int>? Optimisable { get; }

    /// <summary>|A_k| for k = 0..K−1 (prunAdag only; all zeros for relevant-only).</summary>
    public IReadOnlyList<int>? Acceptable { get; }

    /// <summary>|D_k| for k = 0..K−1 (prunAdag only).</summary>
    public IReadOnlyList<int>? Decreasable { get; }

    /// <summary>The iterates kept (empty unless requested).</summary>
    public IReadOnlyList<IterateSnapshot> Iterates { get; }

    /// <summary>True when the method classifies components (prunAdag and relevant-only).</summary>
    public bool HasClassification => Optimisable is not null;
}

/// <summary>Grows columns by doubling (amortised: no allocation in almost every iteration).</summary>
internal sealed class TraceBuilder
{
    private double[] _grad, _below;
    private double[]? _value;
    private int[]? _o, _a, _d;
    private int _points, _steps;
    private readonly List<IterateSnapshot> _iterates = [];

    public TraceBuilder(int maxIterations, bool recordValue, bool classify)
    {
        int cap = (int)Math.Min((long)maxIterations + 1, 1 << 20);
        _grad = new double[cap]; _below = new double[cap];
        if (recordValue) _value = new double[cap];
        if (classify) { _o = new int[cap]; _a = new int[cap]; _d = new int[cap]; }
    }

    public int Points => _points;

    public void AddPoint(double gradNorm, double below, double value)
    {
        if (_points == _grad.Length)
        {
            Array.Resize(ref _grad, _grad.Length * 2);
            Array.Resize(ref _below, _below.Length * 2);
            if (_value is not null) Array.Resize(ref _value, _value.Length * 2);
        }
        _grad[_points] = gradNorm; _below[_points] = below;
        if (_value is not null) _value[_points] = value;
        _points++;
    }

    public void AddStep(int o, int a, int d)
    {
        if (_o is null) { _steps++; return; }
        if (_steps == _o.Length)
        {
            Array.Resize(ref _o, _o.Length * 2); Array.Resize(ref _a!, _a!.Length * 2); Array.Resize(ref _d!, _d!.Length * 2);
        }
        _o[_steps] = o; _a![_steps] = a; _d![_steps] = d;
        _steps++;
    }

    public void AddIterate(int k, ReadOnlySpan<double> x) =>
        _iterates.Add(new IterateSnapshot(k, Vector<double>.Build.Dense(x.ToArray())));

    public IterationTrace Build(double delta) => new(delta,
        _grad[.._points], _below[.._points], _value?[.._points],
        _o?[.._steps], _a?[.._steps], _d?[.._steps], _iterates.ToArray());
}
