using MathNet.Numerics.LinearAlgebra;

namespace PrunAdag;

/// <summary>Which components compete when pruning to a sparsity σ under a <see cref="ParameterLayout"/>.</summary>
public enum PruningScope
{
    /// <summary>Global magnitude pruning: the ⌈σP⌉ smallest |x_i| over all P prunable components (one ranking across blocks).</summary>
    Global,
    /// <summary>Per block: each prunable block of length L loses its own ⌈σL⌉ smallest |x_i|.</summary>
    PerBlock,
}

public static partial class Pruning
{
    /// <summary>
    /// x̄ with the smallest |x_i| of the prunable blocks set to zero, ⌈σP⌉ of the P prunable components
    /// (<see cref="PruningScope.Global"/>) or ⌈σL⌉ of each prunable block of length L (<see cref="PruningScope.PerBlock"/>);
    /// blocks that are not prunable are kept as they are. Ties follow <see cref="ToSparsity(Vector{double}, double)"/>:
    /// among equal magnitudes the smaller index is kept, so the larger indices are pruned first.
    /// </summary>
    /// <param name="x">The trained parameters.</param>
    /// <param name="sigma">σ, a fraction of the prunable components in [0, 1].</param>
    /// <param name="layout">The blocks of x.</param>
    /// <param name="scope">Global (the default) or per block.</param>
    /// <returns>x̄ and its achieved sparsity per block and overall.</returns>
    public static LayoutPruningResult ToSparsity(Vector<double> x, double sigma, ParameterLayout layout, PruningScope scope = PruningScope.Global)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(layout);
        layout.CheckDimension(x.Count, nameof(x));
        CheckSigma(sigma);
        CheckNoNaN(x);
        var values = x.ToArray();
        var result = new double[values.Length];
        foreach (var b in layout.Blocks)
            if (!b.Prunable) Array.Copy(values, b.Offset, result, b.Offset, b.Length);
        if (scope == PruningScope.PerBlock)
        {
            foreach (var b in layout.Blocks)
                if (b.Prunable) KeepLargest(values, b.Offset, b.Length, b.Length - PrunedCount(b.Length, sigma), result);
        }
        else if (scope == PruningScope.Global)
        {
            int p = layout.PrunableCount;
            if (p > 0)
            {
                // The prunable components in increasing index order, so the ranking's ties (smaller index first) are the global index's.
                var gathered = new double[p];
                var index = new int[p];
                int at = 0;
                foreach (var b in layout.Blocks)
                    if (b.Prunable)
                        for (int i = b.Offset; i < b.End; i++) { gathered[at] = values[i]; index[at++] = i; }
                int keep = p - PrunedCount(p, sigma);
                if (keep > 0) foreach (int r in RelevantSet.Select(gathered, keep)) result[index[r]] = gathered[r];
            }
        }
        else throw new ArgumentOutOfRangeException(nameof(scope), scope, "Unknown pruning scope.");
        var pruned = Vector<double>.Build.Dense(result);
        return new LayoutPruningResult(pruned, Sparsity(pruned, layout));
    }

    /// <summary>
    /// The pruning profile under a layout: for each σ, x̄ = <see cref="ToSparsity(Vector{double}, double, ParameterLayout, PruningScope)"/>
    /// (only prunable blocks lose components), its achieved sparsity over the prunable blocks and per block
    /// (<see cref="PruningPoint.Blocks"/>), the accuracy when a measure is given, and ρ, ω (P2) unless
    /// <paramref name="stationarity"/> is false (then NaN: each costs a full-data gradient or two values per σ).
    /// </summary>
    public static PruningProfile Profile(Objective objective, Vector<double> x, IEnumerable<double> sigmas, ParameterLayout layout,
        PruningScope scope = PruningScope.Global, Func<Vector<double>, double>? accuracy = null, string? label = null, bool stationarity = true)
    {
        ArgumentNullException.ThrowIfNull(objective);
        ArgumentNullException.ThrowIfNull(sigmas);
        var points = new List<PruningPoint>();
        foreach (double s in sigmas)
        {
            var pruned = ToSparsity(x, s, layout, scope);
            var (rho, omega) = stationarity ? Measures(objective, x, pruned.Pruned) : (double.NaN, double.NaN);
            points.Add(new PruningPoint(s, pruned.Sparsity.Prunable, rho, omega, accuracy?.Invoke(pruned.Pruned)) { Blocks = pruned.Sparsity });
        }
        return new PruningProfile(label ?? objective.Name, points);
    }

    /// <summary>x̄ with every |x_i| &lt; δ of the prunable blocks set to zero (blocks that are not prunable are kept).</summary>
    public static LayoutPruningResult ByThreshold(Vector<double> x, double delta, ParameterLayout layout)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(layout);
        layout.CheckDimension(x.Count, nameof(x));
        if (!(double.IsFinite(delta) && delta >= 0))
            throw new ArgumentOutOfRangeException(nameof(delta), delta, $"δ must be finite and ≥ 0; got {delta}.");
        var result = x.ToArray();
        foreach (var b in layout.Blocks)
            if (b.Prunable)
                for (int i = b.Offset; i < b.End; i++)
                    if (Math.Abs(result[i]) < delta) result[i] = 0;
        var pruned = Vector<double>.Build.Dense(result);
        return new LayoutPruningResult(pruned, Sparsity(pruned, layout));
    }

    /// <summary>The exact zeros of <paramref name="x"/> per block, over the prunable blocks and overall.</summary>
    public static LayoutSparsity Sparsity(Vector<double> x, ParameterLayout layout)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(layout);
        layout.CheckDimension(x.Count, nameof(x));
        var values = Objective.AsSpan(x);
        var blocks = new BlockSparsity[layout.Blocks.Count];
        for (int k = 0; k < blocks.Length; k++)
        {
            var b = layout.Blocks[k];
            int zeros = 0;
            foreach (double v in b.Slice(values)) if (v == 0) zeros++;
            blocks[k] = new BlockSparsity(b.Name, b.Length, b.Prunable, zeros);
        }
        return new LayoutSparsity(blocks);
    }

    // Keeps the `keep` largest |values[offset..offset+length)| (ties to the smaller index) in result.
    private static void KeepLargest(double[] values, int offset, int length, int keep, double[] result)
    {
        if (keep <= 0) return;
        var block = values.AsSpan(offset, length);
        foreach (int r in RelevantSet.Select(block, keep)) result[offset + r] = block[r];
    }
}

/// <summary>The zeros of one block.</summary>
/// <param name="Name">The block's name.</param>
/// <param name="Length">Its number of components.</param>
/// <param name="Prunable">Whether pruning may zero it.</param>
/// <param name="Zeros">Its exact zeros.</param>
public sealed record BlockSparsity(string Name, int Length, bool Prunable, int Zeros)
{
    /// <summary>Zeros / Length.</summary>
    public double Sparsity => (double)Zeros / Length;
}

/// <summary>Achieved sparsity of a parameter vector under a layout.</summary>
/// <param name="Blocks">One entry per block, in offset order.</param>
public sealed record LayoutSparsity(IReadOnlyList<BlockSparsity> Blocks)
{
    /// <summary>Zeros over all components.</summary>
    public double Overall => Ratio(Blocks);

    /// <summary>Zeros over the prunable components (the σ that pruning aimed at); NaN without a prunable block.</summary>
    public double Prunable => Ratio(Blocks.Where(b => b.Prunable).ToArray());

    /// <summary>The entry of the block named <paramref name="name"/>.</summary>
    public BlockSparsity this[string name] =>
        Blocks.FirstOrDefault(b => b.Name == name) ?? throw new KeyNotFoundException($"No block '{name}'; the blocks are {string.Join(", ", Blocks.Select(b => b.Name))}.");

    private static double Ratio(IReadOnlyCollection<BlockSparsity> blocks)
    {
        long zeros = 0, length = 0;
        foreach (var b in blocks) { zeros += b.Zeros; length += b.Length; }
        return length == 0 ? double.NaN : (double)zeros / length;
    }

    /// <summary>A plain-text table: one row per block, then prunable and overall.</summary>
    public override string ToString()
    {
        var ic = System.Globalization.CultureInfo.InvariantCulture;
        var sb = new System.Text.StringBuilder();
        sb.AppendLine("  block        length   prunable   zeros (%)");
        foreach (var b in Blocks)
            sb.AppendLine(string.Create(ic, $"  {b.Name,-10} {b.Length,8}   {(b.Prunable ? "yes" : "no"),8}   {b.Sparsity * 100,9:0.##}"));
        sb.AppendLine(string.Create(ic, $"  prunable: {Prunable * 100:0.##} %, overall: {Overall * 100:0.##} %"));
        return sb.ToString();
    }
}

/// <summary>A pruned parameter vector and what pruning achieved.</summary>
/// <param name="Pruned">x̄.</param>
/// <param name="Sparsity">Its zeros per block, over the prunable blocks and overall.</param>
public sealed record LayoutPruningResult(Vector<double> Pruned, LayoutSparsity Sparsity);
