using System.Globalization;
using System.Net;
using System.Text;
using PrunAdag.Charts;
using PrunAdag.Experiments;

namespace PrunAdag.Cli.Commands;

/// <summary>
/// The self-contained HTML report of a reproduction, one section per problem laid out like the paper's
/// figures: ‖g_k‖ and the % of |x_i| below δ against k (first seed, all methods), |O_k|, |A_k|, |D_k|
/// against k for each prunAdag variant, the mean table over seeds, and ρ, ω (and test accuracy) against σ.
/// plotly.js is embedded once; nothing is fetched from the network.
/// </summary>
internal static class ReproductionReport
{
    public static string ToHtml(ExperimentResults results, IReadOnlyList<string> notes)
    {
        var plan = results.Plan;
        var report = HtmlReport.Create($"prunAdag reproduction: {plan.Experiment}");
        var intro = new StringBuilder();
        intro.Append(CultureInfo.InvariantCulture,
            $"<p>{plan.Problems.Count} problem(s), {plan.Methods.Count} method(s), {plan.Seeds.Count} seed(s), at most {plan.MaxIterations} iterations. Convergence charts show the first seed; tables and pruning charts show means over the seeds.</p>");
        if (!results.Completed) intro.Append("<p><strong>Incomplete:</strong> the run was interrupted; only finished runs are shown.</p>");
        foreach (var n in notes) intro.Append("<p>Note: ").Append(WebUtility.HtmlEncode(n)).Append("</p>");
        report.AddHtml(intro.ToString());

        foreach (var problem in plan.Problems)
        {
            var records = results.Records.Where(r => r.Problem == problem).ToList();
            if (records.Count == 0) continue;
            report.AddHtml($"<h2>{WebUtility.HtmlEncode(problem)}</h2>");
            var runs = records.Where(r => r.Run is not null).Select(r => r.Run!).ToList();
            if (runs.Count > 0)
            {
                report.AddChart(Figures.Comparison(runs));                       // Fig. 4
                if (Figures.SetSizes(runs) is { } sets) report.AddChart(sets);   // Fig. 2, one panel per variant
            }
            var profiles = ExperimentTables.MeanProfiles(results, problem);
            report.AddHtml(MeanTable(profiles));
            foreach (var chart in Figures.Pruning(profiles)) report.AddChart(chart);
        }
        return report.ToHtml();
    }

    private static string MeanTable(IReadOnlyList<PruningProfile> profiles)
    {
        bool accuracy = profiles.Any(p => p.Points.Any(q => q.Accuracy is not null));
        var sb = new StringBuilder("<table border=\"1\" cellpadding=\"4\" style=\"border-collapse: collapse\"><tr><th>method</th>");
        foreach (var q in profiles[0].Points) sb.Append(CultureInfo.InvariantCulture, $"<th>σ = {q.TargetSparsity * 100:0.#}%</th>");
        sb.Append("</tr>");
        foreach (var p in profiles)
        {
            sb.Append("<tr><td>").Append(WebUtility.HtmlEncode(p.Label)).Append("</td>");
            foreach (var q in p.Points)
                sb.Append("<td>").Append(accuracy
                    ? (q.Accuracy is { } a ? (100 * a).ToString("0.0", CultureInfo.InvariantCulture) + "%" : "")
                    : q.Rho.ToString("0.00e+00", CultureInfo.InvariantCulture)).Append("</td>");
            sb.Append("</tr>");
        }
        sb.Append("</table><p>").Append(accuracy ? "Mean test accuracy after pruning." : "Mean ρ = ‖∇f(x̄)‖ after pruning.").Append("</p>");
        return sb.ToString();
    }
}
