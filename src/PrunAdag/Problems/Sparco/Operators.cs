using System.Buffers;
using System.Numerics.Tensors;

namespace PrunAdag.Problems.Sparco;

/// <summary>The orthonormal DCT-II C (N×N) of SPARCO.md §3; its transpose Cᵀ = C⁻¹ synthesises signals.</summary>
/// <remarks>Backed by the explicit N² table (8 MB for N = 1024), which makes each product one pass of
/// vectorised dot products/axpys in <see cref="DenseOperator"/>'s fixed summation orders (the same bits at every
/// vector width); an FFT would be O(N log N) but is not needed at these sizes, and its butterflies would fix another order.</remarks>
public sealed class DctOperator : ILinearOperator
{
    private readonly DenseOperator _c;

    /// <summary>C for signals of length <paramref name="n"/>.</summary>
    public DctOperator(int n)
    {
        if (n < 1) throw new ArgumentOutOfRangeException(nameof(n), n, "N must be at least 1.");
        _c = new DenseOperator(n, n, Dct.RowMajor(n));
    }

    /// <inheritdoc/>
    public int Rows => _c.Rows;

    /// <inheritdoc/>
    public int Columns => _c.Columns;

    /// <inheritdoc/>
    public void Multiply(ReadOnlySpan<double> x, Span<double> result) => _c.Multiply(x, result);

    /// <inheritdoc/>
    public void TransposeMultiply(ReadOnlySpan<double> u, Span<double> result) => _c.TransposeMultiply(u, result);
}

/// <summary>The identity I_N (Spot's <c>opDirac</c>/<c>opEye</c>).</summary>
public sealed class IdentityOperator : ILinearOperator
{
    /// <summary>I_N.</summary>
    public IdentityOperator(int n)
    {
        if (n < 1) throw new ArgumentOutOfRangeException(nameof(n), n, "N must be at least 1.");
        Rows = Columns = n;
    }

    /// <inheritdoc/>
    public int Rows { get; }

    /// <inheritdoc/>
    public int Columns { get; }

    /// <inheritdoc/>
    public void Multiply(ReadOnlySpan<double> x, Span<double> result)
    {
        Check(x.Length, result.Length);
        x.CopyTo(result);
    }

    /// <inheritdoc/>
    public void TransposeMultiply(ReadOnlySpan<double> u, Span<double> result)
    {
        Check(u.Length, result.Length);
        u.CopyTo(result);
    }

    private void Check(int input, int output)
    {
        if (input != Columns) throw new ArgumentException($"The input has length {input}; expected {Columns}.");
        if (output != Rows) throw new ArgumentException($"The result has length {output}; expected {Rows}.");
    }
}

/// <summary>
/// The unnormalised Heaviside matrix H (N×N), H[i, j] = 1 for i ≥ j (SPARCO.md §3): H x is a running sum,
/// Hᵀ y a reverse running sum, each O(N).
/// </summary>
public sealed class HeavisideOperator : ILinearOperator
{
    /// <summary>H for length <paramref name="n"/>.</summary>
    public HeavisideOperator(int n)
    {
        if (n < 1) throw new ArgumentOutOfRangeException(nameof(n), n, "N must be at least 1.");
        Rows = Columns = n;
    }

    /// <inheritdoc/>
    public int Rows { get; }

    /// <inheritdoc/>
    public int Columns { get; }

    /// <inheritdoc/>
    public void Multiply(ReadOnlySpan<double> x, Span<double> result)
    {
        OperatorChecks.Lengths(this, x.Length, result.Length, transpose: false);
        double s = 0;
        for (int i = 0; i < Rows; i++) { s += x[i]; result[i] = s; }
    }

    /// <inheritdoc/>
    public void TransposeMultiply(ReadOnlySpan<double> u, Span<double> result)
    {
        OperatorChecks.Lengths(this, u.Length, result.Length, transpose: true);
        double s = 0;
        for (int i = Rows - 1; i >= 0; i--) { s += u[i]; result[i] = s; }
    }
}

/// <summary>Aᵀ as an operator.</summary>
public sealed class TransposedOperator(ILinearOperator inner) : ILinearOperator
{
    private readonly ILinearOperator _a = inner ?? throw new ArgumentNullException(nameof(inner));

    /// <inheritdoc/>
    public int Rows => _a.Columns;

    /// <inheritdoc/>
    public int Columns => _a.Rows;

    /// <inheritdoc/>
    public void Multiply(ReadOnlySpan<double> x, Span<double> result) => _a.TransposeMultiply(x, result);

    /// <inheritdoc/>
    public void TransposeMultiply(ReadOnlySpan<double> u, Span<double> result) => _a.Multiply(u, result);
}

/// <summary>The product A·B (B applied first).</summary>
public sealed class ProductOperator : ILinearOperator
{
    private readonly ILinearOperator _a, _b;

    /// <summary>A·B; needs A.Columns = B.Rows.</summary>
    public ProductOperator(ILinearOperator a, ILinearOperator b)
    {
        _a = a ?? throw new ArgumentNullException(nameof(a));
        _b = b ?? throw new ArgumentNullException(nameof(b));
        if (a.Columns != b.Rows)
            throw new ArgumentException($"A has {a.Columns} columns but B has {b.Rows} rows; A·B is undefined.", nameof(b));
    }

    /// <inheritdoc/>
    public int Rows => _a.Rows;

    /// <inheritdoc/>
    public int Columns => _b.Columns;

    /// <inheritdoc/>
    public void Multiply(ReadOnlySpan<double> x, Span<double> result)
    {
        OperatorChecks.Lengths(this, x.Length, result.Length, transpose: false);
        // Scratch per call (pooled: no allocation once warm), so one operator can be shared between threads.
        var rented = ArrayPool<double>.Shared.Rent(_b.Rows);
        var mid = rented.AsSpan(0, _b.Rows);
        _b.Multiply(x, mid);
        _a.Multiply(mid, result);
        ArrayPool<double>.Shared.Return(rented);
    }

    /// <inheritdoc/>
    public void TransposeMultiply(ReadOnlySpan<double> u, Span<double> result)
    {
        OperatorChecks.Lengths(this, u.Length, result.Length, transpose: true);
        var rented = ArrayPool<double>.Shared.Rent(_a.Columns);
        var mid = rented.AsSpan(0, _a.Columns);
        _a.TransposeMultiply(u, mid);
        _b.TransposeMultiply(mid, result);
        ArrayPool<double>.Shared.Return(rented);
    }
}

/// <summary>The horizontal concatenation [A₁ A₂ … A_k] (a dictionary of several bases); all blocks have the same rows.</summary>
public sealed class ConcatenatedOperator : ILinearOperator
{
    private readonly ILinearOperator[] _blocks;

    /// <summary>[A₁ … A_k].</summary>
    public ConcatenatedOperator(params ILinearOperator[] blocks)
    {
        ArgumentNullException.ThrowIfNull(blocks);
        if (blocks.Length == 0) throw new ArgumentException("At least one block is needed.", nameof(blocks));
        for (int i = 0; i < blocks.Length; i++)
        {
            if (blocks[i] is null) throw new ArgumentNullException($"{nameof(blocks)}[{i}]");
            if (blocks[i].Rows != blocks[0].Rows)
                throw new ArgumentException($"Block {i} has {blocks[i].Rows} rows; block 0 has {blocks[0].Rows}.", nameof(blocks));
        }
        _blocks = (ILinearOperator[])blocks.Clone();
        Rows = blocks[0].Rows;
        Columns = blocks.Sum(b => b.Columns);
    }

    /// <inheritdoc/>
    public int Rows { get; }

    /// <inheritdoc/>
    public int Columns { get; }

    /// <inheritdoc/>
    public void Multiply(ReadOnlySpan<double> x, Span<double> result)
    {
        OperatorChecks.Lengths(this, x.Length, result.Length, transpose: false);
        result.Clear();
        var rented = ArrayPool<double>.Shared.Rent(Rows);
        var part = rented.AsSpan(0, Rows);
        int offset = 0;
        foreach (var b in _blocks)
        {
            b.Multiply(x.Slice(offset, b.Columns), part);
            // Blocks summed left to right, element by element: the same order and bits at every vector width.
            TensorPrimitives.Add(result, part, result);
            offset += b.Columns;
        }
        ArrayPool<double>.Shared.Return(rented);
    }

    /// <inheritdoc/>
    public void TransposeMultiply(ReadOnlySpan<double> u, Span<double> result)
    {
        OperatorChecks.Lengths(this, u.Length, result.Length, transpose: true);
        int offset = 0;
        foreach (var b in _blocks)
        {
            b.TransposeMultiply(u, result.Slice(offset, b.Columns));
            offset += b.Columns;
        }
    }
}

internal static class OperatorChecks
{
    public static void Lengths(ILinearOperator a, int input, int output, bool transpose)
    {
        int inExpected = transpose ? a.Rows : a.Columns, outExpected = transpose ? a.Columns : a.Rows;
        if (input != inExpected)
            throw new ArgumentException($"The input vector has length {input}; {(transpose ? "Aᵀ" : "A")} of a {a.Rows}×{a.Columns} operator needs {inExpected}.");
        if (output != outExpected)
            throw new ArgumentException($"The result vector has length {output}; {(transpose ? "Aᵀ" : "A")} of a {a.Rows}×{a.Columns} operator gives {outExpected}.");
    }
}
