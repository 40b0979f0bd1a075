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

    /// <summary>
    /// Each family's help: what it reproduces, its default problems and its iteration limit, as PaperExperiments.Plan has
    /// them (ReproduceCommandTests checks the problems against the plan). In the order of <see cref="PaperExperiments.Families"/>.
    /// </summary>
    private static readonly IReadOnlyDictionary<string, (string What, string Problems, int MaxIterations)> FamilyHelp =
        new Dictionary<string, (string, string, int)>
        {
            ["least-squares"] = ("Table 2 and Fig. 4: random under-determined least squares, the matrix classes A1-A6.",
                "random-ls:A1,random-ls:A2,random-ls:A3,random-ls:A4,random-ls:A5,random-ls:A6; random-ls:A5-01 is the {0,1} reading of A5, kept for comparison", 10_000),
            ["sparco"] = ("Table 3 and Fig. 5: the SPARCO problems.", "sparco:3,sparco:5,sparco:7,sparco:9,sparco:11", 10_000),
            ["sparse-coding"] = ("Figs. 6-7: sparse coding of MNIST images on a learned K-SVD dictionary.", "sparse-coding:mnist", 10_000),
            ["classification"] = ("Table 4 and Fig. 8: logistic regression on MNIST (even/odd), A9A and REGED0.",
                "classification:mnist,classification:a9a,classification:reged0", 2_000),
        };

    /// <summary>
    /// <c>prunadag reproduce</c>: one subcommand per paper family, then <c>figures</c> and <c>neural</c>. Each family is a
    /// command of its own rather than an argument of <c>reproduce</c>, so the help of every subcommand shows the line a
    /// user types (<c>prunadag reproduce neural</c>, not <c>prunadag reproduce &lt;family&gt; neural</c>) and an unknown
    /// name is answered with all six.
    /// </summary>
    public static Command Create()
    {
        var cmd = new Command("reproduce", "Reproduce one of the paper's experiment families: CSV, Markdown table and an offline HTML report (`reproduce figures`: the figure checks; `reproduce neural`: the neural network beyond the paper).");
        foreach (var family in PaperExperiments.Families) cmd.Subcommands.Add(FamilyCommand(family));
        cmd.Subcommands.Add(ReproduceFiguresCommand.Create()); // prunadag reproduce figures
        cmd.Subcommands.Add(ReproduceNeuralCommand.Create());  // prunadag reproduce neural (beyond the paper)
        return cmd;
    }

    /// <summary><c>prunadag reproduce FAMILY</c> for one of <see cref="PaperExperiments.Families"/>.</summary>
    private static Command FamilyCommand(string family)
    {
        var seeds = Options.Int("--seeds", "Number of seeds (instances) per problem; the paper uses 20.", 20, 1);
        var methods = new Option<string?>("--methods") { Description = $"Comma-separated methods among {string.Join(", ", PaperExperiments.Methods.Select(m => m.Name))} (default: {string.Join(",", Method.PaperComparison.Select(m => m.Name))}).", HelpName = "LIST" };
        var help = FamilyHelp[family];
        var problems = new Option<string?>("--problems") { Description = $"Comma-separated problem names (default: {help.Problems}).", HelpName = "LIST" };
        var data = new Option<string?>("--data") { Description = "Folder with mnist/, a9a/, reged0/ (default: $PRUNADAG_DATA or a shared/data folder above the current one). Missing data: synthetic stand-ins, flagged in the outputs.", HelpName = "DIR" };
        var maxIter = Options.Int("--max-iter", $"Iteration limit (default: {help.MaxIterations}).", 0);
        var jobs = Options.Int("--jobs", "Parallel runs (results do not depend on it).", Environment.ProcessorCount, 1);
        var outDir = new Option<string?>("--out") { Description = $"Output folder (default: prunadag-results/{family}).", HelpName = "DIR" };
        var cache = new Option<string?>("--cache") { Description = "Where the learned K-SVD dictionary of sparse-coding:mnist is cached (default: ~/.cache/prunadag).", HelpName = "DIR" };
        var cmd = new Command(family, help.What + " Writes a CSV, a Markdown table and an offline HTML report.")
        {
            seeds, methods, problems, data, maxIter, jobs, outDir, cache,
        };
        cmd.SetAction(p => Execute(new Settings
        {
            Family = family, Seeds = p.GetValue(seeds), Methods = ParseMethods(p.GetValue(methods)),
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
        if (s.Data is { } d) PathChecks.InputFolder("--data", d);
        if (s.Cache is { } cacheDir) PathChecks.OutputFolder("--cache", cacheDir); // before K-SVD's minute of work, not after it
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
