namespace PrunAdag.Problems;

/// <summary>
/// The six matrix classes of the paper's random under-determined least-squares experiment
/// (docs/algorithm.md, E1), and one variant kept for comparison.
/// </summary>
public enum MatrixClass
{
    /// <summary>Gaussian entries N(0, 1/m), i.e. randn/√m.</summary>
    A1 = 1,
    /// <summary>The first m rows of a random n×n orthogonal matrix (orthonormal rows).</summary>
    A2 = 2,
    /// <summary>The concatenation of n/m random m×m orthogonal matrices (orthogonal columns within each block).</summary>
    A3 = 3,
    /// <summary>A2 with each row scaled by an independent U[0.5, 2] factor (orthogonal rows, unequal norms).</summary>
    A4 = 4,
    /// <summary>Symmetric Bernoulli (Rademacher) entries ±1 with p = ½, scaled by 1/√m (docs/algorithm.md, C8).</summary>
    A5 = 5,
    /// <summary>m distinct random rows of the n×n orthonormal DCT-II matrix.</summary>
    A6 = 6,
    /// <summary>
    /// The {0, 1} reading of A5, kept for comparison: Bernoulli {0, 1} entries with p = ½, scaled by 1/√m,
    /// from the same draws as <see cref="A5"/> (catalogue name <c>random-ls:A5-01</c>; docs/algorithm.md, C8).
    /// </summary>
    A5ZeroOne = 7,
}
