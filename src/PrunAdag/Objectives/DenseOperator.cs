using System.Buffers;
using System.Numerics.Tensors;
using MathNet.Numerics.LinearAlgebra;

namespace PrunAdag;

/// <summary>
/// A dense m × n matrix stored row-major for cache-friendly A·x (row dot products) and Aᵀ·u
/// (row-wise axpy). Large products are split across threads in a way that never changes the order
/// of any floating-point sum, so results are bitwise identical whatever the thread count.
/// </summary>
public sealed class DenseOperator : ILinearOperator
{
    private readonly double[] _data;
    private const long ParallelThreshold = 1L << 19; // entries; below this, threading costs more than it saves

    /// <summary>Copies a MathNet matrix.</summary>
    public DenseOperator(Matrix<double> matrix)
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
    public DenseOperator(int rows, int columns, double[] rowMajor)
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

    // Separate from Multiply so the serial path does not pay for the lambda's closure (C# allocates it on entry
    // to the scope of the captured locals). Spans cannot cross into the workers, so x and r travel in pooled arrays.
    private void MultiplyParallel(ReadOnlySpan<double> x, Span<double> result)
    {
        var pool = ArrayPool<double>.Shared;
        var xa = pool.Rent(Columns); var ra = pool.Rent(Rows);
        try
        {
            x.CopyTo(xa);
            int n = Columns;
            Parallel.For(0, Rows, i => ra[i] = TensorPrimitives.Dot(_data.AsSpan(i * n, n), xa.AsSpan(0, n)));
            ra.AsSpan(0, Rows).CopyTo(result);
        }
        finally { pool.Return(xa); pool.Return(ra); }
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
        var pool = ArrayPool<double>.Shared;
        var ua = pool.Rent(Rows); var ga = pool.Rent(Columns);
        try
        {
            u.CopyTo(ua);
            int blocks = Math.Min(Environment.ProcessorCount * 4, Math.Max(1, Columns / 4096));
            int size = (Columns + blocks - 1) / blocks, m = Rows;
            Parallel.For(0, blocks, b =>
            {
                int start = b * size, len = Math.Min(size, Columns - start);
                if (len > 0) AccumulateColumns(ua.AsSpan(0, m), ga.AsSpan(start, len), start, len);
            });
            ga.AsSpan(0, Columns).CopyTo(result);
        }
        finally { pool.Return(ua); pool.Return(ga); }
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
