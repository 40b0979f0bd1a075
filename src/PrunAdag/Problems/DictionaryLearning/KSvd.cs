using System.Numerics.Tensors;
using PrunAdag.Numerics;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Random;

namespace PrunAdag.Problems.DictionaryLearning;

/// <summary>K-SVD settings (Aharon, Elad, Bruckstein 2006).</summary>
public sealed record KSvdSettings
{
    /// <summary>K, the number of atoms.</summary>
    public int Atoms { get; init; } = 1000;

    /// <summary>s, nonzeros per signal in the OMP sparse-coding step.</summary>
    public int Sparsity { get; init; } = 10;

    /// <summary>Sparse-coding + dictionary-update rounds.</summary>
    public int Iterations { get; init; } = 5;

    /// <summary>Seeds the initial dictionary (K distinct training signals chosen at random, normalised).</summary>
    public int Seed { get; init; }

    /// <summary>Checks the values.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A value out of range.</exception>
    public void Validate()
    {
        if (Atoms < 1) throw new ArgumentOutOfRangeException(nameof(Atoms), Atoms, "K must be at least 1.");
        if (Sparsity < 1 || Sparsity > Atoms) throw new ArgumentOutOfRangeException(nameof(Sparsity), Sparsity, $"The sparsity must be in [1, K = {Atoms}].");
        if (Iterations < 0) throw new ArgumentOutOfRangeException(nameof(Iterations), Iterations, "Iterations must be non-negative.");
    }
}

/// <summary>A learned dictionary and the fit history.</summary>
/// <param name="Dictionary">D, p × K with unit-norm columns.</param>
/// <param name="CodingError">‖Y − D X‖²_F after each sparse-coding step (one entry per iteration).</param>
/// <param name="UpdateError">‖Y − D X‖²_F after each dictionary-update step.</param>
public sealed record KSvdResult(Matrix<double> Dictionary, IReadOnlyList<double> CodingError, IReadOnlyList<double> UpdateError);

/// <summary>
/// K-SVD: alternate OMP sparse coding of every signal with atom-by-atom rank-1 updates. Atom k and its
/// coefficients are replaced by the best rank-1 approximation σ u vᵀ of E_k, the residual of the signals that
/// use atom k with atom k's contribution added back (the rank-1 SVD; computed from the SVD of the smaller Gram
/// matrix EᵀE or EEᵀ, whose top singular vector is the top right/left singular vector of E). An unused atom is
/// replaced by the normalised worst-represented signal. Deterministic: sparse coding runs signals in parallel,
/// but each signal's arithmetic is sequential, and the atom updates are sequential.
/// </summary>
public static class KSvd
{
    /// <summary>Learns a dictionary for the columns of <paramref name="signals"/>.</summary>
    /// <param name="signals">Y, p × N (one signal per column), N ≥ K.</param>
    /// <param name="settings">K, s, iterations, seed.</param>
    /// <param name="cancellationToken">Checked between atom updates.</param>
    public static KSvdResult Learn(Matrix<double> signals, KSvdSettings settings, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(signals); ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        int p = signals.RowCount, n = signals.ColumnCount, k = settings.Atoms, s = settings.Sparsity;
        if (n < k) throw new ArgumentException($"K-SVD needs at least K = {k} signals to initialise; got {n}.", nameof(signals));
        var y = Omp.AtomMajor(signals); // signal i = entries [i·p, (i+1)·p)

        // Initial dictionary: K distinct signals at random (first K of a seeded permutation), normalised.
        var rng = new MersenneTwister(settings.Seed);
        var start = RandomDraws.PartialPermutation(n, k, rng);
        var d = new double[(long)k * p];
        for (int j = 0; j < k; j++)
        {
            var src = y.AsSpan(start[j] * p, p);
            double norm = FixedOrder.Norm(src);
            if (norm == 0) throw new ArgumentException($"Signal {start[j]} is zero and cannot initialise an atom.", nameof(signals));
            TensorPrimitives.Multiply(src, 1 / norm, d.AsSpan(j * p, p));
        }

        var coding = new List<double>(); var update = new List<double>();
        var codes = new Omp.SparseCode[n];
        var residual = new double[(long)n * p];
        for (int it = 0; it < settings.Iterations; it++)
        {
            // 1. Sparse coding by Batch-OMP.
            var gram = Omp.Gram(d, p, k);
            Parallel.For(0, n, new ParallelOptions { CancellationToken = cancellationToken }, i =>
            {
                var yi = y.AsSpan(i * p, p);
                var alpha0 = new double[k];
                for (int j = 0; j < k; j++) alpha0[j] = FixedOrder.Dot(d.AsSpan(j * p, p), yi);
                codes[i] = Omp.SolveOne(gram, k, alpha0, FixedOrder.Dot(yi, yi), s, 0);
                var r = residual.AsSpan(i * p, p);
                yi.CopyTo(r);
                for (int t = 0; t < codes[i].Indices.Length; t++)
                    TensorPrimitives.MultiplyAdd(d.AsSpan(codes[i].Indices[t] * p, p), -codes[i].Values[t], r, r);
            });
            coding.Add(SquaredNorm(residual));

            // 2. Dictionary update, atom by atom.
            var users = new List<(int Signal, int Slot)>[k];
            for (int j = 0; j < k; j++) users[j] = [];
            for (int i = 0; i < n; i++)
                for (int t = 0; t < codes[i].Indices.Length; t++) users[codes[i].Indices[t]].Add((i, t));
            var replaced = new HashSet<int>();
            for (int j = 0; j < k; j++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var atom = d.AsSpan(j * p, p);
                var omega = users[j];
                if (omega.Count == 0)
                {
                    ReplaceUnusedAtom(residual, p, n, atom, replaced);
                    continue;
                }
                // E_k columns: e_i = r_i + x_ik d_k.
                int q = omega.Count;
                var e = new double[(long)q * p];
                for (int c = 0; c < q; c++)
                {
                    var (i, t) = omega[c];
                    TensorPrimitives.MultiplyAdd(atom, codes[i].Values[t], residual.AsSpan(i * p, p), e.AsSpan(c * p, p));
                }
                var u = TopLeftSingularVector(e, p, q);
                if (FixedOrder.Dot(u, atom) < 0) TensorPrimitives.Negate(u, u); // deterministic sign: stay near the old atom
                u.CopyTo(atom);
                for (int c = 0; c < q; c++)
                {
                    var (i, t) = omega[c];
                    var ec = e.AsSpan(c * p, p);
                    double x = FixedOrder.Dot(u, ec); // σ v_i, the optimal coefficient for the unit atom u
                    codes[i].Values[t] = x;
                    TensorPrimitives.MultiplyAdd(u, -x, ec, residual.AsSpan(i * p, p));
                }
            }
            update.Add(SquaredNorm(residual));
        }

        var dict = Matrix<double>.Build.Dense(p, k, (i, j) => d[(long)j * p + i]);
        return new KSvdResult(dict, coding, update);
    }

    private static double SquaredNorm(double[] v)
    {
        double s = 0;
        foreach (double t in v) s += t * t;
        return s;
    }

    // The normalised signal with the largest residual not already used this round (ties: smaller index); its
    // residual is left as is (its code does not use the new atom until the next coding step).
    private static void ReplaceUnusedAtom(double[] residual, int p, int n, Span<double> atom, HashSet<int> replaced)
    {
        int worst = -1; double worstNorm = 0;
        for (int i = 0; i < n; i++)
        {
            if (replaced.Contains(i)) continue;
            double r = FixedOrder.Dot(residual.AsSpan(i * p, p), residual.AsSpan(i * p, p));
            if (r > worstNorm) { worstNorm = r; worst = i; }
        }
        if (worst < 0) return; // every residual is zero: keep the atom
        replaced.Add(worst);
        TensorPrimitives.Multiply(residual.AsSpan(worst * p, p), 1 / Math.Sqrt(worstNorm), atom);
    }

    /// <summary>u, the unit top left singular vector of E (p × q, column c = entries [c·p, (c+1)·p)).</summary>
    internal static double[] TopLeftSingularVector(double[] e, int p, int q)
    {
        var u = new double[p];
        if (q <= p)
        {
            // EᵀE = V Σ² Vᵀ; u = E v₁ / ‖E v₁‖.
            var m = Matrix<double>.Build.Dense(q, q);
            for (int a = 0; a < q; a++)
                for (int b = 0; b <= a; b++)
                    m[a, b] = m[b, a] = FixedOrder.Dot(e.AsSpan(a * p, p), e.AsSpan(b * p, p));
            var v = m.Svd(computeVectors: true).VT.Row(0);
            for (int c = 0; c < q; c++) TensorPrimitives.MultiplyAdd(e.AsSpan(c * p, p), v[c], u, u);
        }
        else
        {
            // E Eᵀ = U Σ² Uᵀ.
            var m = Matrix<double>.Build.Dense(p, p);
            for (int c = 0; c < q; c++)
            {
                var ec = e.AsSpan(c * p, p);
                for (int a = 0; a < p; a++)
                {
                    double ea = ec[a];
                    if (ea == 0) continue;
                    for (int b = 0; b <= a; b++) m[a, b] += ea * ec[b];
                }
            }
            for (int a = 0; a < p; a++) for (int b = 0; b < a; b++) m[b, a] = m[a, b];
            var top = m.Svd(computeVectors: true).U.Column(0);
            for (int a = 0; a < p; a++) u[a] = top[a];
        }
        double norm = FixedOrder.Norm(u);
        if (norm == 0) { u[0] = 1; return u; } // E = 0: any unit vector is optimal
        TensorPrimitives.Multiply(u, 1 / norm, u);
        return u;
    }
}
