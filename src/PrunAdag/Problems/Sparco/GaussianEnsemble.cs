using MathNet.Numerics.Distributions;

namespace PrunAdag.Problems.Sparco;

/// <summary>Spot's <c>opGaussian(m, n, mode)</c> ensembles (docs/sparco.md, O4), as explicit dense operators.</summary>
public static class GaussianEnsemble
{
    /// <summary>Draws an m×n ensemble from <paramref name="rng"/>.</summary>
    /// <param name="rows">m.</param>
    /// <param name="columns">n.</param>
    /// <param name="mode">0: i.i.d. N(0,1), unscaled; 2: N(0,1) then every column scaled to unit norm;
    /// 4 (needs m ≤ n): Qᵀ for Q the thin QR factor of an n×m N(0,1) matrix, so G Gᵀ = I.</param>
    /// <param name="rng">The instance's generator. Modes 0 and 2 draw the m·n normals column by column
    /// (MATLAB's <c>randn(m,n)</c> order); mode 4 draws the n×m matrix column by column.</param>
    public static DenseOperator Create(int rows, int columns, int mode, Random rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        if (rows < 1) throw new ArgumentOutOfRangeException(nameof(rows), rows, "m must be at least 1.");
        if (columns < 1) throw new ArgumentOutOfRangeException(nameof(columns), columns, "n must be at least 1.");
        var g = new double[(long)rows * columns];
        switch (mode)
        {
            case 0:
            case 2:
                for (int j = 0; j < columns; j++)
                    for (int i = 0; i < rows; i++) g[(long)i * columns + j] = Normal.Sample(rng, 0, 1);
                if (mode == 2)
                    for (int j = 0; j < columns; j++)
                    {
                        double s = 0;
                        for (int i = 0; i < rows; i++) s += g[(long)i * columns + j] * g[(long)i * columns + j];
                        double inv = 1 / Math.Sqrt(s);
                        for (int i = 0; i < rows; i++) g[(long)i * columns + j] *= inv;
                    }
                break;
            case 4:
                if (rows > columns)
                    throw new ArgumentException($"Mode 4 (orthonormal rows) needs m ≤ n; got m = {rows}, n = {columns}.", nameof(rows));
                var q = RandomDraws.HaarOrthonormalColumns(columns, rows, rng);
                for (int i = 0; i < rows; i++)
                    for (int j = 0; j < columns; j++) g[(long)i * columns + j] = q[j, i];
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(mode), mode, "Supported Gaussian ensemble modes are 0, 2 and 4.");
        }
        return new DenseOperator(rows, columns, g);
    }
}
