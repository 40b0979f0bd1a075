using MathNet.Numerics.LinearAlgebra;

namespace PrunAdag;

/// <summary>
/// Pruning after training (docs/algorithm.md, P1 and P2): zero every |x_i| &lt; δ, or zero
/// the ⌈σn⌉ smallest |x_i|. Ties use the order of the relevant set: equal magnitudes rank the smaller
/// index higher, so among ties the larger indices are pruned first.
/// </summary>
public static partial class Pruning
{
    /// <summary>x̄ with every |x_i| &lt; δ set to zero.</summary>
    public static Vector<double> ByThreshold(Vector<double> x, double delta)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (!(double.IsFinite(delta) && delta >= 0))
            throw new ArgumentOutOfRangeException(nameof(delta), delta, $"δ must be finite and ≥ 0; got {delta}.");
        return x.Map(v => Math.Abs(v) < delta ? 0.0 : v);
    }

    /// <summary>The number of components pruned at sparsity σ: ⌈σn⌉ (σ a fraction in [0, 1]).</summary>
    public static int PrunedCount(int n, double sigma)
    {
        CheckSigma(sigma);
        // Round σn to 9 decimals first so that e.g. 0.3 · 1000 gives 300, not 301.
        return (int)Math.Min(n, Math.Ceiling(Math.Round(sigma * n, 9)));
    }

    /// <summary>Throws unless every x_i has a magnitude to rank; the message names x's own index.</summary>
    private static void CheckNoNaN(Vector<double> x)
    {
        for (int i = 0; i < x.Count; i++)
            if (double.IsNaN(x[i]))
                throw new ArgumentException($"x[{i}] is NaN: a NaN has no magnitude, so x cannot be pruned to a sparsity.", nameof(x));
    }

    /// <summary>x̄ with the ⌈σn⌉ smallest |x_i| set to zero (σ a fraction in [0, 1]).</summary>
    /// <exception cref="ArgumentException"><paramref name="x"/> holds a NaN (it has no magnitude to rank); the message names x and the index.</exception>
    /// <exception cref="ArgumentOutOfRangeException">σ outside [0, 1].</exception>
    public static Vector<double> ToSparsity(Vector<double> x, double sigma)
    {
        ArgumentNullException.ThrowIfNull(x);
        CheckNoNaN(x);
        int n = x.Count;
        int keep = n - PrunedCount(n, sigma);
        var result = Vector<double>.Build.Dense(n);
        if (keep == 0) return result;
        var values = x.ToArray();
        foreach (int i in RelevantSet.Select(values, keep)) result[i] = values[i];
        return result;
    }

    /// <summary>Fraction of exact zeros in <paramref name="x"/>.</summary>
    public static double Sparsity(Vector<double> x)
    {
        ArgumentNullException.ThrowIfNull(x);
        int z = 0;
        foreach (double v in x) if (v == 0) z++;
        return x.Count == 0 ? 0 : (double)z / x.Count;
    }

    /// <summary>ρ = ‖∇f(x̄)‖ and ω = sqrt|f(x̄) − f(x)| (paper eq. 43, docs/algorithm.md P2; ω is NaN when f has no value).</summary>
    public static (double Rho, double Omega) Measures(Objective objective, Vector<double> x, Vector<double> pruned)
    {
        ArgumentNullException.ThrowIfNull(objective);
        objective.CheckDimension(x, nameof(x));
        objective.CheckDimension(pruned, nameof(pruned));
        double rho = Numerics.FixedOrder.Norm(Objective.AsSpan(objective.Gradient(pruned))); // the fixed order of C6, as ‖g_k‖
        double omega = objective.HasValue ? Math.Sqrt(Math.Abs(objective.Value(pruned) - objective.Value(x))) : double.NaN;
        return (rho, omega);
    }

    /// <summary>
    /// ρ, ω, the achieved sparsity and (optionally) a classifier's accuracy for each σ of <paramref name="sigmas"/>
    /// (fractions in [0, 1]).
    /// </summary>
    /// <param name="objective">f.</param>
    /// <param name="x">The trained solution.</param>
    /// <param name="sigmas">Target sparsities, fractions in [0, 1] (0.3 for 30%).</param>
    /// <param name="accuracy">Optional: the test accuracy of a pruned x̄.</param>
    /// <param name="label">A label for charts (e.g. the method).</param>
    /// <exception cref="ArgumentException"><paramref name="x"/> holds a NaN, or has the wrong length.</exception>
    public static PruningProfile Profile(Objective objective, Vector<double> x, IEnumerable<double> sigmas,
        Func<Vector<double>, double>? accuracy = null, string? label = null)
    {
        ArgumentNullException.ThrowIfNull(objective);
        ArgumentNullException.ThrowIfNull(sigmas);
        objective.CheckDimension(x, nameof(x));
        var points = new List<PruningPoint>();
        foreach (double s in sigmas)
        {
            var pruned = ToSparsity(x, s);
            var (rho, omega) = Measures(objective, x, pruned);
            points.Add(new PruningPoint(s, Sparsity(pruned), rho, omega, accuracy?.Invoke(pruned)));
        }
        return new PruningProfile(label ?? objective.Name, points);
    }

    /// <summary>The pruning profile of a run's solution.</summary>
    public static PruningProfile PruningProfile(this MinimizationResult result, Objective objective, IEnumerable<double> sigmas,
        Func<Vector<double>, double>? accuracy = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        return Profile(objective, result.Solution, sigmas, accuracy, result.Method.DisplayName);
    }

    /// <summary>The paper's grid σ = 10%, 20%, …, 90%.</summary>
    public static IReadOnlyList<double> PaperSigmas { get; } = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9];

    private static void CheckSigma(double sigma)
    {
        if (!(sigma >= 0 && sigma <= 1))
            throw new ArgumentOutOfRangeException(nameof(sigma), sigma, $"σ is a fraction in [0, 1] (pass 0.3 for 30%); got {sigma}.");
    }
}

/// <summary>One row of a pruning profile.</summary>
/// <param name="TargetSparsity">σ asked for (fraction).</param>
/// <param name="AchievedSparsity">Fraction of zeros in x̄ (≥ σ when x already had zeros).</param>
/// <param name="Rho">ρ = ‖∇f(x̄)‖.</param>
/// <param name="Omega">ω = sqrt|f(x̄) − f(x)|.</param>
/// <param name="Accuracy">Test accuracy of x̄ when a classifier measure was given.</param>
public sealed record PruningPoint(double TargetSparsity, double AchievedSparsity, double Rho, double Omega, double? Accuracy)
{
    /// <summary>With a parameter layout: the zeros of x̄ per block (then <see cref="AchievedSparsity"/> is over the prunable blocks); otherwise null.</summary>
    public LayoutSparsity? Blocks { get; init; }
}

/// <summary>ρ, ω (and accuracy) against σ for one solution.</summary>
/// <param name="Label">What was pruned (usually the method's name).</param>
/// <param name="Points">One row per σ.</param>
public sealed record PruningProfile(string Label, IReadOnlyList<PruningPoint> Points)
{
    /// <summary>A plain-text table.</summary>
    public override string ToString()
    {
        var sb = new System.Text.StringBuilder();
        sb.AppendLine($"{Label}");
        sb.AppendLine("  σ (%)   achieved (%)          ρ            ω" + (Points.Any(p => p.Accuracy is not null) ? "   accuracy (%)" : ""));
        foreach (var p in Points)
            sb.AppendLine(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"  {p.TargetSparsity * 100,5:0.#}   {p.AchievedSparsity * 100,12:0.##}   {p.Rho,10:G4}   {p.Omega,10:G4}{(p.Accuracy is { } a ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"   {a * 100,12:0.##}") : "")}"));
        return sb.ToString();
    }
}
