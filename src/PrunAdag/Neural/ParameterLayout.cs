namespace PrunAdag;

/// <summary>One named block of a parameter vector: the components Offset … Offset + Length − 1.</summary>
/// <param name="Name">A name unique within its layout (e.g. <c>W1</c>, <c>b1</c>).</param>
/// <param name="Offset">The first component.</param>
/// <param name="Length">The number of components (≥ 1).</param>
/// <param name="Prunable">True for blocks that pruning may zero and prunAdag's relevant set ranges over
/// (layer weights); false for blocks that are always optimised and never pruned (biases).</param>
public sealed record ParameterBlock(string Name, int Offset, int Length, bool Prunable)
{
    /// <summary>One past the last component.</summary>
    public int End => Offset + Length;

    /// <summary>The block's part of <paramref name="x"/>.</summary>
    public Span<double> Slice(Span<double> x) => x.Slice(Offset, Length);

    /// <summary>The block's part of <paramref name="x"/>.</summary>
    public ReadOnlySpan<double> Slice(ReadOnlySpan<double> x) => x.Slice(Offset, Length);

    /// <inheritdoc/>
    public override string ToString() => $"{Name} [{Offset}, {End}){(Prunable ? "" : ", not prunable")}";
}

/// <summary>
/// Named blocks that cover a parameter vector exactly, each prunable or not: the groups of a neural
/// network's parameters (a layer's weights, its biases). Validated on construction: the blocks, taken in
/// offset order, start at 0, follow each other without gap or overlap, and end at the dimension.
/// </summary>
public sealed class ParameterLayout
{
    private readonly ParameterBlock[] _blocks;

    /// <summary>A layout of the given blocks (any order; they are kept in offset order).</summary>
    /// <param name="dimension">n, which the blocks must cover exactly.</param>
    /// <param name="blocks">The blocks.</param>
    /// <exception cref="ArgumentException">No block, an empty or duplicate name, a non-positive length, a gap,
    /// an overlap, or a coverage other than 0 … n − 1 (the message names the blocks concerned).</exception>
    public ParameterLayout(int dimension, IEnumerable<ParameterBlock> blocks)
    {
        ArgumentNullException.ThrowIfNull(blocks);
        if (dimension < 1) throw new ArgumentOutOfRangeException(nameof(dimension), dimension, "The dimension n must be at least 1.");
        var list = blocks.ToArray();
        if (list.Length == 0) throw new ArgumentException("A parameter layout needs at least one block.", nameof(blocks));
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (int b = 0; b < list.Length; b++)
        {
            var block = list[b] ?? throw new ArgumentException($"Block {b} is null.", nameof(blocks));
            if (string.IsNullOrWhiteSpace(block.Name)) throw new ArgumentException($"Block {b} has an empty name.", nameof(blocks));
            if (!names.Add(block.Name)) throw new ArgumentException($"Two blocks are named '{block.Name}'; block names must be unique.", nameof(blocks));
            if (block.Length < 1) throw new ArgumentException($"Block '{block.Name}' has length {block.Length}; a block needs at least one component.", nameof(blocks));
            if (block.Offset < 0) throw new ArgumentException($"Block '{block.Name}' starts at offset {block.Offset}; offsets are ≥ 0.", nameof(blocks));
            if ((long)block.Offset + block.Length > int.MaxValue) throw new ArgumentException($"Block '{block.Name}' ends beyond index 2³¹ − 1.", nameof(blocks));
        }
        Array.Sort(list, (p, q) => p.Offset != q.Offset ? p.Offset.CompareTo(q.Offset) : string.CompareOrdinal(p.Name, q.Name));
        if (list[0].Offset != 0)
            throw new ArgumentException($"The first block '{list[0].Name}' starts at offset {list[0].Offset}; components 0..{list[0].Offset - 1} belong to no block.", nameof(blocks));
        for (int b = 1; b < list.Length; b++)
        {
            var prev = list[b - 1]; var cur = list[b];
            if (cur.Offset > prev.End)
                throw new ArgumentException($"Gap: block '{prev.Name}' ends at {prev.End} but the next block '{cur.Name}' starts at {cur.Offset}; components {prev.End}..{cur.Offset - 1} belong to no block.", nameof(blocks));
            if (cur.Offset < prev.End)
                throw new ArgumentException($"Overlap: block '{cur.Name}' starts at {cur.Offset}, inside block '{prev.Name}' [{prev.Offset}, {prev.End}).", nameof(blocks));
        }
        int end = list[^1].End;
        if (end != dimension)
            throw new ArgumentException(end < dimension
                ? $"The blocks cover 0..{end - 1} but the dimension is n = {dimension}; components {end}..{dimension - 1} belong to no block."
                : $"The last block '{list[^1].Name}' ends at {end}, beyond the dimension n = {dimension}.", nameof(blocks));
        _blocks = list;
        Dimension = dimension;
        PrunableCount = list.Where(b => b.Prunable).Sum(b => b.Length);
    }

    /// <summary>Blocks laid end to end from offset 0 in the order given.</summary>
    /// <param name="blocks">Name, length and prunability of each block.</param>
    public static ParameterLayout Sequential(params (string Name, int Length, bool Prunable)[] blocks)
    {
        ArgumentNullException.ThrowIfNull(blocks);
        var list = new List<ParameterBlock>(blocks.Length);
        long offset = 0;
        foreach (var (name, length, prunable) in blocks)
        {
            if (length < 1) throw new ArgumentException($"Block '{name}' has length {length}; a block needs at least one component.", nameof(blocks));
            if (offset + length > int.MaxValue) throw new ArgumentException($"Block '{name}' ends beyond index 2³¹ − 1.", nameof(blocks));
            list.Add(new ParameterBlock(name, (int)offset, length, prunable));
            offset += length;
        }
        if (list.Count == 0) throw new ArgumentException("A parameter layout needs at least one block.", nameof(blocks));
        return new ParameterLayout((int)offset, list);
    }

    /// <summary>One prunable block covering all n components (what a problem without a layout means).</summary>
    public static ParameterLayout Single(int dimension, string name = "x") => new(dimension, [new ParameterBlock(name, 0, dimension, true)]);

    /// <summary>
    /// The layout of a dense multilayer perceptron's parameters with layer sizes n_0 (inputs), n_1, …, n_L
    /// (outputs): first the weights W1, W2, …, W_L, then the biases b1, b2, …, b_L. W_l holds n_{l−1}·n_l weights (prunable),
    /// b_l the n_l biases (not prunable). Weights first makes the prunable components one contiguous range, so a relevant set
    /// or a ball over all of them needs no copies.
    /// </summary>
    public static ParameterLayout Mlp(IReadOnlyList<int> layerSizes)
    {
        ArgumentNullException.ThrowIfNull(layerSizes);
        if (layerSizes.Count < 2) throw new ArgumentException($"An MLP needs at least an input and an output size; got {layerSizes.Count} size(s).", nameof(layerSizes));
        for (int l = 0; l < layerSizes.Count; l++)
            if (layerSizes[l] < 1) throw new ArgumentException($"Layer size {l} is {layerSizes[l]}; sizes must be ≥ 1.", nameof(layerSizes));
        var blocks = new List<(string, int, bool)>();
        for (int l = 1; l < layerSizes.Count; l++)
        {
            long w = (long)layerSizes[l - 1] * layerSizes[l];
            if (w > int.MaxValue) throw new ArgumentException($"Layer {l} has {w} weights, more than 2³¹ − 1.", nameof(layerSizes));
            blocks.Add(($"W{l}", (int)w, true));
        }
        for (int l = 1; l < layerSizes.Count; l++) blocks.Add(($"b{l}", layerSizes[l], false));
        return Sequential([.. blocks]);
    }

    /// <summary>n.</summary>
    public int Dimension { get; }

    /// <summary>The blocks in offset order.</summary>
    public IReadOnlyList<ParameterBlock> Blocks => _blocks;

    /// <summary>The number of components in prunable blocks.</summary>
    public int PrunableCount { get; }

    /// <summary>True when the layout is one prunable block covering everything (every method then runs as without a layout).</summary>
    public bool IsSingleBlock => _blocks.Length == 1 && _blocks[0].Prunable;

    /// <summary>The block named <paramref name="name"/>.</summary>
    /// <exception cref="KeyNotFoundException">No block has that name (the message lists the names).</exception>
    public ParameterBlock this[string name] =>
        _blocks.FirstOrDefault(b => b.Name == name)
        ?? throw new KeyNotFoundException($"The layout has no block '{name}'; its blocks are {string.Join(", ", _blocks.Select(b => b.Name))}.");

    /// <summary>The block holding component <paramref name="index"/>.</summary>
    public ParameterBlock BlockOf(int index)
    {
        if ((uint)index >= (uint)Dimension) throw new ArgumentOutOfRangeException(nameof(index), index, $"The index is outside 0..{Dimension - 1}.");
        int lo = 0, hi = _blocks.Length - 1;
        while (lo < hi)
        {
            int mid = (lo + hi + 1) / 2;
            if (_blocks[mid].Offset <= index) lo = mid; else hi = mid - 1;
        }
        return _blocks[lo];
    }

    /// <summary>Throws when a vector of length <paramref name="length"/> does not fit the layout.</summary>
    public void CheckDimension(int length, string name)
    {
        if (length != Dimension)
            throw new ArgumentException($"{name} has {length} entries but the parameter layout covers n = {Dimension}.", name);
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Dimension} parameters in {_blocks.Length} block(s) ({PrunableCount} prunable): {string.Join(", ", _blocks.Select(b => b.ToString()))}";
}
