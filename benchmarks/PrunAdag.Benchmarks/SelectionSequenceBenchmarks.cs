using BenchmarkDotNet.Attributes;

namespace PrunAdag.Benchmarks;

/// <summary>
/// Step 1 as a run sees it: the 1000 successive gradients of prunAdag V3 on the 100 × 1000 least-squares problem
/// of <see cref="EndToEndBenchmarks"/> (T = 100), each copied into one buffer (as the minimizer's gradient buffer)
/// and selected. <c>Remembered</c> keeps the threshold between calls, as the kernels do; <c>FromScratch</c> does
/// not; <c>CopyOnly</c> is the copy alone. Time per gradient = Mean / 1000.
/// </summary>
[MemoryDiagnoser]
public class SelectionSequenceBenchmarks
{
    private const int T = 100;
    private double[][] _gradients = [];
    private readonly double[] _buffer = new double[1000], _scratch = new double[1000];

    [GlobalSetup]
    public void Setup()
    {
        var (f, x0) = Data.LeastSquares100x1000();
        var list = new List<double[]>();
        Minimizer.Create(Method.V3, new PrunAdagOptions { TargetRelevant = T, MaxIterations = 1000, GradientTolerance = 0 })
            .Minimize(f, x0, s => { list.Add(s.Gradient.ToArray()); return true; });
        _gradients = [.. list];
    }

    [Benchmark(Baseline = true)]
    public double CopyOnly()
    {
        double s = 0;
        foreach (var g in _gradients) { g.CopyTo(_buffer, 0); s += _buffer[0]; }
        return s;
    }

    [Benchmark]
    public double Remembered()
    {
        SelectionHint hint = default;
        double s = 0;
        foreach (var g in _gradients) { g.CopyTo(_buffer, 0); s += RelevantSet.Find(_buffer, T, _scratch, ref hint).Threshold; }
        return s;
    }

    [Benchmark]
    public double FromScratch()
    {
        double s = 0;
        foreach (var g in _gradients) { g.CopyTo(_buffer, 0); s += RelevantSet.Find(_buffer, T, _scratch).Threshold; }
        return s;
    }
}
