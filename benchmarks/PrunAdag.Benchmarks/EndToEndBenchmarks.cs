using BenchmarkDotNet.Attributes;
using MathNetVector = MathNet.Numerics.LinearAlgebra.Vector<double>;

namespace PrunAdag.Benchmarks;

/// <summary>
/// Whole runs of <see cref="Minimizer.Minimize"/> on a 100 × 1000 least-squares problem for K iterations
/// (gtol = 0, so every run takes exactly K steps). Time per iteration = Mean / K; the allocation of two
/// K values shows what a run allocates per iteration (the setup and result are per run).
/// </summary>
[MemoryDiagnoser]
public class EndToEndBenchmarks
{
    [Params("adagrad", "v1", "v2", "v3", "v4", "relevant-only", "fw1", "fw2")]
    public string Method = "";

    [Params(100, 1000)]
    public int K;

    private LeastSquaresObjective _f = null!;
    private MathNetVector _x0 = null!;
    private Minimizer _minimizer = null!;

    [GlobalSetup]
    public void Setup()
    {
        (_f, _x0) = Data.LeastSquares100x1000();
        var method = PrunAdag.Method.Parse(Method);
        _minimizer = Minimizer.Create(method, method.DefaultOptions with { MaxIterations = K, GradientTolerance = 0 });
    }

    [Benchmark]
    public int Minimize() => _minimizer.Minimize(_f, _x0).Iterations;
}
