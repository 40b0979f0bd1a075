using MathNet.Numerics.Distributions;
using MathNet.Numerics.LinearAlgebra;

namespace PrunAdag.Problems;

/// <summary>
/// The paper's starting point and T (docs/algorithm.md, C3 and C10):
/// T = max(1, ⌊n/10⌋) and x0 with exactly T nonzero N(0,1) entries on a uniformly random support,
/// normalised to ‖x0‖ = 1.
/// </summary>
public static class SparseStart
{
    /// <summary>T = max(1, ⌊n/10⌋) (the paper writes n/10 and does not say how it rounds).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="n"/> is not positive.</exception>
    public static int TargetRelevant(int n)
    {
        if (n < 1) throw new ArgumentOutOfRangeException(nameof(n), n, "n must be at least 1.");
        return Math.Max(1, n / 10);
    }

    /// <summary>
    /// Draws x0 from <paramref name="rng"/>: first the support (a partial Fisher–Yates shuffle of 0..n−1,
    /// the first <paramref name="nonzeros"/> positions kept), then one N(0,1) value per support position in
    /// support order (a value that is exactly 0 is redrawn so the count is exact), then x0 /= ‖x0‖.
    /// </summary>
    /// <param name="n">Dimension.</param>
    /// <param name="nonzeros">Number of nonzeros, 1 ≤ T ≤ n.</param>
    /// <param name="rng">The instance's single generator (advanced by this call).</param>
    public static Vector<double> Draw(int n, int nonzeros, Random rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        if (n < 1) throw new ArgumentOutOfRangeException(nameof(n), n, "n must be at least 1.");
        if (nonzeros < 1 || nonzeros > n)
            throw new ArgumentOutOfRangeException(nameof(nonzeros), nonzeros, $"The number of nonzeros must be in [1, n = {n}].");
        int[] support = RandomDraws.PartialPermutation(n, nonzeros, rng);
        var x = new double[n];
        double norm2 = 0;
        foreach (int i in support)
        {
            double v;
            do v = Normal.Sample(rng, 0, 1); while (v == 0);
            x[i] = v;
            norm2 += v * v;
        }
        double inv = 1 / Math.Sqrt(norm2);
        for (int i = 0; i < n; i++) x[i] *= inv;
        return Vector<double>.Build.Dense(x);
    }
}

/// <summary>Small random-draw helpers shared by the generators (all draws go through one <see cref="Random"/>).</summary>
internal static class RandomDraws
{
    /// <summary>The first k entries of a uniformly random permutation of 0..n−1 (partial Fisher–Yates, k draws).</summary>
    public static int[] PartialPermutation(int n, int k, Random rng)
    {
        var p = new int[n];
        for (int i = 0; i < n; i++) p[i] = i;
        for (int i = 0; i < k; i++)
        {
            int j = rng.Next(i, n);
            (p[i], p[j]) = (p[j], p[i]);
        }
        return p[..k];
    }

    /// <summary>n standard normals, in order.</summary>
    public static double[] Normals(int n, Random rng)
    {
        var v = new double[n];
        for (int i = 0; i < n; i++) v[i] = Normal.Sample(rng, 0, 1);
        return v;
    }

    /// <summary>
    /// A matrix with orthonormal columns drawn from the Haar (uniform) distribution on the Stiefel manifold:
    /// Q of the thin QR of a rows×cols N(0,1) matrix (filled column by column), with each column's sign
    /// fixed so that diag(R) &gt; 0 — without that fix Q depends on the QR routine's sign convention
    /// and is not exactly Haar.
    /// </summary>
    public static Matrix<double> HaarOrthonormalColumns(int rows, int cols, Random rng)
    {
        var z = Matrix<double>.Build.Dense(rows, cols);
        for (int j = 0; j < cols; j++)
            for (int i = 0; i < rows; i++)
                z[i, j] = Normal.Sample(rng, 0, 1);
        var qr = z.QR(MathNet.Numerics.LinearAlgebra.Factorization.QRMethod.Thin);
        var q = qr.Q;
        var r = qr.R;
        for (int j = 0; j < cols; j++)
            if (r[j, j] < 0)
                for (int i = 0; i < rows; i++) q[i, j] = -q[i, j];
        return q;
    }
}
