using System.Numerics.Tensors;
using BenchmarkDotNet.Attributes;
using MathNetVector = MathNet.Numerics.LinearAlgebra.Vector<double>;

namespace PrunAdag.Benchmarks;

/// <summary>
/// Least-squares and logistic gradients on a dense m × n matrix, next to two measured peaks of this
/// machine: <see cref="StreamOnePassOverA"/> (TensorPrimitives.Sum over the m·n entries of A: one read
/// of A, the bandwidth floor of a product with A) and <see cref="DotInL1"/> (TensorPrimitives.Dot on
/// L1-resident vectors, repeated to 2·m·n flops: the arithmetic peak of one core for this kind of kernel).
/// A gradient is 4·m·n flops and reads A twice (A·x, then Aᵀ·r).
/// </summary>
[MemoryDiagnoser]
public class GradientBenchmarks
{
    [Params("100x1000", "1000x100000")]
    public string Shape = "100x1000";

    private int _m, _n;
    private double[] _a = [], _x = [], _g = [], _l1a = [], _l1b = [];
    private LeastSquaresObjective _ls = null!;
    private LogisticObjective _logistic = null!;

    [GlobalSetup]
    public void Setup()
    {
        var parts = Shape.Split('x');
        _m = int.Parse(parts[0]); _n = int.Parse(parts[1]);
        var rng = new Random(7);
        _a = new double[(long)_m * _n];
        for (long i = 0; i < _a.LongLength; i++) _a[i] = rng.NextDouble() - 0.5;
        var op = new DenseOperator(_m, _n, _a);
        var b = MathNetVector.Build.Dense(_m, i => rng.NextDouble() - 0.5);
        var labels = MathNetVector.Build.Dense(_m, i => i % 3 == 0 ? 1.0 : -1.0);
        _ls = new LeastSquaresObjective(op, b);
        _logistic = new LogisticObjective(op, labels);
        _x = Data.Gaussians(_n, 8);
        for (int i = 0; i < _n; i++) _x[i] *= 0.01;
        _g = new double[_n];
        _l1a = Data.Gaussians(1024, 9); _l1b = Data.Gaussians(1024, 10);
    }

    [Benchmark(Baseline = true)]
    public double StreamOnePassOverA() => TensorPrimitives.Sum(_a);

    [Benchmark]
    public double DotInL1()
    {
        double s = 0;
        long reps = (long)_m * _n / _l1a.Length;
        for (long r = 0; r < reps; r++) s += TensorPrimitives.Dot(_l1a, _l1b);
        return s;
    }

    [Benchmark]
    public double LeastSquaresGradient() { _ls.Gradient(_x, _g); return _g[0]; }

    [Benchmark]
    public double LogisticGradient() { _logistic.Gradient(_x, _g); return _g[0]; }
}
