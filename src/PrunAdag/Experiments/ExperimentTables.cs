using System.Globalization;
using System.Text;

namespace PrunAdag.Experiments;

/// <summary>Markdown tables laid out like the paper's Tables 2–4: one row per method, one column per σ, means over seeds.</summary>
public static class ExperimentTables
{
    /// <summary>
    /// A Markdown note naming each run that did not end by converging or at its iteration limit (a non-finite gradient, a
    /// time limit): the tables average such runs with the others, so the reader must know. Null when there is none.
    /// </summary>
    public static string? AbnormalStops(IEnumerable<ExperimentRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        var odd = records.Where(r => r.StopReason is not (StopReason.Converged or StopReason.IterationLimit)).ToList();
        if (odd.Count == 0) return null;
        return "> **Runs that stopped early** (their rows are those of their last iterate): " + string.Join("; ", odd.Select(r =>
            string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{r.Method.Name} seed {r.Seed} on {r.Problem}: {r.StopReason} after {r.Iterations} iterations"))) + ".";
    }

    /// <summary>
    /// For each problem, a table of the mean ρ (least squares; the paper's Tables 2 and 3) or the mean
    /// test accuracy in % (classification; Table 4) over seeds, with mean iterations and final ‖g‖.
    /// </summary>
    public static string ToMarkdown(ExperimentResults results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var sb = new StringBuilder();
        var plan = results.Plan;
        sb.AppendLine($"# {plan.Experiment}: means over {plan.Seeds.Count} seed(s)");
        sb.AppendLine();
        if (!results.Completed) sb.AppendLine("> **Incomplete**: the run was interrupted; means are over the runs that finished.").AppendLine();
        if (AbnormalStops(results.Records) is { } stops) sb.AppendLine(stops).AppendLine();
        foreach (var problem in plan.Problems)
        {
            var rows = results.Records.Where(r => r.Problem == problem).ToList();
            if (rows.Count == 0) continue;
            bool accuracy = rows.Any(r => r.Profile.Points.Any(p => p.Accuracy is not null));
            string measure = accuracy ? "test accuracy (%)" : "ρ = ‖∇f(x̄)‖";
            sb.AppendLine($"## {problem}: {measure} after pruning σ of the components");
            sb.AppendLine();
            sb.Append("| method | runs | iterations | final ‖g‖ |");
            foreach (double s in plan.Sigmas) sb.Append(CultureInfo.InvariantCulture, $" σ = {s * 100:0.#}% |");
            sb.AppendLine();
            sb.Append("|---|---:|---:|---:|");
            foreach (var _ in plan.Sigmas) sb.Append("---:|");
            sb.AppendLine();
            foreach (var method in plan.Methods)
            {
                var runs = rows.Where(r => r.Method == method).ToList();
                if (runs.Count == 0) continue;
                sb.Append(CultureInfo.InvariantCulture,
                    $"| {method.DisplayName} | {runs.Count} | {runs.Average(r => r.Iterations):0} | {Fmt(runs.Average(r => r.FinalGradientNorm))} |");
                for (int j = 0; j < plan.Sigmas.Count; j++)
                {
                    double mean = accuracy
                        ? runs.Average(r => (r.Profile.Points[j].Accuracy ?? double.NaN) * 100)
                        : runs.Average(r => r.Profile.Points[j].Rho);
                    sb.Append(' ').Append(accuracy ? mean.ToString("0.0", CultureInfo.InvariantCulture) : Fmt(mean)).Append(" |");
                }
                sb.AppendLine();
            }
            sb.AppendLine();
        }
        return sb.ToString();
    }

    /// <summary>
    /// The mean pruning profile of each method on <paramref name="problem"/>: ρ, ω, achieved sparsity and
    /// accuracy averaged over the seeds that ran (what the paper's tables and pruning figures show).
    /// </summary>
    public static IReadOnlyList<PruningProfile> MeanProfiles(ExperimentResults results, string problem)
    {
        ArgumentNullException.ThrowIfNull(results);
        var list = new List<PruningProfile>();
        foreach (var method in results.Plan.Methods)
        {
            var runs = results.Records.Where(r => r.Problem == problem && r.Method == method).ToList();
            if (runs.Count == 0) continue;
            var points = new List<PruningPoint>();
            for (int j = 0; j < results.Plan.Sigmas.Count; j++)
            {
                var at = runs.Select(r => r.Profile.Points[j]).ToList();
                double? accuracy = at.All(p => p.Accuracy is not null) ? at.Average(p => p.Accuracy!.Value) : null;
                points.Add(new PruningPoint(results.Plan.Sigmas[j], at.Average(p => p.AchievedSparsity), at.Average(p => p.Rho), at.Average(p => p.Omega), accuracy));
            }
            list.Add(new PruningProfile($"{method.DisplayName} (mean of {runs.Count})", points));
        }
        return list;
    }

    private static string Fmt(double v) => double.IsFinite(v) ? v.ToString("0.00e+00", CultureInfo.InvariantCulture) : v.ToString(CultureInfo.InvariantCulture);
}
