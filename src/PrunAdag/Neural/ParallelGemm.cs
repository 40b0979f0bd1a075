namespace PrunAdag.Neural;

/// <summary>
/// <see cref="Gemm"/> with the rows of C shared among up to <see cref="Threads"/> threads. Each block of rows (a
/// multiple of <see cref="Gemm.RowGroup"/>) is computed by one thread with exactly the arithmetic of the serial
/// product, so the bits never depend on the thread count. No allocation per product: the object is its own thread-pool
/// work item, queued once per helper, and the caller never waits for a helper that has not started (it takes the
/// blocks itself), so a busy pool costs speed, never progress.
/// </summary>
/// <remarks>The threads share the blocks through <see cref="Numerics.BlockJob"/>. One instance serves one caller at a time.</remarks>
internal sealed class ParallelGemm : Numerics.BlockJob
{
    private const long SerialBelow = 1L << 18; // multiply–adds below which threading costs more than it saves
    private double[] _a = [], _b = [], _c = [];
    private int _aOffset, _bOffset, _cOffset, _lda, _ldb, _ldc, _m, _n, _k;
    private bool _accumulate, _skip;
    private int _blockRows;

    public ParallelGemm(int threads)
    {
        if (threads < 1) throw new ArgumentOutOfRangeException(nameof(threads), threads, "The thread count must be at least 1.");
        Threads = threads;
    }

    /// <summary>The most threads one product uses (the caller's included).</summary>
    public int Threads { get; }

    /// <summary>C = C₀ + A·B on array segments (row i of A at aOffset + i·lda, and so on); see <see cref="Gemm.Multiply"/>.</summary>
    public void Multiply(double[] a, int aOffset, int lda, double[] b, int bOffset, int ldb, double[] c, int cOffset, int ldc,
        int m, int n, int k, bool accumulate, bool skipZeros)
    {
        Gemm.CheckOperands(a.Length - aOffset, lda, b.Length - bOffset, ldb, c.Length - cOffset, ldc, m, n, k);
        int groups = (m + Gemm.RowGroup - 1) / Gemm.RowGroup;
        if (Threads == 1 || groups < 2 || (long)m * n * k < SerialBelow)
        {
            Gemm.MultiplyRows(a.AsSpan(aOffset), lda, b.AsSpan(bOffset), ldb, c.AsSpan(cOffset), ldc, 0, m, n, k, accumulate, skipZeros);
            return;
        }
        _a = a; _b = b; _c = c; _aOffset = aOffset; _bOffset = bOffset; _cOffset = cOffset;
        _lda = lda; _ldb = ldb; _ldc = ldc; _m = m; _n = n; _k = k; _accumulate = accumulate; _skip = skipZeros;
        int blocks = Math.Min(groups, Threads * 4);
        _blockRows = (groups + blocks - 1) / blocks * Gemm.RowGroup;
        RunBlocks((m + _blockRows - 1) / _blockRows, Threads);
        _a = _b = _c = [];
    }

    protected override void RunBlock(int block)
    {
        int start = block * _blockRows, end = Math.Min(_m, start + _blockRows);
        Gemm.MultiplyRows(_a.AsSpan(_aOffset), _lda, _b.AsSpan(_bOffset), _ldb, _c.AsSpan(_cOffset), _ldc, start, end, _n, _k, _accumulate, _skip);
    }
}
