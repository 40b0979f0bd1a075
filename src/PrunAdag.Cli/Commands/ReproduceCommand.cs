using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using PrunAdag.Experiments;
using PrunAdag.IO;

namespace PrunAdag.Cli.Commands;

/// <summary>
/// <c>prunadag reproduce FAMILY</c>: one of the paper's four experiment families over many seeds, in
/// parallel, written to <c>--out</c> as a long-format CSV (appended as runs finish), a Markdown table
/// laid out like the paper's and a self-contained offline HTML report.
/// </summary>
internal static class ReproduceCommand
{
    /// <summary>The knobs of one reproduction.</summary>
    public sealed record Settings
    {
        public required string Family { get; init; }
        public int Seeds { get; init; } = 20;
        public IReadOnlyList<Method>? Methods { get; init; }
        public IReadOnlyList<string>? Problems { get; init; }
        public string? Data { get; init; }
        public int? MaxIterations { get; init; }
        public int Jobs { get; init; } = Environment.ProcessorCount;
        public string? Out { get; init; }
        public string? Cache { get; init; }
    }

    public static Command Create()
    {
        var family = new Argument<string>("family")
        {
            Description = "least-squares (Table 2, Fig. 4), sparco (Table 3, Fig. 5), sparse-coding, or classification (Table 4, Fig. 8).",
        };
        family.AcceptOnlyFromAmong([.. PaperExperiments.Families]);
        var seeds = Options.Int("--seeds", "Number of seeds (instances) per problem; the paper uses 20.", 20, 1);
        var methods = new Option<string?>("--methods") { Description = $"Comma-separated methods among {Method.NameList} (default: {string.Join(",", Method.PaperComparison.Select(m => m.Name))}).", HelpName = "LIST" };
        var problems = new Option<string?>("--problems") { Description = "Comma-separated problem names (default: the family's, e.g. random-ls:A1,...,random-ls:A6; random-ls:A5-01 is the {0,1} reading of A5, kept for comparison).", HelpName = "LIST" };
        var data = new Option<string?>("--data") { Description = "Folder with mnist/, a9a/, reged0/ (default: $PRUNADAG_DATA or a shared/data folder above the current one). Missing data: synthetic stand-ins, flagged in the outputs.", HelpName = "DIR" };
        var maxIter = Options.Int("--max-iter", "Iteration limit (default: 10000; 2000 for classification).", 0);
        var jobs = Options.Int("--jobs", "Parallel runs (results do not depend on it).", Environment.ProcessorCount, 1);
        var outDir = new Option<string?>("--out") { Description = "Output folder (default: prunadag-results/FAMILY).", HelpName = "DIR" };
        var cache = new Option<string?>("--cache") { Description = "Where the learned K-SVD dictionary is cached (default: ~/.cache/prunadag).", HelpName = "DIR" };
        var cmd = new Command("reproduce", "Reproduce one of the paper's experiment families: CSV, Markdown table and an offline HTML report (`reproduce figures`: the figure checks; `reproduce neural`: the neural network beyond the paper).")
        {
            family, seeds, methods, problems, data, maxIter, jobs, outDir, cache,
        };
        cmd.Subcommands.Add(ReproduceFiguresCommand.Create()); // prunadag reproduce figures
        cmd.Subcommands.Add(ReproduceNeuralCommand.Create());  // prunadag reproduce neural (beyond the paper)
        cmd.SetAction(p => Execute(new Settings
        {
            Family = p.GetValue(family)!, Seeds = p.GetValue(seeds), Methods = ParseMethods(p.GetValue(methods)),
            Problems = SplitList(p.GetValue(problems), "--problems"), Data = p.GetValue(data), MaxIterations = p.GetValue(maxIter),
            Jobs = p.GetValue(jobs), Out = p.GetValue(outDir), Cache = p.GetValue(cache),
        }, p.InvocationConfiguration.Output, interruptible: true));
        return cmd;
    }

    /// <summary>
    /// A comma-separated list: null when the option is absent (the default applies). An option given with an empty
    /// list, an empty item or (unless <paramref name="allowRepeats"/>, as for layer sizes) an item listed twice is an
    /// error, so a typo never silently runs everything or twice.
    /// </summary>
    internal static IReadOnlyList<string>? SplitList(string? text, string option, bool allowRepeats = false)
    {
        if (text is null) return null;
        var items = text.Split(',', StringSplitOptions.TrimEntries);
        if (items.All(string.IsNullOrEmpty))
            throw new CliUsageException($"{option}: the list is empty; leave the option out for the default, or name at least one item.");
        if (Array.FindIndex(items, string.IsNullOrEmpty) is var empty and >= 0)
            throw new CliUsageException($"{option}: item {empty + 1} of '{text}' is empty.");
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var item in items)
            if (!allowRepeats && !seen.Add(item))
                throw new CliUsageException($"{option}: '{item}' is listed twice in '{text}'; each may appear once.");
        return items;
    }

    internal static IReadOnlyList<Method>? ParseMethods(string? text)
    {
        if (SplitList(text, "--methods") is not { } items) return null;
        try { return Method.ParseList(string.Join(",", items)); }
        catch (FormatException ex) { throw new CliUsageException("--methods: " + ex.Message); }
    }

    public static int Execute(Settings s, TextWriter stdout, bool interruptible = false, CancellationToken cancellationToken = default)
    {
        if (s.Data is { } d && !Directory.Exists(d))
            throw new CliUsageException($"--data {d}: the folder does not exist.");
        var paper = PaperExperiments.Plan(s.Family, s.Seeds, s.Methods, s.Problems, s.Data, s.MaxIterations, s.Jobs, s.Cache);
        var plan = paper.Plan;
        string outDir = Path.GetFullPath(s.Out ?? Path.Combine("prunadag-results", plan.Experiment));
        int total = plan.Problems.Count * plan.Seeds.Count * plan.Methods.Count;
        stdout.WriteLine($"reproduce {plan.Experiment}: {plan.Problems.Count} problem(s) × {plan.Methods.Count} method(s) × {plan.Seeds.Count} seed(s) = {total} runs, " +
                         $"≤ {plan.MaxIterations} iterations each, {plan.Jobs} job(s).");
        foreach (var note in paper.Notes) stdout.WriteLine($"note: {note}");
        long lastTicks = long.MinValue / 2;
        return ReproductionRun.Execute(plan, outDir, stdout, (r, done, clock) =>
        {
            // One line per finished run, throttled to about four lines a second plus the last one.
            long now = clock.ElapsedTicks;
            if (done != total && now - lastTicks < Stopwatch.Frequency / 4) return null;
            lastTicks = now;
            double elapsed = clock.Elapsed.TotalSeconds, eta = elapsed / done * (total - done);
            return string.Create(CultureInfo.InvariantCulture,
                $"[{done,5}/{total}] {r.Problem} {r.Method.Name} seed {r.Seed}: {r.Iterations} it, ‖g‖ = {r.FinalGradientNorm:G3}; elapsed {elapsed:0}s, ~{eta:0}s left");
        }, (results, _) =>
        {
            var markdown = ExperimentTables.ToMarkdown(results);
            if (paper.Notes.Count > 0)
                markdown += Environment.NewLine + "## Notes" + Environment.NewLine + Environment.NewLine +
                            string.Join(Environment.NewLine, paper.Notes.Select(n => "- " + n)) + Environment.NewLine;
            return (markdown, ReproductionReport.ToHtml(results, paper.Notes));
        }, interruptible, cancellationToken);
    }
}
