using MathNet.Numerics.LinearAlgebra;

namespace PrunAdag;

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

    public IterationTrace Build(double delta, EvaluationTraceBuilder? evaluations = null) => new(delta,
        _grad[.._points], _below[.._points], _value?[.._points],
        _o?[.._steps], _a?[.._steps], _d?[.._steps], _iterates.ToArray(), evaluations?.Build());
}
