using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace PrunAdag;

/// <summary>Plain Adagrad (spec, "Baselines"): s = −η g / w with w_i = sqrt(ς² + Σ_j g_{i,j}²).</summary>
public sealed class AdagradMinimizer : Minimizer
{
    /// <summary>Creates the minimizer (paper defaults when <paramref name="options"/> is null).</summary>
    public AdagradMinimizer(AdagradOptions? options = null) => AdagradOptions = options ?? new AdagradOptions();

    /// <summary>The options.</summary>
    public AdagradOptions AdagradOptions { get; }

    /// <inheritdoc/>
    public override MinimizerOptions Options => AdagradOptions;

    /// <inheritdoc/>
    public override Method Method => Method.Adagrad;

    /// <inheritdoc/>
    public override int TargetRelevantFor(int dimension) => dimension;

    private protected override StepKernel CreateKernel(int dimension) => new AdagradKernel(dimension, AdagradOptions.Sigma0, AdagradOptions.StepScale);
}

internal sealed class AdagradKernel : StepKernel
{
    private readonly double[] _w;
    private readonly double _eta;

    public AdagradKernel(int n, double sigma0, double eta) : base(n)
    {
        _w = new double[n];
        Array.Fill(_w, sigma0); // w_{i,−1} = ς
        _eta = eta;
    }

    /// <summary>w (for tests and benchmarks).</summary>
    internal ReadOnlySpan<double> Weights => _w;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // one call does O(n) work: skip the tier-0 pass
    public override void Step(int k, Span<double> x, ReadOnlySpan<double> g, double delta, out StepCounts counts)
    {
        var w = _w.AsSpan(0, x.Length);
        int n = x.Length, below = 0, i = 0;
        // A vector at a time with the scalar loop's arithmetic per component (separate multiply and add).
        // 512-bit vectors where the hardware has them (twice the divide/square-root throughput per element on
        // full-width AVX-512 cores; the same as prunAdag's step, so the two compare like for like).
        if (Vector512.IsHardwareAccelerated && n >= Vector512<double>.Count)
        {
            int width = Vector512<double>.Count;
            ref double xr = ref MemoryMarshal.GetReference(x);
            ref double gr = ref MemoryMarshal.GetReference(g);
            ref double wr = ref MemoryMarshal.GetReference(w);
            var eta = Vector512.Create(_eta); var deltaV = Vector512.Create(delta);
            var accBelow = Vector512<long>.Zero;
            for (; i <= n - width; i += width)
            {
                nuint at = (nuint)i;
                var gv = Vector512.LoadUnsafe(ref gr, at); var wv = Vector512.LoadUnsafe(ref wr, at);
                var wi = Vector512.Sqrt(wv * wv + gv * gv);
                wi.StoreUnsafe(ref wr, at);
                var xNew = Vector512.LoadUnsafe(ref xr, at) + (-(eta * gv)) / wi;
                xNew.StoreUnsafe(ref xr, at);
                accBelow -= Vector512.LessThan(Vector512.Abs(xNew), deltaV).AsInt64();
            }
            below = (int)Vector512.Sum(accBelow);
        }
        else if (Vector.IsHardwareAccelerated && n >= Vector<double>.Count)
        {
            int width = Vector<double>.Count;
            ref double xr = ref MemoryMarshal.GetReference(x);
            ref double gr = ref MemoryMarshal.GetReference(g);
            ref double wr = ref MemoryMarshal.GetReference(w);
            var eta = new Vector<double>(_eta); var deltaV = new Vector<double>(delta);
            var accBelow = Vector<long>.Zero;
            for (; i <= n - width; i += width)
            {
                nuint at = (nuint)i;
                var gv = Vector.LoadUnsafe(ref gr, at); var wv = Vector.LoadUnsafe(ref wr, at);
                var wi = Vector.SquareRoot(wv * wv + gv * gv);
                wi.StoreUnsafe(ref wr, at);
                var xNew = Vector.LoadUnsafe(ref xr, at) + (-(eta * gv)) / wi;
                xNew.StoreUnsafe(ref xr, at);
                accBelow -= Vector.LessThan(Vector.Abs(xNew), deltaV);
            }
            below = (int)Vector.Sum(accBelow);
        }
        for (; i < n; i++)
        {
            double gi = g[i];
            double wi = Math.Sqrt(w[i] * w[i] + gi * gi); // w_{i,k} = sqrt(w_{i,k−1}² + g_{i,k}²)
            w[i] = wi;
            double xNew = x[i] + PrunAdagKernel.AdagradStep(_eta, gi, wi);
            x[i] = xNew;
            if (Math.Abs(xNew) < delta) below++;
        }
        counts = new StepCounts { Optimisable = n, BelowDelta = below };
    }
}
