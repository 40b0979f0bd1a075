using System.Numerics.Tensors;
using BenchmarkDotNet.Attributes;
using PrunAdag.Benchmarks.Baseline;
using PrunAdag.Numerics;
using MathNetVector = MathNet.Numerics.LinearAlgebra.Vector<double>;

namespace PrunAdag.Benchmarks;

/// <summary>
/// Least-squares and logistic gradients on a dense m × n matrix, before and after the single-pass gradient and
/// the fixed-order sums, next to two measured peaks of this machine: <see cref="StreamOnePassOverA"/>
/// (TensorPrimitives.Sum over the m·n entries of A: one read of A, the bandwidth floor of a product with A) and
/// <see cref="DotInL1"/> (TensorPrimitives.Dot on L1-resident vectors, repeated to 2·m·n flops: the arithmetic
/// peak of one core for this kind of kernel; <see cref="FixedOrderDotInL1"/> is the same with the library's
/// fixed-order dot product). A gradient is 4·m·n flops.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item><c>*Before</c>: the operator as it was (<see cref="TwoPassDenseOperator"/>: A·x, then Aᵀr, so A is
/// streamed twice; TensorPrimitives dot products, whose order depends on the vector width).</item>
/// <item><c>LeastSquaresGradientTwoPass</c>: the library's operator through its two products (the matrix-free
/// path): the same two passes as before with the fixed-order sums, so this row against <c>*Before</c> is the cost
/// of the fixed order alone.</item>
/// <item><c>LeastSquaresGradient</c>, <c>LogisticGradient</c>: the library's objectives (one read of A).</item>
/// </list>
/// </remarks>
[MemoryDiagnoser]
public class GradientBenchmarks
{
    [Params("100x1000", "1000x100000")]
    public string Shape = "100x1000";

    private int _m, _n;
    private double[] _a = [], _x = [], _g = [], _l1a = [], _l1b = [], _b = [], _labels = [], _margin = [];
    private LeastSquaresObjective _ls = null!, _lsTwoPass = null!, _lsBefore = null!;
    private LogisticObjective _logistic = null!;
    private LeastSquaresObjective _lsRun = null!;
    private LogisticObjective _logisticRun = null!;
    private Memory<double> _xRun, _gRun;
    private TwoPassDenseOperator _before = null!;

    [GlobalSetup]
    public void Setup()
    {
        var parts = Shape.Split('x');
        _m = int.Parse(parts[0]); _n = int.Parse(parts[1]);
        var rng = new Random(7);
        _a = new double[(long)_m * _n];
        for (long i = 0; i < _a.LongLength; i++) _a[i] = rng.NextDouble() - 0.5;
        var op = new DenseOperator(_m, _n, _a);
        _before = new TwoPassDenseOperator(_m, _n, _a);
        var b = MathNetVector.Build.Dense(_m, i => rng.NextDouble() - 0.5);
        var labels = MathNetVector.Build.Dense(_m, i => i % 3 == 0 ? 1.0 : -1.0);
        _b = b.ToArray(); _labels = labels.ToArray(); _margin = new double[_m];
        _ls = new LeastSquaresObjective(op, b);
        _lsTwoPass = new LeastSquaresObjective(new Products(op), b);
        _lsBefore = new LeastSquaresObjective(_before, b);
        _logistic = new LogisticObjective(op, labels);
        _x = Data.Gaussians(_n, 8);
        for (int i = 0; i < _n; i++) _x[i] *= 0.01;
        _g = new double[_n];
        // The same A, x and g stored as a run stores them: A as the library allocates its matrices (DenseOperator(Matrix),
        // the problem generators) and x, g as Minimize keeps them, each from a cache line (tenth and eleventh rounds).
        var storage = AlignedDoubles.Allocate(_a.Length, out int start);
        Array.Copy(_a, 0, storage, start, _a.Length);
        var opRun = new DenseOperator(_m, _n, storage, start);
        _lsRun = new LeastSquaresObjective(opRun, b);
        _logisticRun = new LogisticObjective(opRun, labels);
        _xRun = AlignedDoubles.CopyOf(_x); _gRun = AlignedDoubles.AllocateMemory(_n);
        _l1a = Data.Gaussians(1024, 9); _l1b = Data.Gaussians(1024, 10);
    }

    [Benchmark(Baseline = true)]
    public double StreamOnePassOverA() => TensorPrimitives.Sum(_a);

    /// <summary>One read of A on every core (A cut into as many consecutive parts): the machine's read bandwidth.</summary>
    [Benchmark]
    public double StreamOnePassOverAAllCores()
    {
        int parts = Environment.ProcessorCount;
        long size = (_a.LongLength + parts - 1) / parts;
        var sums = new double[parts];
        Parallel.For(0, parts, p =>
        {
            long start = p * size, end = Math.Min(_a.LongLength, start + size);
            sums[p] = TensorPrimitives.Sum(_a.AsSpan((int)start, (int)(end - start)));
        });
        return sums.Sum();
    }

    [Benchmark]
    public double DotInL1()
    {
        double s = 0;
        long reps = (long)_m * _n / _l1a.Length;
        for (long r = 0; r < reps; r++) s += TensorPrimitives.Dot(_l1a, _l1b);
        return s;
    }

    [Benchmark]
    public double FixedOrderDotInL1()
    {
        double s = 0;
        long reps = (long)_m * _n / _l1a.Length;
        for (long r = 0; r < reps; r++) s += FixedOrder.Dot(_l1a, _l1b);
        return s;
    }

    [Benchmark]
    public double LeastSquaresGradient() { _ls.Gradient(_x, _g); return _g[0]; }

    [Benchmark]
    public double LeastSquaresGradientTwoPass() { _lsTwoPass.Gradient(_x, _g); return _g[0]; }

    [Benchmark]
    public double LeastSquaresGradientBefore() { _lsBefore.Gradient(_x, _g); return _g[0]; }

    [Benchmark]
    public double LogisticGradient() { _logistic.Gradient(_x, _g); return _g[0]; }

    /// <summary><see cref="LeastSquaresGradient"/> with A, x and g stored as a run stores them (each from a cache line).</summary>
    [Benchmark]
    public double LeastSquaresGradientInARun() { _lsRun.Gradient(_xRun.Span, _gRun.Span); return _gRun.Span[0]; }

    /// <summary><see cref="LogisticGradient"/> with A, x and g stored as a run stores them.</summary>
    [Benchmark]
    public double LogisticGradientInARun() { _logisticRun.Gradient(_xRun.Span, _gRun.Span); return _gRun.Span[0]; }

    /// <summary>The logistic gradient as it was: Y·x, the per-sample weights, then Yᵀw (two reads of Y).</summary>
    [Benchmark]
    public double LogisticGradientBefore()
    {
        _before.Multiply(_x, _margin);
        double invN = 1.0 / _labels.Length;
        for (int i = 0; i < _margin.Length; i++)
        {
            double zt = _labels[i] * _margin[i];
            double sig = zt >= 0 ? Math.Exp(-zt) / (1 + Math.Exp(-zt)) : 1 / (1 + Math.Exp(zt));
            _margin[i] = -_labels[i] * sig * invN;
        }
        _before.TransposeMultiply(_margin, _g);
        return _g[0];
    }

    /// <summary>An operator known only through its products, so the objective takes the two-pass path.</summary>
    private sealed class Products(ILinearOperator inner) : ILinearOperator
    {
        public int Rows => inner.Rows;
        public int Columns => inner.Columns;
        public void Multiply(ReadOnlySpan<double> x, Span<double> result) => inner.Multiply(x, result);
        public void TransposeMultiply(ReadOnlySpan<double> u, Span<double> result) => inner.TransposeMultiply(u, result);
    }
}
