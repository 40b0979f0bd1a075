using System.Numerics.Tensors;
using PrunAdag.Numerics;
using MathNet.Numerics.LinearAlgebra;

namespace PrunAdag.Problems.DictionaryLearning;

/// <summary>
/// Orthogonal matching pursuit: greedily pick the atom most correlated with the residual (ties to the smaller
/// index), then re-fit all picked coefficients by least squares. Implemented as Batch-OMP (Rubinstein, Zibulevsky,
/// Elad 2008): with G = DᵀD and α⁰ = Dᵀy the correlations are α⁰ − G_S γ_S and the least-squares fit uses an
/// incrementally grown Cholesky factor of G_SS, so one signal costs O(K s²) after α⁰.
/// </summary>
public static class Omp
{
    /// <summary>Sparse code of <paramref name="signal"/> in <paramref name="dictionary"/> with at most <paramref name="sparsity"/> nonzeros.</summary>
    /// <param name="dictionary">p × K with unit-norm columns (atoms).</param>
    /// <param name="signal">y, length p.</param>
    /// <param name="sparsity">Maximum number of nonzeros s ≥ 1.</param>
    /// <param name="tolerance">Stop early once ‖y − Dx‖ ≤ tolerance (0: always s atoms unless y is exactly represented).</param>
    /// <returns>x, length K.</returns>
    /// <exception cref="ArgumentException">Atoms not of unit norm, or size mismatch.</exception>
    public static Vector<double> Solve(Matrix<double> dictionary, Vector<double> signal, int sparsity, double tolerance = 0)
    {
        ArgumentNullException.ThrowIfNull(dictionary); ArgumentNullException.ThrowIfNull(signal);
        if (signal.Count != dictionary.RowCount)
            throw new ArgumentException($"The signal has {signal.Count} entries; the dictionary has {dictionary.RowCount} rows.", nameof(signal));
        var atoms = AtomMajor(dictionary);
        int p = dictionary.RowCount, k = dictionary.ColumnCount;
        CheckUnitAtoms(atoms, p, k, nameof(dictionary));
        var gram = Gram(atoms, p, k);
        var y = signal.ToArray();
        var alpha0 = new double[k];
        for (int j = 0; j < k; j++) alpha0[j] = FixedOrder.Dot(atoms.AsSpan(j * p, p), y);
        var code = SolveOne(gram, k, alpha0, FixedOrder.Dot(y, y), CheckSparsity(sparsity, k), tolerance);
        var x = new double[k];
        for (int i = 0; i < code.Indices.Length; i++) x[code.Indices[i]] = code.Values[i];
        return Vector<double>.Build.Dense(x);
    }

    internal static int CheckSparsity(int sparsity, int atoms)
    {
        if (sparsity < 1 || sparsity > atoms)
            throw new ArgumentOutOfRangeException(nameof(sparsity), sparsity, $"The sparsity must be in [1, K = {atoms}].");
        return sparsity;
    }

    internal static void CheckUnitAtoms(double[] atoms, int p, int k, string name)
    {
        for (int j = 0; j < k; j++)
        {
            double norm = FixedOrder.Norm(atoms.AsSpan(j * p, p));
            if (Math.Abs(norm - 1) > 1e-8)
                throw new ArgumentException($"Atom {j} has norm {norm}; OMP needs unit-norm atoms.", name);
        }
    }

    /// <summary>Dᵀ stored row-major: atom j is entries [j·p, (j+1)·p).</summary>
    internal static double[] AtomMajor(Matrix<double> d)
    {
        int p = d.RowCount, k = d.ColumnCount;
        var a = new double[(long)p * k];
        for (int j = 0; j < k; j++)
            for (int i = 0; i < p; i++) a[(long)j * p + i] = d[i, j];
        return a;
    }

    /// <summary>G = DᵀD (K×K, row-major), rows computed in parallel (each entry is one dot product, so the result does not depend on threading).</summary>
    internal static double[] Gram(double[] atoms, int p, int k)
    {
        var g = new double[(long)k * k];
        Parallel.For(0, k, i =>
        {
            var ai = atoms.AsSpan(i * p, p);
            for (int j = 0; j <= i; j++) g[(long)i * k + j] = FixedOrder.Dot(ai, atoms.AsSpan(j * p, p));
        });
        for (int i = 0; i < k; i++)
            for (int j = i + 1; j < k; j++) g[(long)i * k + j] = g[(long)j * k + i];
        return g;
    }

    internal readonly record struct SparseCode(int[] Indices, double[] Values);

    /// <summary>Batch-OMP for one signal given G, α⁰ = Dᵀy and ‖y‖².</summary>
    internal static SparseCode SolveOne(double[] gram, int k, double[] alpha0, double yNorm2, int sparsity, double tolerance)
    {
        var alpha = (double[])alpha0.Clone();
        var chosen = new List<int>(sparsity);
        var isChosen = new bool[k];
        var l = new double[sparsity * sparsity]; // lower-triangular Cholesky factor of G_SS, row-major s×s
        double[] gamma = [];
        double tol2 = tolerance * tolerance;
        double maxAlpha0 = 0;
        foreach (double a in alpha0) maxAlpha0 = Math.Max(maxAlpha0, Math.Abs(a));
        for (int step = 0; step < sparsity; step++)
        {
            int best = -1; double bestAbs = 0;
            for (int j = 0; j < k; j++)
                if (!isChosen[j] && Math.Abs(alpha[j]) > bestAbs) { bestAbs = Math.Abs(alpha[j]); best = j; }
            // Nothing left to explain (residual orthogonal to every atom, up to rounding).
            if (best < 0 || bestAbs <= 1e-14 * Math.Max(1, maxAlpha0)) break;
            int s = chosen.Count;
            if (s > 0)
            {
                // Solve L w = G_{S,best}; the new row of L is [wᵀ, √(1 − wᵀw)].
                var w = new double[s];
                for (int i = 0; i < s; i++)
                {
                    double v = gram[(long)chosen[i] * k + best];
                    for (int t = 0; t < i; t++) v -= l[i * sparsity + t] * w[t];
                    w[i] = v / l[i * sparsity + i];
                }
                double d2 = 1 - FixedOrder.Dot(w, w);
                if (d2 <= 1e-12) break; // the atom is (numerically) in the span of the chosen ones
                for (int t = 0; t < s; t++) l[s * sparsity + t] = w[t];
                l[s * sparsity + s] = Math.Sqrt(d2);
            }
            else l[0] = 1;
            chosen.Add(best); isChosen[best] = true;
            s = chosen.Count;
            // γ = (L Lᵀ)⁻¹ α⁰_S by forward then back substitution.
            var z = new double[s];
            for (int i = 0; i < s; i++)
            {
                double v = alpha0[chosen[i]];
                for (int t = 0; t < i; t++) v -= l[i * sparsity + t] * z[t];
                z[i] = v / l[i * sparsity + i];
            }
            gamma = new double[s];
            for (int i = s - 1; i >= 0; i--)
            {
                double v = z[i];
                for (int t = i + 1; t < s; t++) v -= l[t * sparsity + i] * gamma[t];
                gamma[i] = v / l[i * sparsity + i];
            }
            // α = α⁰ − G_{:,S} γ (G symmetric, so row S_i is column S_i).
            Array.Copy(alpha0, alpha, k);
            for (int i = 0; i < s; i++)
                TensorPrimitives.MultiplyAdd(gram.AsSpan(chosen[i] * k, k), -gamma[i], alpha, alpha);
            if (tol2 > 0)
            {
                // ‖y − D_S γ‖² = ‖y‖² − γᵀα⁰_S at the least-squares fit.
                double fit = 0;
                for (int i = 0; i < s; i++) fit += gamma[i] * alpha0[chosen[i]];
                if (yNorm2 - fit <= tol2) break;
            }
        }
        return new SparseCode(chosen.ToArray(), gamma);
    }
}
