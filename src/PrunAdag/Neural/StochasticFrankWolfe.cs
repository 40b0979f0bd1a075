using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace PrunAdag.Neural;

/// <summary>How stochastic Frank–Wolfe turns its learning rate α into the step η_k.</summary>
internal enum SfwRescaling
{
    /// <summary>η_k = min(α ‖m_k‖₂ / ‖v_k − x_k‖₂, 1): the gradient rescaling of Pokutta, Spiegel and Zimmer (2020), which Zimmer, Spiegel and Pokutta (2022) show compression-aware SFW depends on.</summary>
    Gradient,
    /// <summary>η_k = α (α ∈ [0, 1]).</summary>
    None,
}

/// <summary>
/// One T-support-norm ball C_T(τ) = conv{v : ‖v‖₀ ≤ T, ‖v‖₂ ≤ τ} constraining the components of some index
/// ranges taken together (in increasing index order), with its own step size.
/// </summary>
/// <param name="Name">For messages.</param>
/// <param name="Ranges">(offset, length) ranges, increasing and disjoint.</param>
/// <param name="TargetRelevant">T, 1 ≤ T ≤ the group's size; T = size makes the ball the plain L2 ball of radius τ.</param>
/// <param name="Tau">τ &gt; 0.</param>
internal sealed record SfwGroup(string Name, (int Offset, int Length)[] Ranges, int TargetRelevant, double Tau)
{
    public int Size => Ranges.Sum(r => r.Length);
}

/// <summary>
/// Settings of stochastic Frank–Wolfe. Defaults: α = 0.1 and momentum 0.9 with gradient rescaling (the
/// settings of the compression-aware SFW experiments: Zimmer, Spiegel and Pokutta 2022, §2 and appendix; the
/// authors' public implementation defaults to α = 0.1).
/// </summary>
internal sealed record SfwParameters
{
    /// <summary>α &gt; 0 (with <see cref="SfwRescaling.None"/>, α ≤ 1).</summary>
    public double LearningRate { get; init => field = double.IsFinite(value) && value > 0 ? value : throw Bad(nameof(LearningRate), value, "must be finite and > 0"); } = 0.1;

    /// <summary>μ ∈ [0, 1): m_k = μ m_{k−1} + (1 − μ) g_k (μ = 0: no momentum).</summary>
    public double Momentum { get; init => field = value >= 0 && value < 1 ? value : throw Bad(nameof(Momentum), value, "must be in [0, 1)"); } = 0.9;

    /// <summary>The step rule.</summary>
    public SfwRescaling Rescaling { get; init; } = SfwRescaling.Gradient;

    private static ArgumentOutOfRangeException Bad(string name, double value, string rule) => new(name, value, $"Stochastic Frank–Wolfe's {name} {rule}; got {value}.");
}

/// <summary>
/// Stochastic Frank–Wolfe on T-support-norm balls with momentum and gradient rescaling, the compression-aware
/// SFW of Zimmer, Spiegel and Pokutta (2022, "Compression-aware training of neural networks using Frank–Wolfe",
/// arXiv:2205.11921, §2; the step rule of Pokutta, Spiegel and Zimmer 2020, arXiv:2010.07243, §3.1).
/// Iteration k, for the mini-batch gradient g_k:
/// <list type="number">
/// <item>m_0 = g_0, m_k = μ m_{k−1} + (1 − μ) g_k (the momentum form of the authors' implementation: PyTorch's
/// buffer with dampening μ, i.e. the paper's m_k = (1 − ρ) m_{k−1} + ρ g_k with ρ = 1 − μ, started at g_0);</item>
/// <item>per group, the LMO of the Frank–Wolfe baseline (docs/algorithm.md, B2) applied to m_k: v_i = −τ m_i / ‖m‖_R on R, the T
/// largest |m_i| of the group (ties to the smaller index), v_i = 0 elsewhere (v = 0 when m = 0 on the group);</item>
/// <item>η_k = min(α ‖m‖₂ / ‖v − x‖₂, 1) over the group (gradient rescaling; η_k = 1 when v = x), or α;</item>
/// <item>x_{k+1} = x_k + η_k (v_k − x_k) (docs/algorithm.md, B2).</item>
/// </list>
/// Unlike FW2 (docs/algorithm.md, B2) (β‖g‖_R), the rescaling uses the full norm ‖m‖₂, as the papers and the authors' code do.
/// Every sum of squares is in the fixed order of <see cref="Sum4"/> over the group's components in index order;
/// nothing depends on the vector width or thread count.
/// </summary>
internal sealed class StochasticFrankWolfeKernel : StepKernel
{
    private readonly SfwGroup[] _groups;
    private readonly double[] _m, _gm, _gx, _scratch;
    private readonly SelectionHint[] _hints;
    private readonly double _alpha, _mu, _oneMinusMu;
    private readonly bool _rescale;
    private readonly double[] _taus;
    private readonly double? _radiusFactor;
    private bool _started;

    /// <summary>The kernel; with <paramref name="radiusFactor"/> w, each group's τ is replaced at the first step by w·‖x0 on the group‖₂ (w when that is 0).</summary>
    public StochasticFrankWolfeKernel(int n, IReadOnlyList<SfwGroup> groups, SfwParameters parameters, double? radiusFactor = null)
        : base(n, Math.Clamp(groups?.Sum(g => g.TargetRelevant) ?? throw new ArgumentNullException(nameof(groups)), 1, n))
    {
        ArgumentNullException.ThrowIfNull(parameters);
        _groups = [.. groups];
        CheckGroups(n, _groups);
        if (parameters.Rescaling == SfwRescaling.None && parameters.LearningRate > 1)
            throw new ArgumentOutOfRangeException(nameof(parameters), parameters.LearningRate, $"Without rescaling the step η = α must be in (0, 1]; got α = {parameters.LearningRate}.");
        int largest = _groups.Max(g => g.Size);
        _m = new double[n]; _gm = new double[largest]; _gx = new double[largest]; _scratch = new double[largest];
        _hints = new SelectionHint[_groups.Length];
        _alpha = parameters.LearningRate; _mu = parameters.Momentum; _oneMinusMu = 1 - parameters.Momentum;
        _rescale = parameters.Rescaling == SfwRescaling.Gradient;
        _taus = [.. _groups.Select(g => g.Tau)];
        if (radiusFactor is { } w && !(w > 0 && double.IsFinite(w)))
            throw new ArgumentOutOfRangeException(nameof(radiusFactor), w, $"The radius factor w must be finite and > 0; got {w}.");
        _radiusFactor = radiusFactor;
    }

    /// <summary>Each group's radius τ (after the first step when it is relative to x0).</summary>
    internal IReadOnlyList<double> Radii => _taus;

    /// <summary>One ball over all n components.</summary>
    public static SfwGroup[] Global(int n, int targetRelevant, double tau) => [new SfwGroup("x", [(0, n)], targetRelevant, tau)];

    /// <summary>
    /// Balls from a layout: with <see cref="PruningScope.Global"/> one T-support-norm ball over all prunable blocks
    /// together (T = max(1, ⌈f·P⌉) of the P prunable components), with <see cref="PruningScope.PerBlock"/> one per
    /// prunable block (T = max(1, ⌈f·L⌉)), radius <paramref name="tau"/>; every block that is not prunable gets its own
    /// L2 ball (T = its length) of radius <paramref name="unprunableTau"/>, so it is optimised but never made sparse.
    /// </summary>
    public static SfwGroup[] ForLayout(ParameterLayout layout, PruningScope scope, double keepFraction, double tau, double unprunableTau)
    {
        ArgumentNullException.ThrowIfNull(layout);
        if (!(keepFraction > 0 && keepFraction <= 1)) throw new ArgumentOutOfRangeException(nameof(keepFraction), keepFraction, "The kept fraction f must be in (0, 1].");
        static int T(double f, int size) => Math.Clamp((int)Math.Ceiling(Math.Round(f * size, 9)), 1, size);
        var groups = new List<SfwGroup>();
        var prunable = layout.Blocks.Where(b => b.Prunable).ToArray();
        if (scope == PruningScope.Global && prunable.Length > 0)
        {
            int p = prunable.Sum(b => b.Length);
            groups.Add(new SfwGroup("prunable", [.. prunable.Select(b => (b.Offset, b.Length))], T(keepFraction, p), tau));
        }
        foreach (var b in layout.Blocks)
        {
            if (b.Prunable && scope == PruningScope.PerBlock) groups.Add(new SfwGroup(b.Name, [(b.Offset, b.Length)], T(keepFraction, b.Length), tau));
            else if (!b.Prunable) groups.Add(new SfwGroup(b.Name, [(b.Offset, b.Length)], b.Length, unprunableTau));
        }
        return [.. groups];
    }

    private static void CheckGroups(int n, SfwGroup[] groups)
    {
        if (groups.Length == 0) throw new ArgumentException("Stochastic Frank–Wolfe needs at least one constraint group.", nameof(groups));
        var owner = new string?[n];
        foreach (var g in groups)
        {
            if (!(g.Tau > 0 && double.IsFinite(g.Tau))) throw new ArgumentOutOfRangeException(nameof(groups), g.Tau, $"Group '{g.Name}': the radius τ must be finite and > 0; got {g.Tau}.");
            int previousEnd = -1;
            foreach (var (offset, length) in g.Ranges)
            {
                if (length < 1 || offset < 0 || (long)offset + length > n)
                    throw new ArgumentOutOfRangeException(nameof(groups), $"Group '{g.Name}': the range [{offset}, {(long)offset + length}) is empty or outside 0..{n - 1}.");
                if (offset < previousEnd) throw new ArgumentException($"Group '{g.Name}': its ranges must be increasing and disjoint.", nameof(groups));
                previousEnd = offset + length;
                for (int i = offset; i < offset + length; i++)
                {
                    if (owner[i] is { } other) throw new ArgumentException($"Component {i} belongs to the groups '{other}' and '{g.Name}'.", nameof(groups));
                    owner[i] = g.Name;
                }
            }
            if (g.TargetRelevant < 1 || g.TargetRelevant > g.Size)
                throw new ArgumentOutOfRangeException(nameof(groups), g.TargetRelevant, $"Group '{g.Name}': T must be in 1..{g.Size}; got {g.TargetRelevant}.");
        }
        int free = Array.IndexOf(owner, null);
        if (free >= 0) throw new ArgumentException($"Component {free} belongs to no constraint group; the groups must cover all n = {n} components.", nameof(groups));
    }

    /// <summary>m (for tests).</summary>
    internal ReadOnlySpan<double> Momentum => _m;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override StepCounts Step(int k, Span<double> x, ReadOnlySpan<double> g, double delta)
    {
        int n = x.Length;
        var m = _m.AsSpan(0, n);
        if (!_started)
        {
            g.CopyTo(m); _started = true;
            if (_radiusFactor is { } w)
                for (int q = 0; q < _groups.Length; q++)
                {
                    // τ = w·‖x0‖₂ over the group, in the order of Sum4 over its components (B5; rescaled as C5 if
                    // that sum under- or overflows); w for a group that starts at 0.
                    Sum4 s2 = default;
                    int at = 0;
                    foreach (var (offset, length) in _groups[q].Ranges)
                        for (int i = offset; i < offset + length; i++, at++) s2.Add(at, x[i] * x[i]);
                    double norm = ScaledNorm.Representable(s2.Total) ? Math.Sqrt(s2.Total)
                        : ScaledNorm.Of(s2.Total, _gx.AsSpan(0, Gather(_groups[q], x, _gx)));
                    _taus[q] = norm > 0 ? w * norm : w;
                }
        }
        else UpdateMomentum(m, g, _mu, _oneMinusMu);
        for (int q = 0; q < _groups.Length; q++)
        {
            var group = _groups[q];
            if (group.Ranges is [var (offset, length)]) // one range (all of x, or e.g. an MLP's weights): in place
                GroupStep(m.Slice(offset, length), x.Slice(offset, length), group.TargetRelevant, _taus[q], _scratch, ref _hints[q]);
            else
            {
                int size = Gather(group, m, _gm);
                Gather(group, x, _gx);
                GroupStep(_gm.AsSpan(0, size), _gx.AsSpan(0, size), group.TargetRelevant, _taus[q], _scratch, ref _hints[q]);
                Scatter(group, _gx.AsSpan(0, size), x);
            }
        }
        return new StepCounts(0, 0, 0, CountBelow(x, delta));
    }

    // m ← μ m + (1 − μ) g, a vector at a time with the scalar arithmetic per component.
    private static void UpdateMomentum(Span<double> m, ReadOnlySpan<double> g, double mu, double oneMinusMu)
    {
        int n = m.Length, i = 0;
        ref double mr = ref MemoryMarshal.GetReference(m);
        ref double gr = ref MemoryMarshal.GetReference(g);
        if (Vector256.IsHardwareAccelerated)
        {
            var a = Vector256.Create(mu); var b = Vector256.Create(oneMinusMu);
            for (; i <= n - 4; i += 4)
                (a * Vector256.LoadUnsafe(ref mr, (nuint)i) + b * Vector256.LoadUnsafe(ref gr, (nuint)i)).StoreUnsafe(ref mr, (nuint)i);
        }
        for (; i < n; i++) m[i] = mu * m[i] + oneMinusMu * g[i];
    }

    private static int CountBelow(ReadOnlySpan<double> x, double delta)
    {
        int n = x.Length, i = 0, below = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            ref double xr = ref MemoryMarshal.GetReference(x);
            var d = Vector256.Create(delta);
            var acc = Vector256<long>.Zero;
            for (; i <= n - 4; i += 4) acc -= Vector256.LessThan(Vector256.Abs(Vector256.LoadUnsafe(ref xr, (nuint)i)), d).AsInt64();
            below = (int)Vector256.Sum(acc);
        }
        for (; i < n; i++) if (Math.Abs(x[i]) < delta) below++;
        return below;
    }

    /// <summary>
    /// One group's LMO and step on its (gathered) m and x; returns η. Four lanes at a time: lane j of each sum holds
    /// the indices ≡ j (mod 4), the order of <see cref="Sum4"/>, so the vector and scalar paths give the same bits.
    /// Four lanes holding a tie of the selection threshold while ties are left go through the cursor in index order.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private double GroupStep(Span<double> m, Span<double> x, int t, double tau, double[] scratch, ref SelectionHint hint)
    {
        int size = m.Length;
        var cut = RelevantSet.Find(m, t, scratch.AsSpan(0, size), ref hint);
        var c = cut.Cursor();
        // Pass 1: ‖m‖₂², ‖m‖_R², and m restricted to R (into scratch; the selection's workspace is free again).
        var sel = scratch.AsSpan(0, size);
        ref double mr = ref MemoryMarshal.GetReference(m);
        ref double sr = ref MemoryMarshal.GetReference(sel);
        var all2 = Vector256<double>.Zero; var rel2 = Vector256<double>.Zero;
        int i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var thr = Vector256.Create(c.Threshold);
            while (i <= size - 4)
            {
                var mv = Vector256.LoadUnsafe(ref mr, (nuint)i);
                var abs = Vector256.Abs(mv);
                Vector256<double> rel;
                if (c.All) rel = Vector256<double>.AllBitsSet;
                else if (c.TiesLeft > 0 && Vector256.EqualsAny(abs, thr))
                {
                    var lanes = Vector256<double>.Zero;
                    for (int l = 0; l < 4; l++) lanes = lanes.WithElement(l, c.IsRelevant(Math.Abs(m[i + l])) ? BitConverter.Int64BitsToDouble(-1) : 0.0);
                    rel = lanes;
                }
                else rel = Vector256.GreaterThan(abs, thr);
                var sq = mv * mv;
                all2 += sq;
                rel2 += Vector256.ConditionalSelect(rel, sq, Vector256<double>.Zero);
                Vector256.ConditionalSelect(rel, mv, Vector256<double>.Zero).StoreUnsafe(ref sr, (nuint)i);
                i += 4;
            }
        }
        Sum4 m2 = Sum4.From(all2), mR2 = Sum4.From(rel2);
        for (; i < size; i++)
        {
            double mi = m[i], sq = mi * mi;
            m2.Add(i, sq);
            if (c.IsRelevant(Math.Abs(mi))) { mR2.Add(i, sq); sel[i] = mi; } else sel[i] = 0.0;
        }
        double mR = ScaledNorm.Of(mR2.Total, sel); // sel holds m on R, +0 elsewhere (C5 when the sum under- or overflows)
        // Pass 2: the vertex v_i = (−τ m_i)/‖m‖_R on R, 0 elsewhere (in scratch), and ‖v − x‖².
        ref double xr = ref MemoryMarshal.GetReference(x);
        var d2v = Vector256<double>.Zero;
        i = 0;
        bool vertex = mR > 0;
        var (vTau, vR) = FrankWolfe.VertexScale(tau, mR); // (τ, ‖m‖_R) unless τ‖m‖_R overflows
        if (Vector256.IsHardwareAccelerated)
        {
            var negTau = Vector256.Create(-vTau); var norm = Vector256.Create(vR);
            for (; i <= size - 4; i += 4)
            {
                var sv = Vector256.LoadUnsafe(ref sr, (nuint)i);
                var keep = vertex ? ~Vector256.Equals(sv, Vector256<double>.Zero) : Vector256<double>.Zero;
                var v = Vector256.ConditionalSelect(keep, negTau * sv / norm, Vector256<double>.Zero);
                v.StoreUnsafe(ref sr, (nuint)i);
                var d = v - Vector256.LoadUnsafe(ref xr, (nuint)i);
                d2v += d * d;
            }
        }
        Sum4 d2 = Sum4.From(d2v);
        for (; i < size; i++)
        {
            double vi = vertex && sel[i] != 0 ? FrankWolfe.Vertex(vTau, sel[i], vR) : 0.0;
            sel[i] = vi;
            double d = vi - x[i];
            d2.Add(i, d * d);
        }
        double eta;
        if (_rescale)
        {
            double dist = ScaledNorm.OfDifference(d2.Total, sel, x); // sel now holds v
            eta = dist > 0 ? Math.Min(_alpha * ScaledNorm.Of(m2.Total, m) / dist, 1.0) : 1.0;
        }
        else eta = _alpha;
        // Pass 3: x ← x + η (v − x).
        i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var e = Vector256.Create(eta);
            for (; i <= size - 4; i += 4)
            {
                var xv = Vector256.LoadUnsafe(ref xr, (nuint)i);
                (xv + e * (Vector256.LoadUnsafe(ref sr, (nuint)i) - xv)).StoreUnsafe(ref xr, (nuint)i);
            }
        }
        for (; i < size; i++) x[i] = x[i] + eta * (sel[i] - x[i]);
        return eta;
    }

    /// <summary>The LMO over C_T(τ) for a direction d (docs/algorithm.md, B2, with d for g): the vertex v, ‖v‖₀ ≤ T, ‖v‖₂ = τ (or v = 0 when d = 0).</summary>
    internal static double[] LinearMinimizationOracle(ReadOnlySpan<double> d, int t, double tau)
    {
        RelevantSet.CheckT(t, d.Length);
        var scratch = new double[d.Length];
        var cut = RelevantSet.Find(d, t, scratch);
        var c = cut.Cursor();
        var rel = new bool[d.Length];
        Sum4 r2 = default;
        var onR = new double[d.Length];
        for (int i = 0; i < d.Length; i++)
            if (c.IsRelevant(Math.Abs(d[i]))) { rel[i] = true; onR[i] = d[i]; r2.Add(i, d[i] * d[i]); }
        double norm = ScaledNorm.Of(r2.Total, onR);
        var v = new double[d.Length];
        var (vTau, vR) = FrankWolfe.VertexScale(tau, norm);
        if (norm > 0) for (int i = 0; i < d.Length; i++) if (rel[i]) v[i] = FrankWolfe.Vertex(vTau, d[i], vR);
        return v;
    }

    /// <summary>
    /// The T-support norm of Argyriou, Foygel and Srebro (2012, Proposition 2.1), whose unit ball is C_T(1): with
    /// z = |x| sorted decreasingly (z_0 = +∞), r is the r ∈ {0, …, T − 1} with z_{T−r−1} &gt; (1/(r+1)) Σ_{i≥T−r} z_i ≥ z_{T−r},
    /// and ‖x‖ = sqrt(Σ_{i&lt;T−r} z_i² + (Σ_{i≥T−r} z_i)² / (r + 1)) (1-based indices). T = 1 gives ‖x‖₁, T = n gives ‖x‖₂,
    /// and a vector with at most T nonzeros has norm ‖x‖₂. x lies in C_T(τ) exactly when this norm is ≤ τ.
    /// </summary>
    internal static double SupportNorm(ReadOnlySpan<double> x, int t)
    {
        RelevantSet.CheckT(t, x.Length);
        var z = new double[x.Length];
        for (int i = 0; i < z.Length; i++) z[i] = Math.Abs(x[i]);
        Array.Sort(z); Array.Reverse(z); // z[0] ≥ z[1] ≥ … (0-based: z_i of the remark is z[i − 1])
        // tail[j] = Σ_{i ≥ j} z[i] (0-based), summed from the smallest up.
        var tail = new double[z.Length + 1];
        for (int i = z.Length - 1; i >= 0; i--) tail[i] = tail[i + 1] + z[i];
        // Exactly one r satisfies the inequalities in exact arithmetic; a relative slack of 1e-12 keeps rounding
        // from missing it (at a boundary the neighbouring r give the same norm).
        const double slack = 1e-12;
        for (int r = 0; r < t; r++)
        {
            int first = t - r - 1;                       // 0-based index of z_{T−r}
            double mean = tail[first] / (r + 1);
            double above = first == 0 ? double.PositiveInfinity : z[first - 1];
            if (above >= mean * (1 - slack) && mean >= z[first] * (1 - slack))
            {
                double head = 0;
                for (int i = 0; i < first; i++) head += z[i] * z[i];
                return Math.Sqrt(head + tail[first] * tail[first] / (r + 1));
            }
        }
        throw new InvalidOperationException("The T-support norm found no admissible r (non-finite input?).");
    }

    private static int Gather(SfwGroup group, ReadOnlySpan<double> from, Span<double> to)
    {
        int at = 0;
        foreach (var (offset, length) in group.Ranges) { from.Slice(offset, length).CopyTo(to[at..]); at += length; }
        return at;
    }

    private static void Scatter(SfwGroup group, ReadOnlySpan<double> from, Span<double> to)
    {
        int at = 0;
        foreach (var (offset, length) in group.Ranges) { from.Slice(at, length).CopyTo(to.Slice(offset, length)); at += length; }
    }
}
