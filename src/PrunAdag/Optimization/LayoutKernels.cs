namespace PrunAdag;

/// <summary>One relevant set of a parameter layout: the components it ranges over (in index order) and its T.</summary>
/// <param name="Name">The block's name, or "prunable" for the global set.</param>
/// <param name="Ranges">(offset, length) ranges, increasing, disjoint, adjacent ones merged.</param>
/// <param name="TargetRelevant">T, in 1..size.</param>
internal sealed record RelevantGroup(string Name, (int Offset, int Length)[] Ranges, int TargetRelevant)
{
    public int Size => Ranges.Sum(r => r.Length);
}

/// <summary>
/// How each method meets a <see cref="ParameterLayout"/> (docs/algorithm.md C19): the relevant sets of its prunable
/// blocks, and a composite kernel that steps each part. A layout of one prunable block gives the kernel of a run
/// without a layout, so such a run is bitwise today's.
/// </summary>
internal static class LayoutKernels
{
    /// <summary>
    /// The relevant sets of <paramref name="layout"/>: one over all prunable blocks (<see cref="PruningScope.Global"/>) or
    /// one per prunable block, each of m components with T = <paramref name="t"/> (global: checked against m; per block:
    /// min(t, m)), or T = min(m, max(1, ⌈f·m⌉)) for a fraction f, or the paper's max(1, ⌊m/10⌋) (C3).
    /// </summary>
    /// <remarks>Options holding both T and a fraction are refused by <see cref="Minimizer.Create"/> before they get here.</remarks>
    /// <exception cref="ArgumentException">No prunable block, or a global T above the prunable count.</exception>
    public static RelevantGroup[] Groups(ParameterLayout layout, PruningScope scope, int? t, double? fraction)
    {
        var prunable = layout.Blocks.Where(b => b.Prunable).ToArray();
        if (prunable.Length == 0)
            throw new ArgumentException($"The layout has no prunable block, so there is no relevant set: {layout}.", nameof(layout));
        int T(int m, bool global)
        {
            if (t is { } given)
            {
                if (!global) return Math.Min(given, m);
                if (layout.IsSingleBlock) RelevantSet.CheckT(given, m); // the message of a run without a layout
                if (given < 1 || given > m)
                    throw new ArgumentOutOfRangeException("TargetRelevant", given, $"TargetRelevant (T) must be in 1..{m}, the number of prunable components of the layout; got {given}.");
                return given;
            }
            if (fraction is { } f) return Math.Clamp((int)Math.Ceiling(Math.Round(f * m, 9)), 1, m);
            return Math.Max(1, m / 10);
        }
        return scope switch
        {
            PruningScope.Global => [new RelevantGroup("prunable", Merge(prunable), T(prunable.Sum(b => b.Length), global: true))],
            PruningScope.PerBlock => [.. prunable.Select(b => new RelevantGroup(b.Name, [(b.Offset, b.Length)], T(b.Length, global: false)))],
            _ => throw new ArgumentOutOfRangeException(nameof(scope), scope, "Unknown relevant-set scope."),
        };
    }

    /// <summary>The blocks that are not prunable, adjacent ones merged.</summary>
    public static (int Offset, int Length)[] Unprunable(ParameterLayout layout) => Merge(layout.Blocks.Where(b => !b.Prunable));

    private static (int Offset, int Length)[] Merge(IEnumerable<ParameterBlock> blocks)
    {
        var list = new List<(int Offset, int Length)>();
        foreach (var b in blocks.OrderBy(b => b.Offset))
        {
            if (list.Count > 0 && list[^1].Offset + list[^1].Length == b.Offset) list[^1] = (list[^1].Offset, list[^1].Length + b.Length);
            else list.Add((b.Offset, b.Length));
        }
        return [.. list];
    }

    /// <summary>prunAdag (or relevant-only) on a layout: Algorithm 2.1 on each relevant set, plain Adagrad (B1) on the blocks that are not prunable.</summary>
    public static StepKernel PrunAdag(ParameterLayout layout, PrunAdagOptions o, Variant variant, bool relevantOnly)
    {
        int n = layout.Dimension;
        var parts = new List<StepKernel>();
        var groups = Groups(layout, o.RelevantScope, o.TargetRelevant, o.RelevantFraction);
        foreach (var g in groups) parts.Add(new PrunAdagKernel(n, g.Ranges, g.TargetRelevant, variant, relevantOnly, o.Sigma0, o.StepScale));
        if (Unprunable(layout) is { Length: > 0 } rest) parts.Add(new AdagradKernel(n, rest, o.Sigma0, o.StepScale));
        return Compose(n, parts, groups.Sum(g => g.TargetRelevant));
    }

    /// <summary>Frank–Wolfe (B2) on a layout: a T-support-norm ball per relevant set, an L2 ball of the same τ (T = its length) per block that is not prunable.</summary>
    public static StepKernel FrankWolfe(ParameterLayout layout, FrankWolfeOptions o, FrankWolfeRule rule, double tau)
    {
        int n = layout.Dimension;
        var parts = new List<StepKernel>();
        var groups = Groups(layout, o.RelevantScope, o.TargetRelevant, o.RelevantFraction);
        foreach (var g in groups) parts.Add(Gathered(n, g.Ranges, new FrankWolfeKernel(g.Size, g.TargetRelevant, rule, tau, o.Beta)));
        foreach (var b in layout.Blocks.Where(b => !b.Prunable))
            parts.Add(Gathered(n, [(b.Offset, b.Length)], new FrankWolfeKernel(b.Length, b.Length, rule, tau, o.Beta)));
        return Compose(n, parts, groups.Sum(g => g.TargetRelevant));
    }

    private static StepKernel Compose(int n, List<StepKernel> parts, int t) => parts.Count == 1 ? parts[0] : new LayoutKernel(n, [.. parts], t);

    private static StepKernel Gathered(int n, (int Offset, int Length)[] ranges, StepKernel inner) =>
        ranges is [(0, var length)] && length == n ? inner : new GatheredKernel(n, ranges, inner);
}

/// <summary>Several kernels, each stepping its own components of x, one after the other; their counts add up.</summary>
internal sealed class LayoutKernel(int n, StepKernel[] parts, int t) : StepKernel(n, t)
{
    public override StepCounts Step(int k, Span<double> x, ReadOnlySpan<double> g, double delta)
    {
        int o = 0, a = 0, d = 0, below = 0;
        foreach (var part in parts)
        {
            var c = part.Step(k, x, g, delta);
            o += c.Optimisable; a += c.Acceptable; d += c.Decreasable; below += c.BelowDelta;
        }
        return new StepCounts(o, a, d, below);
    }
}

/// <summary>A kernel of a contiguous vector run on some ranges of x: on one range in place; on several, g and x are copied side by side, stepped, and x copied back.</summary>
internal sealed class GatheredKernel : StepKernel
{
    private readonly (int Offset, int Length)[] _ranges;
    private readonly StepKernel _inner;
    private readonly double[] _x, _g;

    public GatheredKernel(int n, (int Offset, int Length)[] ranges, StepKernel inner) : base(n, inner.TargetRelevant)
    {
        _ranges = ranges; _inner = inner;
        _x = ranges.Length > 1 ? new double[inner.Dimension] : []; _g = ranges.Length > 1 ? new double[inner.Dimension] : [];
    }

    public override StepCounts Step(int k, Span<double> x, ReadOnlySpan<double> g, double delta)
    {
        if (_ranges is [var (o, l)]) return _inner.Step(k, x.Slice(o, l), g.Slice(o, l), delta); // one range: in place
        int at = 0;
        foreach (var (offset, length) in _ranges)
        {
            x.Slice(offset, length).CopyTo(_x.AsSpan(at)); g.Slice(offset, length).CopyTo(_g.AsSpan(at));
            at += length;
        }
        var counts = _inner.Step(k, _x, _g, delta);
        at = 0;
        foreach (var (offset, length) in _ranges) { _x.AsSpan(at, length).CopyTo(x.Slice(offset, length)); at += length; }
        return counts;
    }
}

/// <summary>
/// A kernel that never moves the components of prunable blocks that are exactly 0 at x0: their gradient is taken as 0
/// and they stay 0 (masked fine-tuning of a pruned model, docs/algorithm.md B6). Other components step as the inner kernel says.
/// </summary>
internal sealed class MaskedKernel : StepKernel
{
    private readonly ParameterLayout _layout;
    private readonly StepKernel _inner;
    private readonly double[] _g;
    private int[] _frozen = [];
    private bool _started;

    public MaskedKernel(ParameterLayout layout, StepKernel inner) : base(layout.Dimension, inner.TargetRelevant)
    {
        _layout = layout; _inner = inner;
        _g = new double[layout.Dimension];
    }

    /// <summary>The indices held at 0 (known after the first step).</summary>
    internal IReadOnlyList<int> Frozen => _frozen;

    public override StepCounts Step(int k, Span<double> x, ReadOnlySpan<double> g, double delta)
    {
        if (!_started)
        {
            var frozen = new List<int>();
            foreach (var b in _layout.Blocks)
                if (b.Prunable)
                    for (int i = b.Offset; i < b.End; i++) if (x[i] == 0) frozen.Add(i);
            _frozen = [.. frozen];
            _started = true;
        }
        g.CopyTo(_g);
        foreach (int i in _frozen) _g[i] = 0;
        var counts = _inner.Step(k, x, _g, delta);
        foreach (int i in _frozen) x[i] = 0;
        return counts;
    }
}
