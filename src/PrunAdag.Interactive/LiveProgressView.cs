using System.Globalization;
using System.Net;

namespace PrunAdag.Interactive;

/// <summary>What the in-place progress display shows while a run is going.</summary>
/// <param name="Title">What is running, e.g. "prunAdag-V3 on random-ls:A2".</param>
/// <param name="Progress">The latest snapshot (null before the first one).</param>
/// <param name="Step">Optional position in a batch, e.g. "run 3 of 7".</param>
/// <param name="Failure">Why the run stopped without a result to show in its place (the display then says so, not "starting…").</param>
public sealed record LiveProgressView(string Title, IterationProgress? Progress, string? Step = null, string? Failure = null)
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>
    /// A one-line text form: iteration, ‖g‖, sparsity, elapsed and remaining time; for the final snapshot
    /// the run's last k (which is below the limit when it converged early) and its final ‖g‖.
    /// </summary>
    public override string ToString()
    {
        if (Failure is not null) return $"{Title}{StepText}: stopped, {Failure}";
        if (Progress is not { } p) return $"{Title}{StepText}: starting…";
        if (p.IsFinal)
            return $"{Title}{StepText}: finished at k = {p.Iteration} (limit {p.MaxIterations}), ‖g‖ = {p.GradientNorm.ToString("G4", Inv)}, " +
                   $"{(100 * p.BelowDelta).ToString("0.#", Inv)} % below δ, {Format(p.Elapsed)}";
        string remaining = p.EstimatedRemaining is { } r ? $", ~{Format(r)} left" : "";
        return $"{Title}{StepText}: k = {p.Iteration} / {p.MaxIterations}, ‖g‖ = {p.GradientNorm.ToString("G4", Inv)}, " +
               $"{(100 * p.BelowDelta).ToString("0.#", Inv)} % below δ, {Format(p.Elapsed)} elapsed{remaining}";
    }

    /// <summary>A small HTML panel with a progress bar (no script, no chart).</summary>
    public string ToHtml()
    {
        // A finished run fills the bar, also when it stopped before the iteration limit.
        double fraction = Progress switch
        {
            { IsFinal: true } => 1,
            { MaxIterations: > 0 } p => Math.Clamp((double)p.Iteration / p.MaxIterations, 0, 1),
            _ => 0,
        };
        return "<div class=\"prunadag-progress\" style=\"font-family: system-ui, sans-serif; font-size: 0.9em;\">" +
               $"<progress max=\"1\" value=\"{fraction.ToString("0.####", Inv)}\" style=\"width: 20em;\"></progress> " +
               $"<span>{WebUtility.HtmlEncode(ToString())}</span></div>";
    }

    private string StepText => Step is null ? "" : $" ({Step})";

    private static string Format(TimeSpan t) => t.TotalSeconds < 60
        ? t.TotalSeconds.ToString("0.0", Inv) + " s"
        : t.ToString(t.TotalHours >= 1 ? @"h\:mm\:ss" : @"m\:ss", Inv);
}
