using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using PrunAdag.Experiments;
using PrunAdag.IO;

namespace PrunAdag.Cli.Commands;

/// <summary>
/// <c>prunadag reproduce neural</c>: the experiment beyond the paper (docs/algorithm.md E5), a network trained on
/// mini-batches by every method from the same initial weights and pruned by global magnitude, with the same outputs
/// as the other families: <c>results.csv</c> (appended as runs finish), <c>table.md</c> and <c>report.html</c>.
/// </summary>
internal static class ReproduceNeuralCommand
{
    /// <summary>The knobs of one invocation.</summary>
    public sealed record Settings
    {
        public int Seeds { get; init; } = 3;
        public IReadOnlyList<Method>? Methods { get; init; }
        public IReadOnlyList<string>? Problems { get; init; }
        public int Epochs { get; init; } = NeuralExperiments.DefaultEpochs;
        public int BatchSize { get; init; } = Neural.NeuralProblems.DefaultBatchSize;
        public int FineTuneEpochs { get; init; } = 1;
        public bool Stationarity { get; init; }
        public IReadOnlyList<int>? Hidden { get; init; }
        public IReadOnlyList<KeyValuePair<string, string>>? Overrides { get; init; }
        public string? Data { get; init; }
        public int Jobs { get; init; } = Environment.ProcessorCount;
        public string? Out { get; init; }
    }

    public static Command Create()
    {
        var seeds = Options.Int("--seeds", "Number of seeds; every method of one seed starts from the same initial weights.", 3, 1);
        var methods = new Option<string?>("--methods")
        {
            Description = $"Comma-separated methods among {Method.NameList} (default: {string.Join(",", NeuralExperiments.DefaultMethods.Select(m => m.Name))}; " +
                          "masked-adam is the train-dense, prune, fine-tune baseline).",
            HelpName = "LIST",
        };
        var problems = new Option<string?>("--problems") { Description = "Comma-separated problems: mnist-mlp (default), a9a-logistic, or their -synthetic stand-ins.", HelpName = "LIST" };
        var epochs = Options.Int("--epochs", "Epochs of every run.", NeuralExperiments.DefaultEpochs, 1);
        var batch = Options.Int("--batch-size", "The batch size.", Neural.NeuralProblems.DefaultBatchSize, 1);
        var fineTune = Options.Int("--fine-tune-epochs", "F: masked-adam trains dense for epochs − F epochs, prunes, then fine-tunes F epochs.", 1, 0);
        var hidden = new Option<string?>("--hidden") { Description = "The MLP's hidden layer sizes, comma-separated (default 256,128: the 784-256-128-10 network).", HelpName = "LIST" };
        var option = new Option<string[]>("--option")
        {
            Description = "NAME=VALUE: set a method parameter (as in `prunadag run`, e.g. step-scale=0.03) for every method of the run that has it; repeatable.",
            HelpName = "NAME=VALUE",
        };
        var rho = new Option<bool>("--rho") { Description = "Also compute ρ and ω at each σ (one full-data gradient per σ and run; off by default)." };
        var data = new Option<string?>("--data") { Description = "Folder with mnist/ and a9a/ (default: $PRUNADAG_DATA or a shared/data folder above the current one). Missing data: synthetic stand-ins, flagged in the outputs.", HelpName = "DIR" };
        var jobs = Options.Int("--jobs", "Parallel runs (results do not depend on it).", Environment.ProcessorCount, 1);
        var outDir = new Option<string?>("--out") { Description = "Output folder (default: prunadag-results/neural).", HelpName = "DIR" };
        var cmd = new Command("neural", "Beyond the paper: an MLP on MNIST trained on mini-batches by prunAdag, Adagrad, Adam, SFW and prune-and-fine-tune, pruned at σ = 0..98 %: CSV, Markdown and an offline HTML report.")
        {
            seeds, methods, problems, epochs, batch, fineTune, hidden, option, rho, data, jobs, outDir,
        };
        cmd.SetAction(p => Execute(new Settings
        {
            Seeds = p.GetValue(seeds), Methods = ReproduceCommand.ParseMethods(p.GetValue(methods)),
            Problems = ReproduceCommand.SplitList(p.GetValue(problems), "--problems"), Epochs = p.GetValue(epochs), BatchSize = p.GetValue(batch),
            FineTuneEpochs = p.GetValue(fineTune), Stationarity = p.GetValue(rho), Hidden = ParseHidden(p.GetValue(hidden)), Overrides = ParseOverrides(p.GetValue(option)), Data = p.GetValue(data), Jobs = p.GetValue(jobs), Out = p.GetValue(outDir),
        }, p.InvocationConfiguration.Output, interruptible: true));
        return cmd;
    }

    private static IReadOnlyList<int>? ParseHidden(string? text)
    {
        if (ReproduceCommand.SplitList(text, "--hidden", allowRepeats: true) is not { } items) return null;
        var sizes = new List<int>();
        foreach (var item in items)
            sizes.Add(int.TryParse(item, NumberStyles.Integer, CultureInfo.InvariantCulture, out int h) && h >= 1 ? h
                : throw new CliUsageException($"--hidden: '{item}' is not a positive layer size (write e.g. --hidden 256,128)."));
        return sizes;
    }

    private static IReadOnlyList<KeyValuePair<string, string>>? ParseOverrides(string[]? items)
    {
        if (items is null || items.Length == 0) return null;
        var list = new List<KeyValuePair<string, string>>();
        foreach (var item in items)
        {
            int eq = item.IndexOf('=');
            if (eq <= 0 || eq == item.Length - 1) throw new CliUsageException($"--option: '{item}' is not NAME=VALUE (write e.g. --option step-scale=0.03).");
            list.Add(new(item[..eq].Trim(), item[(eq + 1)..].Trim()));
        }
        return list;
    }

    public static int Execute(Settings s, TextWriter stdout, bool interruptible = false, CancellationToken cancellationToken = default)
    {
        if (s.Data is { } d) PathChecks.InputFolder("--data", d);
        PaperPlan paper;
        try
        {
            paper = NeuralExperiments.Plan(s.Seeds, s.Methods, s.Problems, s.Data, s.Epochs, s.BatchSize, s.Jobs, s.FineTuneEpochs, s.Stationarity, s.Hidden, s.Overrides);
        }
        catch (ArgumentException ex) when (ex.ParamName == "problems") { throw new CliUsageException("--problems: " + CliApp.WithoutParameterNames(ex.Message)); }
        // F matters only to masked-adam, and the plan refuses F ≥ epochs only when it runs: said in the options' names here.
        catch (ArgumentOutOfRangeException ex) when (ex.ParamName == "fineTuneEpochs" && s.FineTuneEpochs > 0)
        {
            throw new CliUsageException($"--fine-tune-epochs must be below --epochs ({s.Epochs}) when masked-adam runs, as it trains dense for " +
                                        $"epochs − F epochs first; got {s.FineTuneEpochs}. Give more epochs, --fine-tune-epochs 0, or leave masked-adam out.");
        }
        var plan = paper.Plan;
        string outDir = Path.GetFullPath(s.Out ?? Path.Combine("prunadag-results", plan.Experiment));
        int total = plan.Problems.Count * plan.Seeds.Count * plan.Methods.Count;
        stdout.WriteLine($"reproduce neural: {plan.Problems.Count} problem(s) × {plan.Methods.Count} method(s) × {plan.Seeds.Count} seed(s) = {total} runs, " +
                         $"{s.Epochs} epochs of batches of {s.BatchSize} each, {plan.Jobs} job(s).");
        foreach (var note in paper.Notes) stdout.WriteLine($"note: {note}");
        return ReproductionRun.Execute(plan, outDir, stdout, (r, done, clock) =>
        {
            double accuracy = r.Profile.Points.FirstOrDefault(p => p.TargetSparsity == 0.9)?.Accuracy ?? double.NaN;
            return string.Create(CultureInfo.InvariantCulture,
                $"[{done,3}/{total}] {r.Problem} {r.Method.Name} seed {r.Seed}: {r.Seconds:0.0} s, test accuracy {100 * (r.Profile.Points[0].Accuracy ?? double.NaN):0.0} % dense, {100 * accuracy:0.0} % at σ = 90 %; elapsed {clock.Elapsed.TotalSeconds:0} s");
        }, (results, seconds) => (NeuralReport.ToMarkdown(results, paper.Notes, s, seconds), NeuralReport.ToHtml(results, paper.Notes, s, seconds)),
            interruptible, cancellationToken);
    }
}
