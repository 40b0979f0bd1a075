using BenchmarkDotNet.Attributes;
using PrunAdag.Tests.Performance;

namespace PrunAdag.Benchmarks;

/// <summary>
/// Step 1's selection of the T = n/10 largest |g_i|: the radix select of the library against the
/// previous introselect and against sorting (Array.Sort of a copy of |g| with its indices).
/// </summary>
[MemoryDiagnoser]
public class SelectionBenchmarks
{
    [Params(1_000_000, 10_000_000)]
    public int N;

    private double[] _g = [], _scratch = [], _keys = [];
    private int[] _items = [];

    [GlobalSetup]
    public void Setup()
    {
        _g = Data.GradientLike(N, 3);
        _scratch = new double[N]; _keys = new double[N]; _items = new int[N];
    }

    [Benchmark(Baseline = true)]
    public double SortWithIndices()
    {
        for (int i = 0; i < _g.Length; i++) { _keys[i] = Math.Abs(_g[i]); _items[i] = i; }
        Array.Sort(_keys, _items);
        return _keys[N - N / 10];
    }

    [Benchmark]
    public double Introselect()
    {
        // The previous RelevantSet.Find (kept in the frozen oracle): copy |g|, introselect, count the values above the threshold.
        for (int i = 0; i < _g.Length; i++) _scratch[i] = Math.Abs(_g[i]);
        double threshold = StraightforwardSelection.NthSmallest(_scratch, N - N / 10);
        int greater = 0;
        for (int i = 0; i < _g.Length; i++) if (Math.Abs(_g[i]) > threshold) greater++;
        return threshold + greater;
    }

    [Benchmark]
    public double RadixSelect() => RelevantSet.Find(_g, N / 10, _scratch).Threshold;
}
