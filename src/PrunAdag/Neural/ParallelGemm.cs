namespace PrunAdag.Neural;

/// <summary>
/// <see cref="Gemm"/> with the rows of C shared among up to <see cref="Threads"/> threads. Each block of rows (a
/// multiple of <see cref="Gemm.RowGroup"/>) is computed by one thread with exactly the arithmetic of the serial
/// product, so the bits never depend on the thread count. No allocation per product: the object is its own thread-pool
/// work item, queued once per helper, and the caller never waits for a helper that has not started (it takes the
/// blocks itself), so a busy pool costs speed, never progress.
/// </summary>
/// <remarks>
/// The threads share the blocks through <see cref="Numerics.BlockJob"/>. The operands are the caller's spans, pinned
/// for the duration of the product: the helpers reach them through pointers that live only while
/// <see cref="Multiply"/> runs (a helper that starts late finds no block and touches nothing), so no operand is
/// copied into an array first. One instance serves one caller at a time.
/// </remarks>
internal sealed unsafe class ParallelGemm : Numerics.BlockJob
{
    private const long SerialBelow = 1L << 18; // multiply–adds below which threading costs more than it saves
    private double* _a, _b, _c;
    private int _aLength, _bLength, _cLength, _lda, _ldb, _ldc, _m, _n, _k;
    private bool _accumulate, _skip, _transposeA;
    private double _scale;
    private int _blockRows;

    public ParallelGemm(int threads)
    {
        if (threads < 1) throw new ArgumentOutOfRangeException(nameof(threads), threads, "The thread count must be at least 1.");
        Threads = threads;
    }

    /// <summary>The most threads one product uses (the caller's included).</summary>
    public int Threads { get; }

    /// <summary>C = (C₀ + A·B)·s, see <see cref="Gemm.Multiply"/>.</summary>
    public void Multiply(ReadOnlySpan<double> a, int lda, ReadOnlySpan<double> b, int ldb, Span<double> c, int ldc,
        int m, int n, int k, bool accumulate, bool skipZeros, bool transposeA = false, double scale = 1.0)
    {
        Gemm.CheckOperands(a.Length, lda, b.Length, ldb, c.Length, ldc, m, n, k, transposeA);
        int groups = (m + Gemm.RowGroup - 1) / Gemm.RowGroup;
        if (Threads == 1 || groups < 2 || (long)m * n * k < SerialBelow)
        {
            Gemm.MultiplyRows(a, lda, b, ldb, c, ldc, 0, m, n, k, accumulate, skipZeros, transposeA, scale);
            return;
        }
        fixed (double* pa = a, pb = b, pc = c)
        {
            _a = pa; _b = pb; _c = pc; _aLength = a.Length; _bLength = b.Length; _cLength = c.Length;
            _lda = lda; _ldb = ldb; _ldc = ldc; _m = m; _n = n; _k = k;
            _accumulate = accumulate; _skip = skipZeros; _transposeA = transposeA; _scale = scale;
            int blocks = Math.Min(groups, Threads * 4);
            _blockRows = (groups + blocks - 1) / blocks * Gemm.RowGroup;
            RunBlocks((m + _blockRows - 1) / _blockRows, Threads);
            _a = _b = _c = null;
        }
    }

    protected override void RunBlock(int block)
    {
        int start = block * _blockRows, end = Math.Min(_m, start + _blockRows);
        Gemm.MultiplyRows(new ReadOnlySpan<double>(_a, _aLength), _lda, new ReadOnlySpan<double>(_b, _bLength), _ldb,
            new Span<double>(_c, _cLength), _ldc, start, end, _n, _k, _accumulate, _skip, _transposeA, _scale);
    }
}
