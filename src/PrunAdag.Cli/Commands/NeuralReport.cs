using System.Globalization;
using System.Net;
using System.Text;
using PrunAdag.Charts;
using PrunAdag.Experiments;
using PrunAdag.Neural;

namespace PrunAdag.Cli.Commands;

/// <summary>
/// table.md and report.html of <c>prunadag reproduce neural</c>: per problem, test accuracy against σ (mean and min–max
/// over seeds), the sparsity of each layer at σ = 90 %, the training curves (train loss, test accuracy against the epoch)
/// and, for prunAdag, |O_k| / |D_k| against k (first seed).
/// </summary>
internal static class NeuralReport
{
    private static readonly CultureInfo IC = CultureInfo.InvariantCulture;

    /// <summary>σ of the per-layer sparsity table and chart.</summary>
    public const double LayerSigma = 0.9;

    public static string ToMarkdown(ExperimentResults results, IReadOnlyList<string> notes, ReproduceNeuralCommand.Settings s, string seconds)
    {
        var plan = results.Plan;
        var sb = new StringBuilder();
        sb.AppendLine(IC, $"# neural: test accuracy after global magnitude pruning, over {plan.Seeds.Count} seed(s)").AppendLine();
        sb.AppendLine(Settings(plan, s)).AppendLine();
        if (!results.Completed) sb.AppendLine("> **Incomplete**: the run was interrupted; the tables cover the runs that finished.").AppendLine();
        if (ExperimentTables.AbnormalStops(results.Records) is { } stops) sb.AppendLine(stops).AppendLine();
        foreach (var problem in plan.Problems)
        {
            var rows = results.Records.Where(r => r.Problem == problem).ToList();
            if (rows.Count == 0) continue;
            sb.AppendLine(IC, $"## {problem}: test accuracy (%) after pruning σ of the prunable weights, mean (min–max) over seeds").AppendLine();
            sb.Append("| method | runs |");
            foreach (double sigma in plan.Sigmas) sb.Append(IC, $" σ = {sigma * 100:0.#} % |");
            sb.AppendLine().Append("|---|---:|");
            foreach (var _ in plan.Sigmas) sb.Append("---:|");
            sb.AppendLine();
            foreach (var (method, runs) in ByMethod(plan, rows))
            {
                sb.Append(IC, $"| {Label(method, plan)} | {runs.Count} |");
                for (int j = 0; j < plan.Sigmas.Count; j++)
                {
                    var acc = runs.Select(r => 100 * (r.Profile.Points[j].Accuracy ?? double.NaN)).ToArray();
                    sb.Append(IC, $" {acc.Average():0.0}{(acc.Length > 1 ? $" ({acc.Min():0.0}–{acc.Max():0.0})" : "")} |");
                }
                sb.AppendLine();
            }
            sb.AppendLine();
            var layers = LayerTable(plan, rows);
            if (layers.Length > 0) sb.Append(layers).AppendLine();
            sb.Append(TrainingTable(plan, rows)).AppendLine();
        }
        if (notes.Count > 0)
        {
            sb.AppendLine("## Notes").AppendLine();
            foreach (var n in notes) sb.AppendLine("- " + n);
            sb.AppendLine();
        }
        sb.AppendLine(IC, $"{results.Records.Count} runs in {seconds} s with {plan.Jobs} job(s). Command: `prunadag reproduce neural {CommandLine(plan, s)}`.");
        return sb.ToString();
    }

    public static string ToHtml(ExperimentResults results, IReadOnlyList<string> notes, ReproduceNeuralCommand.Settings s, string seconds)
    {
        var plan = results.Plan;
        var report = HtmlReport.Create("prunAdag beyond the paper: pruning a neural network");
        var intro = new StringBuilder("<p>").Append(WebUtility.HtmlEncode(Settings(plan, s))).Append("</p>");
        intro.Append(IC, $"<p>{results.Records.Count} runs in {seconds} s. Command: <code>prunadag reproduce neural {WebUtility.HtmlEncode(CommandLine(plan, s))}</code>.</p>");
        if (!results.Completed) intro.Append("<p><strong>Incomplete:</strong> the run was interrupted; only finished runs are shown.</p>");
        if (ExperimentTables.AbnormalStops(results.Records) is { } stops) intro.Append("<p>").Append(WebUtility.HtmlEncode(stops.TrimStart('>', ' ').Replace("**", ""))).Append("</p>");
        foreach (var n in notes) intro.Append("<p>Note: ").Append(WebUtility.HtmlEncode(n)).Append("</p>");
        report.AddHtml(intro.ToString());
        foreach (var problem in plan.Problems)
        {
            var rows = results.Records.Where(r => r.Problem == problem).ToList();
            if (rows.Count == 0) continue;
            report.AddHtml($"<h2>{WebUtility.HtmlEncode(problem)}</h2>");
            var groups = ByMethod(plan, rows);
            if (rows.All(r => r.Profile.Points.All(p => p.Accuracy is not null)))
                report.AddChart(NeuralCharts.AccuracyAgainstSparsity(groups.Select(g => (Label(g.Method, plan), (IReadOnlyList<PruningProfile>)g.Runs.Select(r => r.Profile).ToList()))));
            var md = ToMarkdown(results with { Records = rows, Plan = plan with { Problems = [problem] } }, [], s, seconds);
            report.AddHtml(MarkdownTables(md));
            int at = IndexOf(plan, LayerSigma);
            var layered = groups.Where(g => at >= 0 && g.Runs.All(r => r.Profile.Points[at].Blocks is not null)).ToList();
            if (layered.Count > 0 && layered[0].Runs[0].Profile.Points[at].Blocks!.Blocks.Count(b => b.Prunable) > 1)
                report.AddChart(NeuralCharts.BlockSparsity(layered.Select(g => (Label(g.Method, plan), MeanSparsity(g.Runs, at))),
                    $"Sparsity of each layer at σ = {LayerSigma * 100:0} % (global magnitude pruning, mean over seeds)"));
            var curves = groups.Where(g => g.Runs.All(r => r.Evaluations is not null)).ToList();
            foreach (var name in new[] { NeuralProblems.TrainLoss, NeuralProblems.TestAccuracy })
                if (curves.Count > 0 && curves.All(g => g.Runs.All(r => r.Evaluations!.Contains(name))))
                    report.AddChart(NeuralCharts.Evaluation(curves.Select(g => (Label(g.Method, plan), (IReadOnlyList<EvaluationTrace>)g.Runs.Select(r => r.Evaluations!).ToList())), name));
            foreach (var run in rows.Where(r => r.Run is not null && r.Method.Classifies).Select(r => r.Run!))
                if (NeuralCharts.OptimisableOverDecreasable(run) is { } chart) report.AddChart(chart);
        }
        return report.ToHtml();
    }

    private static List<(Method Method, List<ExperimentRecord> Runs)> ByMethod(ExperimentPlan plan, List<ExperimentRecord> rows) =>
        [.. plan.Methods.Select(m => (m, rows.Where(r => r.Method == m).ToList())).Where(g => g.Item2.Count > 0)];

    /// <summary>The row label: the prune-and-fine-tune baseline (B6) is named for what its row is.</summary>
    /// <summary>The row label; masked-adam's says whether it fine-tunes (F &gt; 0) or only prunes Adam's weights (F = 0).</summary>
    internal static string Label(Method m, ExperimentPlan plan) => m != Method.MaskedAdam ? m.DisplayName
        : plan.FineTuneEpochs > 0 ? "Adam, pruned, fine-tuned (masked-adam)" : "Adam, pruned, not fine-tuned (masked-adam, F = 0)";

    // What the run did, for the methods and problems it ran only (the default run's text is the sentence of the full set).
    private static string Settings(ExperimentPlan plan, ReproduceNeuralCommand.Settings s)
    {
        bool mlp = plan.Problems.Any(p => p.StartsWith("neural:mnist-mlp", StringComparison.Ordinal));
        bool logistic = plan.Problems.Any(p => p.StartsWith("neural:a9a-logistic", StringComparison.Ordinal));
        bool Ran(Method m) => plan.Methods.Contains(m);
        bool prunAdag = plan.Methods.Any(m => m.Classifies), adagrad = Ran(Method.Adagrad);
        string x0 = mlp && logistic ? "the MLP: He initialisation, biases 0; the logistic regression: the paper's sparse start"
            : mlp ? "He initialisation, biases 0" : "the paper's sparse start";
        var methods = new List<string>();
        string t = "T = a tenth of the prunable weights, one relevant set over all of them";
        if (prunAdag || adagrad)
            methods.Add(string.Create(IC, $"{(prunAdag && adagrad ? "prunAdag and Adagrad" : prunAdag ? "prunAdag" : "Adagrad")}: ς = 0.01, η = {NeuralExperiments.StepScale}{(prunAdag ? ", " + t : "")}"));
        if (Ran(Method.FW1) || Ran(Method.FW2)) methods.Add("FW1 and FW2: the T-support-norm ball of B2 with the library's τ and β (T as prunAdag's)");
        if (Ran(Method.Adam) || Ran(Method.MaskedAdam)) methods.Add("Adam: PyTorch's defaults");
        if (Ran(Method.SFW))
            methods.Add($"SFW: α = 0.1, μ = 0.9, one T-support-norm ball over the weights (T as prunAdag's){(mlp ? " and an L2 ball per bias" : "")}, radius = the ball's norm at x0");
        if (Ran(Method.MaskedAdam))
            methods.Add(string.Create(IC, $"masked-adam: Adam for {s.Epochs - s.FineTuneEpochs} epochs, then per σ global magnitude pruning") +
                (s.FineTuneEpochs > 0 ? " and " + s.FineTuneEpochs.ToString(IC) + " epoch(s) of Adam on the surviving weights" : ", with no fine-tuning (F = 0)"));
        string test = mlp && logistic ? "on the held-out images (mnist-mlp) and the a9a.t rows (a9a-logistic)" : mlp ? "on the held-out images" : "on the a9a.t rows";
        return (s.Overrides is { Count: > 0 } o
            ? $"Overridden for every method that has them: {string.Join(", ", o.Select(kv => $"{kv.Key} = {kv.Value}"))} (the text below gives the defaults). " : "") +
            string.Create(IC, $"{s.Epochs} epochs of mini-batches of {s.BatchSize} per run, seeds 1..{plan.Seeds.Count}; every method of a seed starts from the same x0 ") +
            $"({x0}) and uses the same number of batch gradients. {string.Join("; ", methods)}. " +
            $"Pruning: the ⌈σP⌉ smallest |x_i| of the P prunable weights{(mlp ? " over all layers (biases kept)" : "")}. Test accuracy {test}.";
    }

    private static string CommandLine(ExperimentPlan plan, ReproduceNeuralCommand.Settings s) => string.Create(IC,
        $"--seeds {plan.Seeds.Count} --epochs {s.Epochs} --batch-size {s.BatchSize} --fine-tune-epochs {s.FineTuneEpochs} --methods {string.Join(",", plan.Methods.Select(m => m.Name))}" +
        $" --problems {string.Join(",", plan.Problems.Select(p => p[(p.IndexOf(':') + 1)..]))}{(s.Hidden is { } h ? " --hidden " + string.Join(",", h) : "")}{string.Concat((s.Overrides ?? []).Select(o => $" --option {o.Key}={o.Value}"))}{(s.Stationarity ? " --rho" : "")}");

    private static int IndexOf(ExperimentPlan plan, double sigma)
    {
        for (int j = 0; j < plan.Sigmas.Count; j++) if (Math.Abs(plan.Sigmas[j] - sigma) < 1e-12) return j;
        return -1;
    }

    private static LayoutSparsity MeanSparsity(List<ExperimentRecord> runs, int at)
    {
        var first = runs[0].Profile.Points[at].Blocks!;
        return new LayoutSparsity([.. first.Blocks.Select((b, i) => b with
        {
            Zeros = (int)Math.Round(runs.Average(r => (double)r.Profile.Points[at].Blocks!.Blocks[i].Zeros)),
        })]);
    }

    private static string LayerTable(ExperimentPlan plan, List<ExperimentRecord> rows)
    {
        int at = IndexOf(plan, LayerSigma);
        if (at < 0 || rows.Any(r => r.Profile.Points[at].Blocks is null)) return "";
        var blocks = rows[0].Profile.Points[at].Blocks!.Blocks.Where(b => b.Prunable).Select(b => b.Name).ToArray();
        var sb = new StringBuilder();
        sb.AppendLine(IC, $"### Zeros per layer at σ = {LayerSigma * 100:0} % (global magnitude pruning; mean over seeds, % of each layer)").AppendLine();
        sb.Append("| method |");
        foreach (var b in blocks) sb.Append(IC, $" {b} |");
        sb.AppendLine(" all prunable |").Append("|---|");
        foreach (var _ in blocks) sb.Append("---:|");
        sb.AppendLine("---:|");
        foreach (var (method, runs) in ByMethod(plan, rows))
        {
            sb.Append(IC, $"| {Label(method, plan)} |");
            foreach (var b in blocks) sb.Append(IC, $" {100 * runs.Average(r => r.Profile.Points[at].Blocks![b].Sparsity):0.0} |");
            sb.AppendLine(IC, $" {100 * runs.Average(r => r.Profile.Points[at].Blocks!.Prunable):0.0} |");
        }
        return sb.ToString();
    }

    private static string TrainingTable(ExperimentPlan plan, List<ExperimentRecord> rows)
    {
        var sb = new StringBuilder();
        sb.AppendLine("### Training (mean over seeds; the last evaluation, on the unpruned model)").AppendLine();
        sb.AppendLine("| method | iterations | train loss | test loss | test accuracy (%) | seconds per run | below δ at the end (%, first seed) |").AppendLine("|---|---:|---:|---:|---:|---:|---:|");
        foreach (var (method, runs) in ByMethod(plan, rows))
        {
            string Value(string name, double scale, string format) => runs.All(r => r.Evaluations?.Contains(name) == true)
                ? (scale * runs.Average(r => r.Evaluations!.Last(name))).ToString(format, IC) : "—";
            sb.AppendLine(IC, $"| {Label(method, plan)} | {runs.Average(r => r.Iterations):0} | {Value(NeuralProblems.TrainLoss, 1, "0.0000")} | {Value(NeuralProblems.TestLoss, 1, "0.0000")} | {Value(NeuralProblems.TestAccuracy, 100, "0.0")} | {runs.Average(r => r.Seconds):0.0} | {(runs.FirstOrDefault(r => r.Run is not null)?.Run is { } first ? (100 * first.FinalBelowDelta).ToString("0.0", IC) : "—")} |");
        }
        return sb.ToString();
    }

    // The Markdown tables of one problem as HTML tables (the report shows the same numbers as table.md).
    private static string MarkdownTables(string markdown)
    {
        var html = new StringBuilder();
        var lines = markdown.Split('\n').Select(l => l.TrimEnd('\r')).ToArray();
        for (int i = 0; i < lines.Length; i++)
        {
            string line = lines[i];
            if (line.StartsWith("## ", StringComparison.Ordinal) || line.StartsWith("### ", StringComparison.Ordinal))
                html.Append("<h3>").Append(WebUtility.HtmlEncode(line.TrimStart('#', ' '))).Append("</h3>");
            else if (line.StartsWith('|'))
            {
                html.Append("<table border=\"1\" cellpadding=\"4\" style=\"border-collapse: collapse\">");
                bool header = true;
                for (; i < lines.Length && lines[i].StartsWith('|'); i++)
                {
                    if (lines[i].StartsWith("|---", StringComparison.Ordinal)) continue;
                    var cells = lines[i].Trim('|').Split('|').Select(c => WebUtility.HtmlEncode(c.Trim()));
                    string tag = header ? "th" : "td";
                    html.Append("<tr>").AppendJoin("", cells.Select(c => $"<{tag}>{c}</{tag}>")).Append("</tr>");
                    header = false;
                }
                html.Append("</table>");
                i--;
            }
        }
        return html.ToString();
    }
}
