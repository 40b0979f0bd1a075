using System.Numerics;
using System.Runtime.InteropServices;
using BenchmarkDotNet.Attributes;
using PrunAdag.Tests.Performance;

namespace PrunAdag.Benchmarks;

/// <summary>
/// One iteration's own work (everything but the gradient) of every method, against the memory-bandwidth
/// floor: one fused Vector&lt;double&gt; pass that reads g, x, wO, wD and writes x, wO, wD, the least
/// traffic any prunAdag step can have. "Old" rows are the straightforward pre-optimisation kernels.
/// </summary>
/// <remarks>
/// x is reset to the same x_0 before every measured invocation ([IterationSetup], so one invocation per
/// iteration): repeated steps on one fixed g would otherwise shrink the decreasable x_i into subnormals
/// within a few hundred calls and measure the CPU's subnormal penalty instead of the kernel.
/// One call per measured iteration makes single iterations noisy on a shared machine (a disturbed call
/// counts fully), so the class takes 40 of them and reports the median and minimum next to the mean;
/// docs/benchmarks.md compares medians.
/// </remarks>
[MemoryDiagnoser]
[MedianColumn, MinColumn]
[WarmupCount(5)]
[IterationCount(40)]
public class StepBenchmarks
{
    [Params(1_000_000, 10_000_000)]
    public int N;

    private double[] _g = [], _x0 = [], _x = [], _fx = [], _fo = [], _fd = [];
    private PrunAdagKernel _v1 = null!, _v2 = null!, _v3 = null!, _v4 = null!, _only = null!;
    private AdagradKernel _adagrad = null!;
    private FrankWolfeKernel _fw1 = null!, _fw2 = null!;
    private StepKernel _oldV3 = null!, _oldAdagrad = null!;

    [GlobalSetup]
    public void Setup()
    {
        _g = Data.GradientLike(N, 1);
        _x0 = Data.Gaussians(N, 2);
        _x = (double[])_x0.Clone();
        _fx = (double[])_x0.Clone(); _fo = new double[N]; _fd = new double[N];
        Array.Fill(_fo, 0.01); Array.Fill(_fd, 0.01);
        int t = N / 10;
        PrunAdagKernel P(Variant v, bool only = false) => new(N, t, new PrunAdagOptions { Variant = v, RelevantOnly = only, TargetRelevant = t });
        _v1 = P(Variant.V1); _v2 = P(Variant.V2); _v3 = P(Variant.V3); _v4 = P(Variant.V4); _only = P(Variant.V3, true);
        _adagrad = new AdagradKernel(N, 0.01, 1.0);
        _fw1 = new FrankWolfeKernel(N, t, new FrankWolfeOptions { Rule = FrankWolfeRule.FW1, TargetRelevant = t });
        _fw2 = new FrankWolfeKernel(N, t, new FrankWolfeOptions { Rule = FrankWolfeRule.FW2, TargetRelevant = t });
        _oldV3 = new StraightforwardPrunAdagKernel(N, t, new PrunAdagOptions { Variant = Variant.V3, TargetRelevant = t });
        _oldAdagrad = new StraightforwardAdagradKernel(N, 0.01, 1.0);
    }

    [IterationSetup]
    public void ResetIterate()
    {
        _x0.CopyTo(_x, 0);
        _x0.CopyTo(_fx, 0);
    }

    /// <summary>The floor: one pass, 4 arrays read and 3 written, trivial arithmetic.</summary>
    [Benchmark(Baseline = true)]
    public double FusedPassFloor()
    {
        var g = MemoryMarshal.Cast<double, Vector<double>>(_g.AsSpan());
        var x = MemoryMarshal.Cast<double, Vector<double>>(_fx.AsSpan());
        var o = MemoryMarshal.Cast<double, Vector<double>>(_fo.AsSpan());
        var d = MemoryMarshal.Cast<double, Vector<double>>(_fd.AsSpan());
        var c = new Vector<double>(1e-9);
        for (int i = 0; i < g.Length; i++)
        {
            var gi = g[i];
            x[i] -= c * gi; o[i] += gi; d[i] -= gi;
        }
        return x[0][0];
    }

    [Benchmark] public int Adagrad() => Run(_adagrad);
    [Benchmark] public int PrunAdagV1() => Run(_v1);
    [Benchmark] public int PrunAdagV2() => Run(_v2);
    [Benchmark] public int PrunAdagV3() => Run(_v3);
    [Benchmark] public int PrunAdagV4() => Run(_v4);
    [Benchmark] public int RelevantOnlyV3() => Run(_only);
    [Benchmark] public int FrankWolfeFW1() => Run(_fw1);
    [Benchmark] public int FrankWolfeFW2() => Run(_fw2);
    [Benchmark] public int OldPrunAdagV3() => Run(_oldV3);
    [Benchmark] public int OldAdagrad() => Run(_oldAdagrad);

    private int Run(StepKernel kernel)
    {
        kernel.Step(10, _x, _g, 1e-3, out var counts); // k = 10: a mid-run iteration (only a_i = |x_i|/(k+1) depends on k)
        return counts.BelowDelta;
    }
}
