using MathNet.Numerics.LinearAlgebra;

namespace PrunAdag;

/// <summary>
/// Compares a hand-written gradient with central finite differences of f, component by component,
/// and says which components disagree (the usual bug in a user's objective).
/// </summary>
public static class GradientChecker
{
    /// <summary>Checks ∇f at <paramref name="x"/>.</summary>
    /// <param name="objective">Must have a value function.</param>
    /// <param name="x">Where to check.</param>
    /// <param name="tolerance">A component is flagged when |analytic − numeric| &gt; tolerance·max(1, |analytic|, |numeric|).</param>
    /// <param name="step">Relative finite-difference step h_i = step·max(1, |x_i|); the default ∛ε balances truncation and rounding for central differences.</param>
    /// <param name="components">Optional subset of indices to check (default: all).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="tolerance"/> or <paramref name="step"/> is not finite and positive, or a component index is out of range.</exception>
    /// <exception cref="ArgumentException"><paramref name="x"/> has the wrong length or a NaN/∞ entry, or the objective has no value function.</exception>
    public static GradientCheckReport Check(Objective objective, Vector<double> x, double tolerance = 1e-5, double step = 6e-6,
        IEnumerable<int>? components = null)
    {
        ArgumentNullException.ThrowIfNull(objective);
        objective.CheckDimension(x, nameof(x));
        if (!objective.HasValue)
            throw new ArgumentException($"The objective '{objective.Name}' has no value function; finite differences need f.", nameof(objective));
        if (!(tolerance > 0 && double.IsFinite(tolerance)))
            throw new ArgumentOutOfRangeException(nameof(tolerance), tolerance, $"tolerance must be finite and > 0 (an infinite tolerance flags nothing); got {tolerance}.");
        for (int i = 0; i < x.Count; i++)
            if (!double.IsFinite(x[i]))
                throw new ArgumentException($"x[{i}] = {x[i]} is not finite: finite differences need a finite point.", nameof(x));
        if (!(step > 0 && double.IsFinite(step))) throw new ArgumentOutOfRangeException(nameof(step), step, "step must be finite and > 0.");
        var analytic = objective.Gradient(x);
        var idx = components?.ToArray() ?? Enumerable.Range(0, x.Count).ToArray();
        var probe = x.ToArray();
        var rows = new List<GradientComponentCheck>(idx.Length);
        foreach (int i in idx)
        {
            if (i < 0 || i >= x.Count) throw new ArgumentOutOfRangeException(nameof(components), i, $"component {i} is outside 0..{x.Count - 1}.");
            double xi = probe[i], h = step * Math.Max(1, Math.Abs(xi));
            probe[i] = xi + h; double fp = objective.Value(probe);
            probe[i] = xi - h; double fm = objective.Value(probe);
            probe[i] = xi;
            double numeric = (fp - fm) / (2 * h);
            double err = Math.Abs(analytic[i] - numeric);
            double scale = Math.Max(1, Math.Max(Math.Abs(analytic[i]), Math.Abs(numeric)));
            rows.Add(new GradientComponentCheck(i, analytic[i], numeric, err, !(err <= tolerance * scale)));
        }
        return new GradientCheckReport(objective.Name, tolerance, rows);
    }
}

/// <summary>One component's comparison.</summary>
/// <param name="Index">i.</param>
/// <param name="Analytic">The objective's ∂f/∂x_i.</param>
/// <param name="Numeric">The central difference.</param>
/// <param name="AbsoluteError">|analytic − numeric|.</param>
/// <param name="Flagged">True when the error exceeds the tolerance.</param>
public sealed record GradientComponentCheck(int Index, double Analytic, double Numeric, double AbsoluteError, bool Flagged);

/// <summary>The gradient checker's verdict.</summary>
/// <param name="ObjectiveName">The objective checked.</param>
/// <param name="Tolerance">The relative tolerance used.</param>
/// <param name="Components">Every component checked.</param>
public sealed record GradientCheckReport(string ObjectiveName, double Tolerance, IReadOnlyList<GradientComponentCheck> Components)
{
    /// <summary>The components that disagree.</summary>
    public IReadOnlyList<GradientComponentCheck> Flagged => Components.Where(c => c.Flagged).ToArray();

    /// <summary>True when no component is flagged.</summary>
    public bool Passed => Components.All(c => !c.Flagged);

    /// <summary>The largest absolute error.</summary>
    public double MaxError => Components.Count == 0 ? 0 : Components.Max(c => c.AbsoluteError);

    /// <summary>A readable verdict naming the wrong components.</summary>
    public override string ToString() => Passed
        ? $"Gradient of '{ObjectiveName}' agrees with finite differences on all {Components.Count} components (max error {MaxError:G3})."
        : $"Gradient of '{ObjectiveName}' is wrong in {Flagged.Count} of {Components.Count} components: " +
          string.Join(", ", Flagged.Take(10).Select(c => $"[{c.Index}] analytic {c.Analytic:G6} vs numeric {c.Numeric:G6}")) +
          (Flagged.Count > 10 ? ", …" : "") + ".";
}
