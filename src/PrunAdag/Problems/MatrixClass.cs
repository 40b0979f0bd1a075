namespace PrunAdag.Problems;

/// <summary>
/// The six matrix classes of the paper's random under-determined least-squares experiment
/// (spec ALGORITHM.md, "The paper's experiments", 1).
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
    /// <summary>Bernoulli {0, 1} entries with p = ½, scaled by 1/√m.</summary>
    A5 = 5,
    /// <summary>m distinct random rows of the n×n orthonormal DCT-II matrix.</summary>
    A6 = 6,
}
