namespace PrunAdag.Numerics;

/// <summary>One block of a <see cref="StepPass"/>: x and g of components [start, start + x.Length); returns its two counts.</summary>
internal delegate (int First, int Second) StepBlock(int block, int start, Span<double> x, ReadOnlySpan<double> g);

/// <summary>
/// An optimiser's element-wise pass over n components, cut into blocks that the caller and thread-pool helpers share
/// (<see cref="BlockJob"/>): the step of a large problem (and Step 1's bracket pass over g) runs on every core, as its
/// gradient does. The blocks are a function of n alone (<see cref="Blocks"/>), never of the thread count, each
/// component gets the arithmetic of the one-thread pass, and the blocks' counts are added in block order, so no thread
/// count changes a bit or a count.
/// </summary>
/// <remarks>
/// x and g are the caller's spans, pinned while the pass runs: the helpers reach them through pointers that live only
/// during <see cref="Run"/>. One instance serves one kernel, one pass at a time; the body is a delegate created once,
/// so a pass allocates nothing.
/// </remarks>
internal sealed unsafe class StepPass(StepBlock body) : BlockJob
{
    /// <summary>The most blocks one pass takes.</summary>
    public const int MaxBlocks = 16;

    private readonly int[] _first = new int[MaxBlocks], _second = new int[MaxBlocks];
    private double* _x, _g;
    private int _n, _blocks;

    /// <summary>
    /// From this many components a pass is cut into 8–16 blocks (fewer run as one block: threading would cost more
    /// than it saves). Lowered by tests to cut small vectors into blocks; the bits never depend on it.
    /// </summary>
    internal static int ThreadedFrom { get; set; } = 1 << 16;

    /// <summary>The number of blocks of a pass over n components: 1 below <see cref="ThreadedFrom"/>, otherwise 8 to 16.</summary>
    public static int Blocks(int n) => n < ThreadedFrom ? 1 : Math.Clamp(n / Math.Max(1, ThreadedFrom / 8), 8, MaxBlocks);

    /// <summary>
    /// The blocks a pass over n components takes here, or 0 when it is not worth threading (too short for blocks, or one
    /// thread allowed). A caller reads this once per pass and hands it to <see cref="Run"/>, so one pass never sees two
    /// values of <see cref="ThreadedFrom"/>.
    /// </summary>
    public static int ThreadedBlocks(int n)
    {
        int blocks = Blocks(n);
        return blocks > 1 && Parallelism.Threads > 1 ? blocks : 0;
    }

    /// <summary>Block b of <paramref name="blocks"/> over n components: consecutive, whole vectors of eight where n allows, the last one shorter.</summary>
    public static (int Start, int End) Block(int n, int blocks, int b)
    {
        int length = ((n + blocks - 1) / blocks + 7) & ~7, start = Math.Min(n, b * length);
        return (start, Math.Min(n, start + length));
    }

    /// <summary>
    /// Runs blocks 0..<paramref name="blocks"/>−1 of the pass over x and g (n = x.Length) on up to
    /// <see cref="Parallelism.Threads"/> threads; returns the sums of the blocks' counts.
    /// </summary>
    public (int First, int Second) Run(Span<double> x, ReadOnlySpan<double> g, int blocks)
    {
        fixed (double* px = x, pg = g)
        {
            _x = px; _g = pg; _n = x.Length; _blocks = blocks;
            RunBlocks(blocks, Parallelism.Threads);
            _x = _g = null;
        }
        int first = 0, second = 0;
        for (int b = 0; b < blocks; b++) { first += _first[b]; second += _second[b]; }
        return (first, second);
    }

    protected override void RunBlock(int block)
    {
        var (s, e) = Block(_n, _blocks, block);
        (_first[block], _second[block]) = body(block, s, new Span<double>(_x + s, e - s), new ReadOnlySpan<double>(_g + s, e - s));
    }
}

/// <summary>How many threads the library's own passes (threaded products, gradients and steps) may use.</summary>
internal static class Parallelism
{
    [ThreadStatic] private static int t_limit; // 0: none (a thread-static field starts at 0 on every thread)

    /// <summary>The processor count, or fewer when <see cref="ThreadLimit"/> says so (the bits never depend on it).</summary>
    public static int Threads => Math.Max(1, Math.Min(Environment.ProcessorCount, ThreadLimit));

    /// <summary>
    /// An upper bound on <see cref="Threads"/> for the passes this thread starts (tests, and the benchmarks' one-thread
    /// rows); other threads keep theirs. <see cref="int.MaxValue"/>: no bound.
    /// </summary>
    public static int ThreadLimit
    {
        get => t_limit == 0 ? int.MaxValue : t_limit;
        set => t_limit = value >= 1 ? (value == int.MaxValue ? 0 : value) : throw new ArgumentOutOfRangeException(nameof(value), value, "The thread limit must be at least 1.");
    }
}
