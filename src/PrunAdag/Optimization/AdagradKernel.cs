using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace PrunAdag;

/// <summary>
/// Plain Adagrad (docs/algorithm.md B1): w_{i,k} = sqrt(w_{i,k−1}² + g_{i,k}²) from w_{i,−1} = ς, and
/// s_i = −η g_i / w_{i,k}. prunAdag with T = n takes exactly these steps (the same <see cref="PrunAdagKernel.AdagradStep"/>).
/// </summary>
internal sealed class AdagradKernel : StepKernel
{
    private readonly Memory<double> _w; // from a cache line (AlignedDoubles: speed only)
    private readonly double _eta;
    private readonly (int Offset, int Length)[] _ranges;
    private Numerics.StepPass? _pass;                  // a long range in blocks on several threads, the same bits
    private int _rangeAt;                              // the range in flight while _pass runs
    private double _delta;

    public AdagradKernel(int n, double sigma0, double eta) : this(n, [(0, n)], sigma0, eta) { }

    /// <summary>Adagrad on the components of <paramref name="ranges"/> only (a layout's blocks that are not prunable: C19).</summary>
    public AdagradKernel(int n, (int Offset, int Length)[] ranges, double sigma0, double eta) : base(n, n)
    {
        _ranges = ranges;
        _w = Numerics.AlignedDoubles.AllocateMemory(ranges.Sum(r => r.Length));
        _w.Span.Fill(sigma0); // w_{i,−1} = ς
        _eta = eta;
    }

    /// <summary>w (for tests and benchmarks).</summary>
    internal ReadOnlySpan<double> Weights => _w.Span;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // one call does O(n) work: skip the tier-0 pass
    public override StepCounts Step(int k, Span<double> x, ReadOnlySpan<double> g, double delta)
    {
        int below = 0, at = 0;
        foreach (var (offset, length) in _ranges)
        {
            int blocks = Numerics.StepPass.ThreadedBlocks(length);
            if (blocks == 0) below += StepRange(x.Slice(offset, length), g.Slice(offset, length), _w.Span.Slice(at, length), _eta, delta);
            else
            {
                _rangeAt = at; _delta = delta;
                below += (_pass ??= new Numerics.StepPass(StepBlock)).Run(x.Slice(offset, length), g.Slice(offset, length), blocks).Second;
            }
            at += length;
        }
        return new StepCounts(_w.Length, 0, 0, below);
    }

    // One block of a long range, on whichever thread takes it.
    private (int, int) StepBlock(int b, int start, Span<double> x, ReadOnlySpan<double> g) =>
        (0, StepRange(x, g, _w.Span.Slice(_rangeAt + start, x.Length), _eta, _delta));

    /// <summary>B1 on one range; returns #{i : |x_{k+1,i}| &lt; δ} there.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static int StepRange(Span<double> x, ReadOnlySpan<double> g, Span<double> w, double eta, double delta)
    {
        int n = x.Length, below = 0;
        // Whole vectors at the widest accelerated width, each component with the scalar loop's arithmetic.
        int i = Vector512.IsHardwareAccelerated ? Vectors<Simd512>(x, g, w, eta, delta, ref below)
            : Vector256.IsHardwareAccelerated ? Vectors<Simd256>(x, g, w, eta, delta, ref below)
            : Vector128.IsHardwareAccelerated ? Vectors<Simd128>(x, g, w, eta, delta, ref below) : 0;
        for (; i < n; i++)
        {
            double gi = g[i];
            double wi = Math.Sqrt(w[i] * w[i] + gi * gi); // w_{i,k} = sqrt(w_{i,k−1}² + g_{i,k}²)
            w[i] = wi;
            double xNew = x[i] + PrunAdagKernel.AdagradStep(eta, gi, wi);
            x[i] = xNew;
            if (Math.Abs(xNew) < delta) below++;
        }
        return below;
    }

    [MethodImpl(SimdLoop.Options)]
    private static int Vectors<V>(Span<double> x, ReadOnlySpan<double> g, Span<double> w, double etaS, double delta, ref int below)
        where V : struct, ISimd<V>
    {
        int n = x.Length, width = V.Count, i = 0;
        ref double xr = ref MemoryMarshal.GetReference(x);
        ref double gr = ref MemoryMarshal.GetReference(g);
        ref double wr = ref MemoryMarshal.GetReference(w);
        var eta = V.Create(etaS); var deltaV = V.Create(delta);
        var count = V.Zero;
        for (; i <= n - width; i += width)
        {
            nuint at = (nuint)i;
            if (V.Count >= 4) { Prefetch.Ahead(ref gr, at); Prefetch.Ahead(ref wr, at); Prefetch.Ahead(ref xr, at); }
            var gv = V.Load(ref gr, at); var wv = V.Load(ref wr, at);
            // The root on the multiply–add units (512-bit; the same bits) leaves the divider the division alone, which
            // bounds this short loop: 1.5–1.8× faster at n ≤ 235 000 (docs/benchmarks.md, thirteenth round).
            var wi = V.SqrtOnMultiplyAdd(wv * wv + gv * gv);
            wi.Store(ref wr, at);
            var xNew = V.Load(ref xr, at) + (-(eta * gv)) / wi;
            xNew.Store(ref xr, at);
            count = V.CountTrue(count, V.LessThan(V.Abs(xNew), deltaV));
        }
        below += (int)V.TotalCount(count);
        return i;
    }
}
