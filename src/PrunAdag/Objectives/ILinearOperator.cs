namespace PrunAdag;

/// <summary>
/// A linear map A: Rⁿ → Rᵐ known through its products Av and Aᵀu (matrix-free, as SPARCO supplies its
/// operators). Implementations must be deterministic: the same input gives bitwise the same output.
/// </summary>
public interface ILinearOperator
{
    /// <summary>m, the number of rows.</summary>
    int Rows { get; }

    /// <summary>n, the number of columns.</summary>
    int Columns { get; }

    /// <summary>Writes A·x (length m) into <paramref name="result"/>.</summary>
    void Multiply(ReadOnlySpan<double> x, Span<double> result);

    /// <summary>Writes Aᵀ·u (length n) into <paramref name="result"/>.</summary>
    void TransposeMultiply(ReadOnlySpan<double> u, Span<double> result);
}
