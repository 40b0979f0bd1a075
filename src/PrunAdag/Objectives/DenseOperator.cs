using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using MathNet.Numerics.LinearAlgebra;
using PrunAdag.Numerics;

namespace PrunAdag;

/// <summary>
/// A dense m × n matrix stored row-major for cache-friendly A·x (row dot products) and Aᵀ·u
/// (row-wise axpy). Every sum is taken in one fixed order that neither the CPU's vector width nor the
/// thread count changes, so results are bitwise identical at every vector width (512-, 256-, 128-bit,
/// scalar) and for any thread count: (A·x)_i is the fixed-order dot product of row i with x (16 lanes over the indices mod 16, see
/// docs/benchmarks.md, "Fixed-order sums"), and (Aᵀ·u)_j adds u_i·a_ij over the rows in increasing i.
/// </summary>
public sealed class DenseOperator : ILinearOperator
{
    private readonly double[] _data;
    private readonly int _start; // the index in _data of entry (0, 0): 0 for a wrapped array; aligned storage starts later
    private const long ParallelThreshold = 1L << 19; // entries; below this, threading costs more than it saves

    /// <summary>Copies a MathNet matrix, into storage that starts on a 64-byte cache line (products on 512-bit vectors are
    /// about 30 % faster than on a matrix 8 bytes off one; the bits are the same).</summary>
    public DenseOperator(Matrix<double> matrix)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        Rows = matrix.RowCount;
        Columns = matrix.ColumnCount;
        long entries = (long)Rows * Columns;
        if (entries > AlignedDoubles.MaxLength)
            throw new ArgumentException($"The matrix has {entries} entries; at most {AlignedDoubles.MaxLength} fit in one array.", nameof(matrix));
        _data = AlignedDoubles.Allocate((int)entries, out _start);
        for (int i = 0; i < Rows; i++)
            for (int j = 0; j < Columns; j++)
            {
                double v = matrix[i, j];
                if (!double.IsFinite(v))
                    throw new ArgumentException($"The matrix has a non-finite entry {v} at row {i}, column {j}.", nameof(matrix));
                _data[_start + (long)i * Columns + j] = v;
            }
    }

    /// <summary>Wraps a row-major array (not copied), used where it lies in memory.</summary>
    public DenseOperator(int rows, int columns, double[] rowMajor)
    {
        ArgumentNullException.ThrowIfNull(rowMajor);
        if (rows < 1) throw new ArgumentOutOfRangeException(nameof(rows), rows, "rows must be at least 1.");
        if (columns < 1) throw new ArgumentOutOfRangeException(nameof(columns), columns, "columns must be at least 1.");
        if (rowMajor.LongLength != (long)rows * columns)
            throw new ArgumentException($"rowMajor has {rowMajor.LongLength} entries; {rows} × {columns} needs {(long)rows * columns}.", nameof(rowMajor));
        Rows = rows; Columns = columns; _data = rowMajor;
    }

    /// <summary>Wraps storage from <see cref="AlignedDoubles.Allocate"/>: the matrix is <paramref name="storage"/>[start ..], row-major.</summary>
    internal DenseOperator(int rows, int columns, double[] storage, int start)
    {
        if ((long)rows * columns > storage.LongLength - start)
            throw new ArgumentException($"The storage holds {storage.LongLength - start} entries from index {start}; {rows} × {columns} needs {(long)rows * columns}.", nameof(storage));
        Rows = rows; Columns = columns; _data = storage; _start = start;
    }

    /// <summary>Entry (0, 0) of the row-major storage.</summary>
    private ref double Entry00 => ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_data), _start);

    /// <inheritdoc/>
    public int Rows { get; }

    /// <inheritdoc/>
    public int Columns { get; }

    /// <summary>Row i as a span.</summary>
    public ReadOnlySpan<double> Row(int i) => _data.AsSpan(_start + i * Columns, Columns);

    /// <summary>The matrix as a MathNet matrix (a copy).</summary>
    public Matrix<double> ToMatrix() => Matrix<double>.Build.Dense(Rows, Columns, (i, j) => _data[_start + (long)i * Columns + j]);

    /// <inheritdoc/>
    public void Multiply(ReadOnlySpan<double> x, Span<double> result)
    {
        CheckLength(x.Length, Columns, "x"); CheckLength(result.Length, Rows, "result");
        if ((long)Rows * Columns < ParallelThreshold || Threads == 1 || Rows < 2)
        {
            MultiplyRows(x, result, 0, Rows);
            return;
        }
        // Row blocks: each r_i is still one dot product, so the split changes no sum.
        int blocks = Math.Min(Threads * 4, Rows);
        ParallelProduct.Run(this, Mode.Rows, x, result, null, blocks, (Rows + blocks - 1) / blocks);
    }

    /// <inheritdoc/>
    public void TransposeMultiply(ReadOnlySpan<double> u, Span<double> result)
    {
        CheckLength(u.Length, Rows, "u"); CheckLength(result.Length, Columns, "result");
        if ((long)Rows * Columns < ParallelThreshold || Threads == 1)
        {
            AccumulateColumns(u, result, 0, Columns);
            return;
        }
        // Split by column blocks: every g_j still sums its rows in the order 0..m-1.
        int blocks = Math.Min(Threads * 4, Math.Max(1, Columns / 4096));
        ParallelProduct.Run(this, Mode.Columns, u, result, null, blocks, (Columns + blocks - 1) / blocks);
    }

    /// <summary>
    /// g = Aᵀc with c_i = <paramref name="rows"/>.Coefficient(i, A_i·x): the gradient of Σ_i φ_i(A_i·x) (least
    /// squares: c_i = A_i·x − b_i; logistic: c_i = φ_i′(A_i·x)) in <b>one read of A</b>. Rows are taken a few at a
    /// time: their dot products with x while they are in cache, then their contribution c_i·A_i to g. The order
    /// of every sum is fixed by the shape alone: each A_i·x is <see cref="FixedOrder.Dot"/>; the rows are cut into
    /// <see cref="GradientChunks"/> consecutive chunks (a function of m and n only, never of the thread count),
    /// each chunk adds its rows to its own partial gradient in increasing row order, and the partials are added in
    /// chunk order. With one chunk (below 2²⁰ entries) g_j is bitwise (Aᵀc)_j of <see cref="TransposeMultiply"/>.
    /// </summary>
    internal void RowGradient(ReadOnlySpan<double> x, RowCoefficients rows, Span<double> g)
    {
        CheckLength(x.Length, Columns, "x"); CheckLength(g.Length, Columns, "gradient");
        int chunks = GradientChunks(Rows, Columns);
        if (chunks == 1)
        {
            GradientChunk(0, Rows, x, rows, g);
            return;
        }
        int size = (Rows + chunks - 1) / chunks;
        ParallelProduct.Run(this, Mode.Gradient, x, g, rows, chunks, size);
    }

    /// <summary>The number of row chunks of <see cref="RowGradient"/>: 1 below 2²⁰ entries, otherwise up to 16, at
    /// least 2¹⁹ entries and 32 rows each (so the partial gradients take at most 1/32 of A's memory).</summary>
    internal static int GradientChunks(int m, int n)
    {
        long entries = (long)m * n;
        if (entries < 2 * ParallelThreshold) return 1;
        return (int)Math.Clamp(Math.Min(Math.Min(16L, m / 32), entries / ParallelThreshold), 1, 16);
    }

    /// <summary>How many rows <see cref="GradientChunk"/> takes at a time (x and the partial gradient are read once per
    /// group; the group's second read comes from cache). Speed only: the arithmetic is the same for any value.</summary>
    private const int GroupRows = DenseKernels.MaxRows;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void GradientChunk(int start, int end, ReadOnlySpan<double> x, RowCoefficients rows, Span<double> p)
    {
        int n = Columns, group = GroupRows;
        p.Clear();
        Span<double> dots = stackalloc double[GroupRows];
        ref double a = ref Entry00;
        ref double xr = ref MemoryMarshal.GetReference(x);
        for (int i = start; i < end; i += group)
        {
            int r = Math.Min(group, end - i);
            var c = dots[..r];
            ref double first = ref Unsafe.Add(ref a, (nint)i * n);
            DenseKernels.Dots(ref first, n, r, n, ref xr, c);
            for (int k = 0; k < r; k++) c[k] = rows.Coefficient(i + k, c[k]);
            DenseKernels.AccumulateRows(ref first, n, c, p);
        }
    }

    private void MultiplyRows(ReadOnlySpan<double> x, Span<double> result, int start, int end)
    {
        int n = Columns;
        ref double a = ref Entry00;
        ref double xr = ref MemoryMarshal.GetReference(x);
        for (int i = start; i < end; i += DenseKernels.MaxRows)
        {
            int r = Math.Min(DenseKernels.MaxRows, end - i);
            DenseKernels.Dots(ref Unsafe.Add(ref a, (nint)i * n), n, r, n, ref xr, result.Slice(i, r));
        }
    }

    /// <summary>g = (Aᵀu)[start..start+len): rows with u_i ≠ 0 added in increasing i, up to four per pass over g.</summary>
    private void AccumulateColumns(ReadOnlySpan<double> u, Span<double> g, int start, int len)
    {
        g.Clear();
        ref double a = ref Entry00;
        int n = Columns, i = 0;
        Span<int> picked = stackalloc int[4];
        while (i < Rows)
        {
            int count = 0;
            for (; i < Rows && count < 4; i++)
                if (u[i] != 0) picked[count++] = i; // a zero weight adds ±0, which leaves g unchanged: skip the row
            ref double r0 = ref Unsafe.Add(ref a, (nint)picked[0] * n + start);
            switch (count)
            {
                case 4:
                    DenseKernels.Accumulate4(ref r0, ref Unsafe.Add(ref a, (nint)picked[1] * n + start),
                        ref Unsafe.Add(ref a, (nint)picked[2] * n + start), ref Unsafe.Add(ref a, (nint)picked[3] * n + start),
                        u[picked[0]], u[picked[1]], u[picked[2]], u[picked[3]], g);
                    break;
                case 3:
                    DenseKernels.Accumulate2(ref r0, ref Unsafe.Add(ref a, (nint)picked[1] * n + start), u[picked[0]], u[picked[1]], g);
                    DenseKernels.Accumulate1(ref Unsafe.Add(ref a, (nint)picked[2] * n + start), u[picked[2]], g);
                    break;
                case 2:
                    DenseKernels.Accumulate2(ref r0, ref Unsafe.Add(ref a, (nint)picked[1] * n + start), u[picked[0]], u[picked[1]], g);
                    break;
                case 1:
                    DenseKernels.Accumulate1(ref r0, u[picked[0]], g);
                    break;
            }
        }
    }

    /// <summary>Threads a product may use: the processor count, or fewer when set (tests; the bits never depend on it).</summary>
    internal static int Threads => Numerics.Parallelism.Threads;

    /// <summary>An upper bound on <see cref="Threads"/> (tests), shared with the optimisers' threaded steps.</summary>
    internal static int ThreadLimit { get => Numerics.Parallelism.ThreadLimit; set => Numerics.Parallelism.ThreadLimit = value; }

    private enum Mode { Rows, Columns, Gradient }

    /// <summary>
    /// One threaded product without Parallel.For, so the steady state allocates nothing: a cached job object
    /// (an <see cref="IThreadPoolWorkItem"/> queued once per helper thread) whose blocks — row ranges for A·x,
    /// column ranges for Aᵀ·u, row chunks for <see cref="RowGradient"/> — are claimed one at a time by the caller
    /// and the helpers. Which thread computes a block never matters: each block's arithmetic is fixed, so results
    /// are bitwise thread-count independent.
    /// </summary>
    /// <remarks>The threads share the blocks through <see cref="Numerics.BlockJob"/>; a job is back in the cache when <see cref="Run"/> returns.</remarks>
    private sealed class ParallelProduct : Numerics.BlockJob
    {
        // One job per concurrent caller; beyond four at once a new one is made.
        private static readonly ParallelProduct?[] s_cache = new ParallelProduct?[4];
        private DenseOperator _op = null!;
        private RowCoefficients? _rows;
        private double[] _in = [], _out = [];
        private Mode _mode;
        private int _size;

        public static void Run(DenseOperator op, Mode mode, ReadOnlySpan<double> input, Span<double> result, RowCoefficients? rows,
            int blocks, int size)
        {
            ParallelProduct? job = null;
            for (int c = 0; c < s_cache.Length && job is null; c++) job = Interlocked.Exchange(ref s_cache[c], null);
            job ??= new ParallelProduct();
            var pool = ArrayPool<double>.Shared;
            // Spans cannot cross into the helpers: the operands travel in pooled arrays. The gradient's chunks
            // each fill their own partial gradient (blocks × n).
            int outLength = mode == Mode.Gradient ? blocks * op.Columns : result.Length;
            var inArray = pool.Rent(input.Length); var outArray = pool.Rent(outLength);
            input.CopyTo(inArray);
            job._op = op; job._in = inArray; job._out = outArray; job._mode = mode; job._rows = rows; job._size = size;
            job.RunBlocks(blocks, Threads);
            if (mode == Mode.Gradient) SumPartials(outArray, blocks, result);
            else outArray.AsSpan(0, result.Length).CopyTo(result);
            pool.Return(inArray); pool.Return(outArray);
            job._op = null!; job._in = []; job._out = []; job._rows = null;
            for (int c = 0; c < s_cache.Length; c++)
                if (Interlocked.CompareExchange(ref s_cache[c], job, null) is null) return;
        }

        /// <summary>g = ((P₀ + P₁) + P₂) + … in chunk order, element by element (so any width gives the same bits).</summary>
        private static void SumPartials(double[] partials, int chunks, Span<double> g)
        {
            int n = g.Length;
            partials.AsSpan(0, n).CopyTo(g);
            for (int c = 1; c < chunks; c++) System.Numerics.Tensors.TensorPrimitives.Add(g, partials.AsSpan(c * n, n), g);
        }

        protected override void RunBlock(int b)
        {
            int start = b * _size;
            switch (_mode)
            {
                case Mode.Columns:
                {
                    int len = Math.Min(_size, _op.Columns - start);
                    if (len > 0) _op.AccumulateColumns(_in.AsSpan(0, _op.Rows), _out.AsSpan(start, len), start, len);
                    break;
                }
                case Mode.Rows:
                {
                    int end = Math.Min(start + _size, _op.Rows);
                    if (end > start) _op.MultiplyRows(_in.AsSpan(0, _op.Columns), _out, start, end);
                    break;
                }
                default:
                {
                    int n = _op.Columns, end = Math.Min(start + _size, _op.Rows);
                    var p = _out.AsSpan(b * n, n);
                    if (end > start) _op.GradientChunk(start, end, _in.AsSpan(0, n), _rows!, p);
                    else p.Clear();
                    break;
                }
            }
        }
    }

    private static void CheckLength(int actual, int expected, string name)
    {
        if (actual != expected)
            throw new ArgumentException($"{name} has length {actual}; expected {expected}.", name);
    }
}

/// <summary>
/// The per-row coefficient c_i of a gradient Aᵀc with c_i = φ_i′(A_i·x) (see <see cref="DenseOperator.RowGradient"/>).
/// Called once per row in increasing row order within a chunk; must depend only on its arguments.
/// </summary>
internal abstract class RowCoefficients
{
    /// <summary>c_i from i and the dot product A_i·x.</summary>
    public abstract double Coefficient(int row, double dot);
}
