using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace PrunAdag.Neural;

/// <summary>
/// Adam's settings, defaulting to PyTorch's <c>torch.optim.Adam</c> (lr 1e-3, betas (0.9, 0.999), eps 1e-8,
/// weight_decay 0, amsgrad false). Every property is validated when set, with a message naming it.
/// </summary>
internal sealed record AdamParameters
{
    /// <summary>γ, the learning rate (&gt; 0).</summary>
    public double LearningRate { get; init => field = double.IsFinite(value) && value > 0 ? value : throw Bad(nameof(LearningRate), value, "must be finite and > 0"); } = 1e-3;

    /// <summary>β₁ ∈ [0, 1).</summary>
    public double Beta1 { get; init => field = value >= 0 && value < 1 ? value : throw Bad(nameof(Beta1), value, "must be in [0, 1)"); } = 0.9;

    /// <summary>β₂ ∈ [0, 1).</summary>
    public double Beta2 { get; init => field = value >= 0 && value < 1 ? value : throw Bad(nameof(Beta2), value, "must be in [0, 1)"); } = 0.999;

    /// <summary>ε (&gt; 0), added to √v̂.</summary>
    public double Epsilon { get; init => field = double.IsFinite(value) && value > 0 ? value : throw Bad(nameof(Epsilon), value, "must be finite and > 0"); } = 1e-8;

    /// <summary>λ ≥ 0: PyTorch's (coupled) weight decay, g ← g + λθ before the moments.</summary>
    public double WeightDecay { get; init => field = double.IsFinite(value) && value >= 0 ? value : throw Bad(nameof(WeightDecay), value, "must be finite and ≥ 0"); }

    /// <summary>AMSGrad: the denominator uses the running maximum of v.</summary>
    public bool Amsgrad { get; init; }

    private static ArgumentOutOfRangeException Bad(string name, double value, string rule) => new(name, value, $"Adam's {name} {rule}; got {value}.");
}

/// <summary>
/// Adam (Kingma and Ba 2015) with <c>torch.optim.Adam</c>'s documented update, for step t = 1, 2, … (one per call,
/// whatever k): g ← g + λθ (when λ ≠ 0); m ← β₁m + (1 − β₁)g; v ← β₂v + (1 − β₂)g² (AMSGrad: v_max ← max(v_max, v),
/// used for v); θ ← θ − γ m̂ / (√v̂ + ε) with m̂ = m / (1 − β₁ᵗ), v̂ = v / (1 − β₂ᵗ), and m = v = 0 before the first step.
/// </summary>
/// <remarks>
/// <para>The last line is evaluated in the order of PyTorch's own implementation (<c>_single_tensor_adam</c>), which
/// is the same quantity with one division fewer per component: s = γ / (1 − β₁ᵗ) and c = √(1 − β₂ᵗ) once per step,
/// then θ ← θ + (−s)·(m / (√v / c + ε)); the moments are m = β₁m + (1 − β₁)g and v = β₂v + (1 − β₂)(g·g) (PyTorch
/// writes m as a <c>lerp</c>). β₁ᵗ and β₂ᵗ are running products (one multiplication per step), plain IEEE arithmetic on
/// every machine rather than a call to pow.</para>
/// <para>Each component's arithmetic is this scalar sequence whether it runs in a 512-, 256-, 128-bit vector or alone (no fused
/// multiply-add), so the bits do not depend on the vector width. PyTorch computes in float32 by default, so the two
/// agree to rounding, not bitwise.</para>
/// </remarks>
internal sealed class AdamKernel : StepKernel
{
    private readonly Memory<double> _m, _v, _vMax; // each from a cache line (AlignedDoubles: speed only)
    private readonly double _lr, _beta1, _beta2, _eps, _decay, _oneMinusBeta1, _oneMinusBeta2;
    private readonly bool _amsgrad;
    private double _beta1Power = 1, _beta2Power = 1;
    private int _t;
    private Numerics.StepPass? _pass;                  // a long vector in blocks on several threads, the same bits
    private double _stepSize, _bc2Sqrt, _delta;        // the step in flight while _pass runs

    public AdamKernel(int n, AdamParameters parameters) : base(n, n)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        _m = Numerics.AlignedDoubles.AllocateMemory(n); _v = Numerics.AlignedDoubles.AllocateMemory(n);
        _vMax = parameters.Amsgrad ? Numerics.AlignedDoubles.AllocateMemory(n) : Memory<double>.Empty;
        _lr = parameters.LearningRate; _beta1 = parameters.Beta1; _beta2 = parameters.Beta2; _eps = parameters.Epsilon;
        _decay = parameters.WeightDecay; _amsgrad = parameters.Amsgrad;
        _oneMinusBeta1 = 1 - _beta1; _oneMinusBeta2 = 1 - _beta2;
    }

    /// <summary>The steps taken (t after the last step).</summary>
    internal int Steps => _t;

    /// <summary>m (for tests).</summary>
    internal ReadOnlySpan<double> FirstMoment => _m.Span;

    /// <summary>v (for tests).</summary>
    internal ReadOnlySpan<double> SecondMoment => _v.Span;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override StepCounts Step(int k, Span<double> x, ReadOnlySpan<double> g, double delta)
    {
        int n = x.Length;
        _t++;
        _beta1Power *= _beta1; _beta2Power *= _beta2;
        double stepSize = _lr / (1 - _beta1Power), bc2Sqrt = Math.Sqrt(1 - _beta2Power);
        int blocks = Numerics.StepPass.ThreadedBlocks(n);
        if (blocks == 0) return new StepCounts(n, 0, 0, StepRange(x, g, 0, stepSize, bc2Sqrt, delta));
        _stepSize = stepSize; _bc2Sqrt = bc2Sqrt; _delta = delta;
        return new StepCounts(n, 0, 0, (_pass ??= new Numerics.StepPass(StepBlock)).Run(x, g, blocks).Second);
    }

    // One block of a long vector, on whichever thread takes it.
    private (int, int) StepBlock(int b, int start, Span<double> x, ReadOnlySpan<double> g) =>
        (0, StepRange(x, g, start, _stepSize, _bc2Sqrt, _delta));

    /// <summary>The update on x[0..) = components at.. of the whole vector (m, v and v_max from index at); returns #{|x_i| &lt; δ}.</summary>
    private int StepRange(Span<double> x, ReadOnlySpan<double> g, int at, double stepSize, double bc2Sqrt, double delta)
    {
        int n = x.Length, i = 0, below = 0;
        var m = _m.Span.Slice(at, n); var v = _v.Span.Slice(at, n); var vMax = _amsgrad ? _vMax.Span.Slice(at, n) : default;
        if (!_amsgrad)
            i = Vector512.IsHardwareAccelerated ? Vectors<Simd512>(x, g, m, v, stepSize, bc2Sqrt, delta, ref below)
                : Vector256.IsHardwareAccelerated ? Vectors<Simd256>(x, g, m, v, stepSize, bc2Sqrt, delta, ref below)
                : Vector128.IsHardwareAccelerated ? Vectors<Simd128>(x, g, m, v, stepSize, bc2Sqrt, delta, ref below) : 0;
        for (; i < n; i++)
        {
            double gi = g[i];
            if (_decay != 0) gi += _decay * x[i];
            double mi = _beta1 * m[i] + _oneMinusBeta1 * gi;
            double vi = _beta2 * v[i] + _oneMinusBeta2 * (gi * gi);
            m[i] = mi; v[i] = vi;
            if (_amsgrad) { vi = Math.Max(vMax[i], vi); vMax[i] = vi; }
            double xNew = x[i] + -stepSize * (mi / (Math.Sqrt(vi) / bc2Sqrt + _eps));
            x[i] = xNew;
            if (Math.Abs(xNew) < delta) below++;
        }
        return below;
    }

    // The scalar loop's arithmetic a vector at a time (AMSGrad stays scalar); returns the first index it left.
    [MethodImpl(SimdLoop.Options)]
    private int Vectors<V>(Span<double> x, ReadOnlySpan<double> g, Span<double> m, Span<double> v, double stepSize, double bc2Sqrt, double delta, ref int below)
        where V : struct, ISimd<V>
    {
        int n = x.Length, w = V.Count, i = 0;
        ref double xr = ref MemoryMarshal.GetReference(x); ref double gr = ref MemoryMarshal.GetReference(g);
        ref double mr = ref MemoryMarshal.GetReference(m); ref double vr = ref MemoryMarshal.GetReference(v);
        V b1 = V.Create(_beta1), b2 = V.Create(_beta2), a1 = V.Create(_oneMinusBeta1), a2 = V.Create(_oneMinusBeta2);
        V negStep = V.Create(-stepSize), c2 = V.Create(bc2Sqrt), eps = V.Create(_eps), decay = V.Create(_decay), dv = V.Create(delta);
        bool decays = _decay != 0;
        V count = V.Zero;
        for (; i <= n - w; i += w)
        {
            nuint at = (nuint)i;
            if (V.Count >= 4) { Prefetch.Ahead(ref xr, at); Prefetch.Ahead(ref gr, at); Prefetch.Ahead(ref mr, at); Prefetch.Ahead(ref vr, at); }
            V xv = V.Load(ref xr, at), gv = V.Load(ref gr, at);
            if (decays) gv += decay * xv;
            V mv = b1 * V.Load(ref mr, at) + a1 * gv;
            V vv = b2 * V.Load(ref vr, at) + a2 * (gv * gv);
            mv.Store(ref mr, at); vv.Store(ref vr, at);
            // The root on the multiply–add units (512-bit; the same bits), beside the divider's two divisions.
            V xNew = xv + negStep * (mv / (V.SqrtOnMultiplyAdd(vv) / c2 + eps));
            xNew.Store(ref xr, at);
            count = V.CountTrue(count, V.LessThan(V.Abs(xNew), dv));
        }
        below += (int)V.TotalCount(count);
        return i;
    }
}
