namespace PrunAdag.Neural;

/// <summary>
/// <see cref="Gemm"/> with the rows of C shared among up to <see cref="Threads"/> threads. Each block of rows (a
/// multiple of <see cref="Gemm.RowGroup"/>) is computed by one thread with exactly the arithmetic of the serial
/// product, so the bits never depend on the thread count. No allocation per product: the object is its own thread-pool
/// work item, queued once per helper, and the caller never waits for a helper that has not started (it takes the
/// blocks itself), so a busy pool costs speed, never progress.
/// </summary>
/// <remarks>The protocol is <see cref="DenseOperator"/>'s: helpers join by taking one of the tickets published with a
/// fully set-up product; at the end the caller withdraws the tickets not taken and waits only for the helpers that
/// took one. One instance serves one caller at a time.</remarks>
internal sealed class ParallelGemm : IThreadPoolWorkItem
{
    private const long SerialBelow = 1L << 18; // multiply–adds below which threading costs more than it saves
    private double[] _a = [], _b = [], _c = [];
    private int _aOffset, _bOffset, _cOffset, _lda, _ldb, _ldc, _m, _n, _k;
    private bool _accumulate, _skip;
    private int _blocks, _blockRows, _next, _blocksLeft, _tickets, _finished;

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
        _blocks = Math.Min(groups, Threads * 4);
        _blockRows = (groups + _blocks - 1) / _blocks * Gemm.RowGroup;
        _blocks = (m + _blockRows - 1) / _blockRows;
        _next = 0; _blocksLeft = _blocks; _finished = 0;
        int helpers = Math.Min(Threads, _blocks) - 1;
        Interlocked.Exchange(ref _tickets, helpers); // publishes the set-up product (full fence)
        for (int h = 0; h < helpers; h++) ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
        Work();
        var spin = new SpinWait();
        while (Volatile.Read(ref _blocksLeft) != 0) spin.SpinOnce();
        int joined = helpers - Interlocked.Exchange(ref _tickets, 0);
        spin = new SpinWait();
        while (Volatile.Read(ref _finished) != joined) spin.SpinOnce();
        _a = _b = _c = [];
    }

    void IThreadPoolWorkItem.Execute()
    {
        int t = Volatile.Read(ref _tickets);
        while (true)
        {
            if (t <= 0) return; // this product is over (or the next one is not published yet)
            int seen = Interlocked.CompareExchange(ref _tickets, t - 1, t);
            if (seen == t) break;
            t = seen;
        }
        Work();
        Interlocked.Increment(ref _finished);
    }

    private void Work()
    {
        int block;
        while ((block = Interlocked.Increment(ref _next) - 1) < _blocks)
        {
            int start = block * _blockRows, end = Math.Min(_m, start + _blockRows);
            Gemm.MultiplyRows(_a.AsSpan(_aOffset), _lda, _b.AsSpan(_bOffset), _ldb, _c.AsSpan(_cOffset), _ldc, start, end, _n, _k, _accumulate, _skip);
            Interlocked.Decrement(ref _blocksLeft);
        }
    }
}
