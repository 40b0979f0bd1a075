using System.Buffers;
using System.Numerics.Tensors;
using MathNet.Numerics.LinearAlgebra;

namespace PrunAdag.Benchmarks.Baseline;

/// <summary>
/// The dense operator as it was before the single-pass gradient and the fixed-order sums (frozen here as the
/// "before" of <see cref="GradientBenchmarks"/>): A·x as one TensorPrimitives.Dot per row, Aᵀ·u as one
/// TensorPrimitives.MultiplyAdd per row, so a least-squares gradient streams A twice. Its dot products sum in
/// an order that depends on the vector width.
/// </summary>
internal sealed class TwoPassDenseOperator : ILinearOperator
{
    private readonly double[] _data;
    private const long ParallelThreshold = 1L << 19; // entries; below this, threading costs more than it saves

    /// <summary>Copies a MathNet matrix.</summary>
    public TwoPassDenseOperator(Matrix<double> matrix)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        Rows = matrix.RowCount;
        Columns = matrix.ColumnCount;
        _data = new double[(long)Rows * Columns];
        for (int i = 0; i < Rows; i++)
            for (int j = 0; j < Columns; j++)
            {
                double v = matrix[i, j];
                if (!double.IsFinite(v))
                    throw new ArgumentException($"The matrix has a non-finite entry {v} at row {i}, column {j}.", nameof(matrix));
                _data[(long)i * Columns + j] = v;
            }
    }

    /// <summary>Wraps a row-major array (not copied).</summary>
    public TwoPassDenseOperator(int rows, int columns, double[] rowMajor)
    {
        ArgumentNullException.ThrowIfNull(rowMajor);
        if (rows < 1) throw new ArgumentOutOfRangeException(nameof(rows), rows, "rows must be at least 1.");
        if (columns < 1) throw new ArgumentOutOfRangeException(nameof(columns), columns, "columns must be at least 1.");
        if (rowMajor.LongLength != (long)rows * columns)
            throw new ArgumentException($"rowMajor has {rowMajor.LongLength} entries; {rows} × {columns} needs {(long)rows * columns}.", nameof(rowMajor));
        Rows = rows; Columns = columns; _data = rowMajor;
    }

    /// <inheritdoc/>
    public int Rows { get; }

    /// <inheritdoc/>
    public int Columns { get; }

    /// <summary>Row i as a span.</summary>
    public ReadOnlySpan<double> Row(int i) => _data.AsSpan(i * Columns, Columns);

    /// <summary>The matrix as a MathNet matrix (a copy).</summary>
    public Matrix<double> ToMatrix() => Matrix<double>.Build.Dense(Rows, Columns, (i, j) => _data[(long)i * Columns + j]);

    /// <inheritdoc/>
    public void Multiply(ReadOnlySpan<double> x, Span<double> result)
    {
        CheckLength(x.Length, Columns, "x"); CheckLength(result.Length, Rows, "result");
        if ((long)Rows * Columns < ParallelThreshold || Environment.ProcessorCount == 1 || Rows < 2)
        {
            for (int i = 0; i < Rows; i++) result[i] = TensorPrimitives.Dot(Row(i), x);
            return;
        }
        // Each r_i is one dot product computed by one thread: the split by rows changes no sum.
        MultiplyParallel(x, result);
    }

    private void MultiplyParallel(ReadOnlySpan<double> x, Span<double> result)
    {
        // Row blocks: each r_i is still one dot product, so the split changes no sum.
        int blocks = Math.Min(Environment.ProcessorCount * 4, Rows);
        ParallelProduct.Run(this, transpose: false, x, result, blocks, (Rows + blocks - 1) / blocks);
    }

    /// <inheritdoc/>
    public void TransposeMultiply(ReadOnlySpan<double> u, Span<double> result)
    {
        CheckLength(u.Length, Rows, "u"); CheckLength(result.Length, Columns, "result");
        if ((long)Rows * Columns < ParallelThreshold || Environment.ProcessorCount == 1)
        {
            AccumulateColumns(u, result, 0, Columns);
            return;
        }
        // Split by column blocks: every g_j still sums its rows in the order 0..m-1.
        TransposeMultiplyParallel(u, result);
    }

    private void TransposeMultiplyParallel(ReadOnlySpan<double> u, Span<double> result)
    {
        int blocks = Math.Min(Environment.ProcessorCount * 4, Math.Max(1, Columns / 4096));
        ParallelProduct.Run(this, transpose: true, u, result, blocks, (Columns + blocks - 1) / blocks);
    }

    /// <summary>
    /// One threaded product without Parallel.For, so the steady state allocates nothing: a cached job object
    /// (an <see cref="IThreadPoolWorkItem"/> queued once per helper thread) whose blocks — row ranges for A·x,
    /// column ranges for Aᵀ·u — are claimed one at a time by the caller and the helpers. Which thread computes
    /// a block never matters: each block's arithmetic is fixed, so results are bitwise thread-count independent.
    /// </summary>
    /// <remarks>
    /// The caller never waits for a helper that has not started. A helper joins only by taking one of the
    /// tickets published with a fully set-up product; at the end the caller withdraws the tickets not taken and
    /// waits only for the helpers that took one (they are running). A helper that runs late finds no ticket and
    /// touches nothing else, or takes a ticket of a later product on the same job and takes part in that one
    /// correctly. So a job is back in the cache when <see cref="Run"/> returns.
    /// </remarks>
    private sealed class ParallelProduct : IThreadPoolWorkItem
    {
        // One job per concurrent caller; beyond four at once a new one is made.
        private static readonly ParallelProduct?[] s_cache = new ParallelProduct?[4];
        private TwoPassDenseOperator _op = null!;
        private double[] _in = [], _out = [];
        private bool _transpose;
        private int _blocks, _size, _next, _blocksLeft, _tickets, _finished;

        public static void Run(TwoPassDenseOperator op, bool transpose, ReadOnlySpan<double> input, Span<double> result, int blocks, int size)
        {
            ParallelProduct? job = null;
            for (int c = 0; c < s_cache.Length && job is null; c++) job = Interlocked.Exchange(ref s_cache[c], null);
            job ??= new ParallelProduct();
            var pool = ArrayPool<double>.Shared;
            // Spans cannot cross into the helpers: the operands travel in pooled arrays.
            var inArray = pool.Rent(input.Length); var outArray = pool.Rent(result.Length);
            input.CopyTo(inArray);
            int helpers = Math.Min(Environment.ProcessorCount, blocks) - 1;
            job._op = op; job._in = inArray; job._out = outArray; job._transpose = transpose;
            job._blocks = blocks; job._size = size; job._next = 0; job._blocksLeft = blocks; job._finished = 0;
            Interlocked.Exchange(ref job._tickets, helpers); // publishes the set-up product (full fence)
            for (int h = 0; h < helpers; h++) ThreadPool.UnsafeQueueUserWorkItem(job, preferLocal: false);
            job.Work();
            // Blocks still in flight belong to helpers that are already running them: spin (no allocation,
            // unlike an event's lazily created lock) until the last one is done.
            var blocksSpin = new SpinWait();
            while (Volatile.Read(ref job._blocksLeft) != 0) blocksSpin.SpinOnce();
            int joined = helpers - Interlocked.Exchange(ref job._tickets, 0);
            var spin = new SpinWait();
            while (Volatile.Read(ref job._finished) != joined) spin.SpinOnce(); // they are past their last block
            outArray.AsSpan(0, result.Length).CopyTo(result);
            pool.Return(inArray); pool.Return(outArray);
            job._op = null!; job._in = []; job._out = [];
            for (int c = 0; c < s_cache.Length; c++)
                if (Interlocked.CompareExchange(ref s_cache[c], job, null) is null) return;
        }

        void IThreadPoolWorkItem.Execute()
        {
            int t = Volatile.Read(ref _tickets);
            while (true)
            {
                if (t <= 0) return; // this product is over (or the next one has not been published)
                int seen = Interlocked.CompareExchange(ref _tickets, t - 1, t);
                if (seen == t) break;
                t = seen;
            }
            Work();
            Interlocked.Increment(ref _finished);
        }

        private void Work()
        {
            int b;
            while ((b = Interlocked.Increment(ref _next) - 1) < _blocks)
            {
                int start = b * _size;
                if (_transpose)
                {
                    int len = Math.Min(_size, _op.Columns - start);
                    if (len > 0) _op.AccumulateColumns(_in.AsSpan(0, _op.Rows), _out.AsSpan(start, len), start, len);
                }
                else
                {
                    int end = Math.Min(start + _size, _op.Rows), n = _op.Columns;
                    for (int i = start; i < end; i++) _out[i] = TensorPrimitives.Dot(_op._data.AsSpan(i * n, n), _in.AsSpan(0, n));
                }
                Interlocked.Decrement(ref _blocksLeft);
            }
        }
    }

    private void AccumulateColumns(ReadOnlySpan<double> u, Span<double> g, int start, int len)
    {
        g.Clear();
        for (int i = 0; i < Rows; i++)
        {
            double ui = u[i];
            if (ui == 0) continue;
            TensorPrimitives.MultiplyAdd(_data.AsSpan(i * Columns + start, len), ui, g, g);
        }
    }

    private static void CheckLength(int actual, int expected, string name)
    {
        if (actual != expected)
            throw new ArgumentException($"{name} has length {actual}; expected {expected}.", name);
    }
}
