using PrunAdag.Numerics;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
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

    // Every array from a cache line, as the library stores x, g and its weights, so kernels and floors read alike.
    private Memory<double> _g, _x0, _x, _fx, _fo, _fd;
    private PrunAdagKernel _v1 = null!, _v2 = null!, _v3 = null!, _v4 = null!, _only = null!;
    private AdagradKernel _adagrad = null!;
    private FrankWolfeKernel _fw1 = null!, _fw2 = null!;
    private StepKernel _oldV3 = null!, _oldAdagrad = null!;
    private double _floorThreshold;

    [GlobalSetup]
    public void Setup()
    {
        Numerics.Parallelism.ThreadLimit = 1; // the floors are one-thread passes: steps threaded over blocks would not compare like with like
        _g = AlignedDoubles.CopyOf(Data.GradientLike(N, 1));
        _x0 = AlignedDoubles.CopyOf(Data.Gaussians(N, 2));
        _x = AlignedDoubles.CopyOf(_x0.Span);
        _fx = AlignedDoubles.CopyOf(_x0.Span); _fo = AlignedDoubles.AllocateMemory(N); _fd = AlignedDoubles.AllocateMemory(N);
        _fo.Span.Fill(0.01); _fd.Span.Fill(0.01);
        int t = N / 10;
        PrunAdagKernel P(Variant v, bool only = false) => new(N, t, v, only, 0.01, 1.0);
        _v1 = P(Variant.V1); _v2 = P(Variant.V2); _v3 = P(Variant.V3); _v4 = P(Variant.V4); _only = P(Variant.V3, true);
        _adagrad = new AdagradKernel(N, 0.01, 1.0);
        _fw1 = new FrankWolfeKernel(N, t, FrankWolfeRule.FW1, 50, 0.001);
        _fw2 = new FrankWolfeKernel(N, t, FrankWolfeRule.FW2, 100, 0.001);
        _oldV3 = new StraightforwardPrunAdagKernel(N, t, Variant.V3);
        _oldAdagrad = new StraightforwardAdagradKernel(N, 0.01, 1.0);
        _floorThreshold = RelevantSet.Find(_g.Span, t, new double[N]).Threshold;
    }

    /// <summary>g (for <see cref="StepPhases"/>).</summary>
    internal Memory<double> Gradient => _g;

    /// <summary>The iterate the kernels step (reset by <see cref="ResetIterate"/>).</summary>
    internal Memory<double> Iterate => _x;

    [IterationSetup]
    public void ResetIterate()
    {
        _x0.CopyTo(_x);
        _x0.CopyTo(_fx);
    }

    /// <summary>The floor: one pass, 4 arrays read and 3 written, trivial arithmetic.</summary>
    [Benchmark(Baseline = true)]
    public double FusedPassFloor()
    {
        var g = MemoryMarshal.Cast<double, Vector<double>>(_g.Span);
        var x = MemoryMarshal.Cast<double, Vector<double>>(_fx.Span);
        var o = MemoryMarshal.Cast<double, Vector<double>>(_fo.Span);
        var d = MemoryMarshal.Cast<double, Vector<double>>(_fd.Span);
        var c = new Vector<double>(1e-9);
        for (int i = 0; i < g.Length; i++)
        {
            if ((i & 1) == 0 || Vector<double>.Count == 8) // a line holds one or two of these vectors; the hint as in the kernels (Prefetch)
            {
                Prefetch.Ahead(ref g[0], (nuint)i); Prefetch.Ahead(ref x[0], (nuint)i); Prefetch.Ahead(ref o[0], (nuint)i); Prefetch.Ahead(ref d[0], (nuint)i);
            }
            var gi = g[i];
            x[i] -= c * gi; o[i] += gi; d[i] -= gi;
        }
        return x[0][0];
    }

    /// <summary>
    /// The least work any V1/V3 iteration can do, whatever its implementation. Pass 1: Step 1's R_k and
    /// Table 1's ‖g‖_R/‖x‖_S depend on all of g and x, so both are read once before any component can step
    /// (here as two sums of squares, the cheapest reduction that reads them). Pass 2: every component
    /// updates one weight, wO_i (Steps 2/4) or wD_i (Step 5), each a square root, and takes one quotient
    /// (Step 4's −ηg_i/wO_i or rule (17)'s |x_i|/wD_i), reading g, x, wO, wD and writing x, wO, wD. No
    /// Step 3 test, no S_k, no rule (17) minimum, no counts: a bound from below, not a prunAdag step.
    /// </summary>
    [Benchmark]
    public double TwoPassFloor()
    {
        double norms = SumsOfSquares(_g.Span, _fx.Span);
        OneRootOneQuotient(_g.Span, _fx.Span, _fo.Span, _fd.Span, _floorThreshold);
        return norms;
    }

    /// <summary>
    /// <see cref="TwoPassFloor"/> with pass 2 in the arithmetic C12 fixes (docs/algorithm.md): ŵO_i = √(wO_i² + g_i²) for
    /// every component (Step 3's exact test compares a_i·ŵO_i with |g_i|, here one product), the new wD_i = √(wD_i² + x_i²)
    /// for every one in D_k, and one step quotient. A vector holding both kinds of lane needs both roots, so a vectorised
    /// prunAdag step cannot go below this: two roots, one product and one division per component, still no Step 3 sets,
    /// no rule (17) minimum, no counts. (Until the ninth round Step 3 divided, and this floor had two quotients.)
    /// </summary>
    [Benchmark]
    public double TwoPassFloorC12()
    {
        double norms = SumsOfSquares(_g.Span, _fx.Span);
        TwoRootsOneQuotient(_g.Span, _fx.Span, _fo.Span, _fd.Span, _floorThreshold);
        return norms;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void TwoRootsOneQuotient(ReadOnlySpan<double> g, Span<double> x, Span<double> wO, Span<double> wD, double threshold)
    {
        int i = 0, width = Width;
        if (Vector512.IsHardwareAccelerated)
        {
            var thr = Vector512.Create(threshold); var minusEta = Vector512.Create(-1.0); var half = Vector512.Create(0.5);
            for (; i <= g.Length - width; i += width)
            {
                nuint at = (nuint)i;
                PrefetchAll(g, x, wO, wD, at);
                var gv = Vector512.LoadUnsafe(ref MemoryMarshal.GetReference(g), at); var xv = Vector512.LoadUnsafe(ref MemoryMarshal.GetReference(x), at);
                var ov = Vector512.LoadUnsafe(ref MemoryMarshal.GetReference(wO), at); var dv = Vector512.LoadUnsafe(ref MemoryMarshal.GetReference(wD), at);
                var hat = Vector512.Sqrt(ov * ov + gv * gv); var w = MultiplyAddSqrt.Sqrt(dv * dv + xv * xv);
                var o = Vector512.GreaterThan(Vector512.Abs(gv), thr) | Vector512.LessThan(Vector512.Abs(gv), half * hat);
                (xv + Vector512.ConditionalSelect(o, minusEta * gv, xv) / Vector512.ConditionalSelect(o, hat, w)).StoreUnsafe(ref MemoryMarshal.GetReference(x), at);
                Vector512.ConditionalSelect(o, hat, ov).StoreUnsafe(ref MemoryMarshal.GetReference(wO), at);
                Vector512.ConditionalSelect(o, dv, w).StoreUnsafe(ref MemoryMarshal.GetReference(wD), at);
            }
        }
        else
        {
            var thr = new Vector<double>(threshold); var minusEta = new Vector<double>(-1.0); var half = new Vector<double>(0.5);
            for (; i <= g.Length - width; i += width)
            {
                nuint at = (nuint)i;
                if (Vector<double>.Count >= 4) PrefetchAll(g, x, wO, wD, at);
                var gv = Vector.LoadUnsafe(ref MemoryMarshal.GetReference(g), at); var xv = Vector.LoadUnsafe(ref MemoryMarshal.GetReference(x), at);
                var ov = Vector.LoadUnsafe(ref MemoryMarshal.GetReference(wO), at); var dv = Vector.LoadUnsafe(ref MemoryMarshal.GetReference(wD), at);
                var hat = Vector.SquareRoot(ov * ov + gv * gv); var w = Vector.SquareRoot(dv * dv + xv * xv);
                var o = (Vector.GreaterThan(Vector.Abs(gv), thr) | Vector.LessThan(Vector.Abs(gv), half * hat)).As<long, double>();
                (xv + Vector.ConditionalSelect(o, minusEta * gv, xv) / Vector.ConditionalSelect(o, hat, w)).StoreUnsafe(ref MemoryMarshal.GetReference(x), at);
                Vector.ConditionalSelect(o, hat, ov).StoreUnsafe(ref MemoryMarshal.GetReference(wO), at);
                Vector.ConditionalSelect(o, dv, w).StoreUnsafe(ref MemoryMarshal.GetReference(wD), at);
            }
        }
        for (; i < g.Length; i++)
        {
            double hat = Math.Sqrt(wO[i] * wO[i] + g[i] * g[i]), w = Math.Sqrt(wD[i] * wD[i] + x[i] * x[i]);
            bool o = Math.Abs(g[i]) > threshold || Math.Abs(g[i]) < 0.5 * hat;
            x[i] += (o ? -g[i] : x[i]) / (o ? hat : w);
            if (o) wO[i] = hat; else wD[i] = w;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void PrefetchAll(ReadOnlySpan<double> g, ReadOnlySpan<double> x, ReadOnlySpan<double> wO, ReadOnlySpan<double> wD, nuint at)
    {
        Prefetch.Ahead(ref MemoryMarshal.GetReference(g), at); Prefetch.Ahead(ref MemoryMarshal.GetReference(x), at);
        Prefetch.Ahead(ref MemoryMarshal.GetReference(wO), at); Prefetch.Ahead(ref MemoryMarshal.GetReference(wD), at);
    }

    // 512-bit vectors where the hardware has them, as the library's kernels: the floor must not be slower than they could be.
    // For the same reason, where the kernels take a root on the multiply–add units (MultiplyAddSqrt, 512-bit only) so do the
    // floors, and where they prefetch (Prefetch: 512- and 256-bit) so do the floors.
    private static int Width => Vector512.IsHardwareAccelerated ? Vector512<double>.Count : Vector<double>.Count;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double SumsOfSquares(ReadOnlySpan<double> g, ReadOnlySpan<double> x)
    {
        int i = 0, width = Width;
        double s = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            var sg = Vector512<double>.Zero; var sx = Vector512<double>.Zero;
            for (; i <= g.Length - width; i += width)
            {
                Prefetch.Ahead(ref MemoryMarshal.GetReference(g), (nuint)i); Prefetch.Ahead(ref MemoryMarshal.GetReference(x), (nuint)i);
                var gv = Vector512.LoadUnsafe(ref MemoryMarshal.GetReference(g), (nuint)i); var xv = Vector512.LoadUnsafe(ref MemoryMarshal.GetReference(x), (nuint)i);
                sg += gv * gv; sx += xv * xv;
            }
            s = Vector512.Sum(sg) + Vector512.Sum(sx);
        }
        else
        {
            var sg = Vector<double>.Zero; var sx = Vector<double>.Zero;
            for (; i <= g.Length - width; i += width)
            {
                if (Vector<double>.Count >= 4) { Prefetch.Ahead(ref MemoryMarshal.GetReference(g), (nuint)i); Prefetch.Ahead(ref MemoryMarshal.GetReference(x), (nuint)i); }
                var gv = Vector.LoadUnsafe(ref MemoryMarshal.GetReference(g), (nuint)i); var xv = Vector.LoadUnsafe(ref MemoryMarshal.GetReference(x), (nuint)i);
                sg += gv * gv; sx += xv * xv;
            }
            s = Vector.Sum(sg) + Vector.Sum(sx);
        }
        for (; i < g.Length; i++) s += g[i] * g[i] + x[i] * x[i];
        return s;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void OneRootOneQuotient(ReadOnlySpan<double> g, Span<double> x, Span<double> wO, Span<double> wD, double threshold)
    {
        int i = 0, width = Width;
        if (Vector512.IsHardwareAccelerated)
        {
            var thr = Vector512.Create(threshold); var minusEta = Vector512.Create(-1.0);
            for (; i <= g.Length - width; i += width)
            {
                nuint at = (nuint)i;
                PrefetchAll(g, x, wO, wD, at);
                var gv = Vector512.LoadUnsafe(ref MemoryMarshal.GetReference(g), at); var xv = Vector512.LoadUnsafe(ref MemoryMarshal.GetReference(x), at);
                var ov = Vector512.LoadUnsafe(ref MemoryMarshal.GetReference(wO), at); var dv = Vector512.LoadUnsafe(ref MemoryMarshal.GetReference(wD), at);
                var o = Vector512.GreaterThan(Vector512.Abs(gv), thr);
                var w = MultiplyAddSqrt.Sqrt(Vector512.ConditionalSelect(o, ov * ov + gv * gv, dv * dv + xv * xv));
                (xv + Vector512.ConditionalSelect(o, minusEta * gv, xv) / w).StoreUnsafe(ref MemoryMarshal.GetReference(x), at);
                Vector512.ConditionalSelect(o, w, ov).StoreUnsafe(ref MemoryMarshal.GetReference(wO), at);
                Vector512.ConditionalSelect(o, dv, w).StoreUnsafe(ref MemoryMarshal.GetReference(wD), at);
            }
        }
        else
        {
            var thr = new Vector<double>(threshold); var minusEta = new Vector<double>(-1.0);
            for (; i <= g.Length - width; i += width)
            {
                nuint at = (nuint)i;
                if (Vector<double>.Count >= 4) PrefetchAll(g, x, wO, wD, at);
                var gv = Vector.LoadUnsafe(ref MemoryMarshal.GetReference(g), at); var xv = Vector.LoadUnsafe(ref MemoryMarshal.GetReference(x), at);
                var ov = Vector.LoadUnsafe(ref MemoryMarshal.GetReference(wO), at); var dv = Vector.LoadUnsafe(ref MemoryMarshal.GetReference(wD), at);
                var o = Vector.GreaterThan(Vector.Abs(gv), thr).As<long, double>();
                var w = Vector.SquareRoot(Vector.ConditionalSelect(o, ov * ov + gv * gv, dv * dv + xv * xv));
                (xv + Vector.ConditionalSelect(o, minusEta * gv, xv) / w).StoreUnsafe(ref MemoryMarshal.GetReference(x), at);
                Vector.ConditionalSelect(o, w, ov).StoreUnsafe(ref MemoryMarshal.GetReference(wO), at);
                Vector.ConditionalSelect(o, dv, w).StoreUnsafe(ref MemoryMarshal.GetReference(wD), at);
            }
        }
        for (; i < g.Length; i++)
        {
            bool o = Math.Abs(g[i]) > threshold;
            double w = Math.Sqrt(o ? wO[i] * wO[i] + g[i] * g[i] : wD[i] * wD[i] + x[i] * x[i]);
            x[i] += (o ? -g[i] : x[i]) / w;
            if (o) wO[i] = w; else wD[i] = w;
        }
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
        Numerics.Parallelism.ThreadLimit = 1; // on whichever thread the harness calls from (the limit is per thread)
        var counts = kernel.Step(10, _x.Span, _g.Span, 1e-3); // k = 10: a mid-run iteration (only a_i = |x_i|/(k+1) depends on k)
        return counts.BelowDelta;
    }
}
