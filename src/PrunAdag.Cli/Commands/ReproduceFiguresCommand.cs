using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using PrunAdag.Charts;
using PrunAdag.Data;
using PrunAdag.Experiments;
using PrunAdag.IO;
using PrunAdag.Problems;
using PrunAdag.Problems.Classification;

namespace PrunAdag.Cli.Commands;

/// <summary>
/// <c>prunadag reproduce figures</c>: the checks of docs/reproduction.md that the paper draws as figures rather
/// than tables (Figs. 1, 2, 3 and 5), the A5 study (the ±1 and {0, 1} readings of A5, docs/algorithm.md C8)
/// and the A9A zero-score study (C9). Each check runs its few seeds in parallel and writes, in its own folder
/// under <c>--out</c>, <c>runs.csv</c> (one row per run with the figure's quantities), <c>results.csv</c> (the
/// long format of <c>reproduce</c>), <c>table.md</c> (the check's summary, then the mean ρ tables) and a
/// self-contained <c>report.html</c>. Results do not depend on <c>--jobs</c>.
/// </summary>
internal static class ReproduceFiguresCommand
{
    /// <summary>The knobs of one invocation.</summary>
    public sealed record Settings
    {
        /// <summary>Check names (null: every check that needs no data).</summary>
        public IReadOnlyList<string>? Figures { get; init; }
        /// <summary>Seeds 1..N for every chosen check (null: each check's own number).</summary>
        public int? Seeds { get; init; }
        /// <summary>Iteration limit for every chosen check (null: each check's own).</summary>
        public int? MaxIterations { get; init; }
        public string? Data { get; init; }
        public int Jobs { get; init; } = Environment.ProcessorCount;
        public string? Out { get; init; }
    }

    public static Command Create()
    {
        var figure = new Option<string?>("--figure")
        {
            Description = "Comma-separated checks: " + string.Join(", ", Checks.Select(c => c.Name)) +
                          ", or all (default: every check that needs no data: " + string.Join(",", Checks.Where(c => !c.NeedsData).Select(c => c.Name)) + ").",
            HelpName = "LIST",
        };
        var seeds = Options.Int("--seeds", "Seeds 1..N for every chosen check (default: each check's own, 2 to 10).", 1);
        var maxIter = Options.Int("--max-iter", "Iteration limit for every chosen check (default: each check's own).", 0);
        var data = new Option<string?>("--data") { Description = "Folder with a9a/ (a9a-ties only; default: $PRUNADAG_DATA or a shared/data folder above the current one).", HelpName = "DIR" };
        var jobs = Options.Int("--jobs", "Parallel runs (results do not depend on it).", Environment.ProcessorCount, 1);
        var outDir = new Option<string?>("--out") { Description = "Output folder; each check writes a subfolder (default: prunadag-results/figures).", HelpName = "DIR" };
        var cmd = new Command("figures", "The figure checks of docs/reproduction.md (Figs. 1-3 and 5, the A5 and A9A studies): CSV, Markdown and an offline HTML report per check.")
        {
            figure, seeds, maxIter, data, jobs, outDir,
        };
        cmd.SetAction(p => Execute(new Settings
        {
            // The lists' rule of every reproduce command: no empty item, none twice (`all` may still overlap a name).
            Figures = ReproduceCommand.SplitList(p.GetValue(figure), "--figure"),
            Seeds = p.GetValue(seeds), MaxIterations = p.GetValue(maxIter), Data = p.GetValue(data), Jobs = p.GetValue(jobs), Out = p.GetValue(outDir),
        }, p.InvocationConfiguration.Output, interruptible: true));
        return cmd;
    }

    public static int Execute(Settings s, TextWriter stdout, bool interruptible = false, CancellationToken cancellationToken = default)
    {
        var chosen = Choose(s.Figures);
        if (s.Data is { } d) PathChecks.InputFolder("--data", d);
        foreach (var c in chosen.Where(c => c.NeedsData))
        {
            try { DataLocator.Require(s.Data, Path.Combine("a9a", "a9a.gz")); }
            catch (FileNotFoundException ex) { throw new CliUsageException($"--figure {c.Name} needs the A9A data: {ex.Message}"); }
        }
        string root = Path.GetFullPath(s.Out ?? Path.Combine("prunadag-results", "figures"));
        bool createdRoot = PathChecks.OutputFolder("--out", s.Out ?? root); // before the runs, which take minutes, not after them
        try { return Write(chosen, s, root, stdout, interruptible, cancellationToken); }
        catch when (createdRoot && Directory.Exists(root) && !Directory.EnumerateFileSystemEntries(root).Any())
        {
            // A failed check (e.g. a broken data file) leaves no empty folder behind; an interruption writes its notes first.
            Directory.Delete(root);
            throw;
        }
    }

    private static int Write(List<Check> chosen, Settings s, string root, TextWriter stdout, bool interruptible, CancellationToken cancellationToken)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var interruption = new Interruption(cts, interruptible);
        var clock = Stopwatch.StartNew();
        foreach (var check in chosen)
        {
            var run = check with { Seeds = s.Seeds ?? check.Seeds, MaxIterations = s.MaxIterations ?? check.MaxIterations };
            int total = run.Problems.Count * run.Seeds * run.Targets.Count * run.Methods.Count;
            stdout.WriteLine($"figures {run.Name}: {run.Title}; {total} runs (seeds 1..{run.Seeds}, ≤ {run.MaxIterations} iterations), {s.Jobs} job(s).");
            var start = clock.Elapsed;
            var runs = RunAll(run, s.Data, s.Jobs, stdout, cts.Token);
            if (runs is null)
            {
                stdout.WriteLine($"interrupted during {run.Name}: nothing written for it.");
                return ExitCodes.Interrupted;
            }
            string dir = Path.Combine(root, run.Name);
            Directory.CreateDirectory(dir);
            var context = new Context(run, runs, s.Data);
            var tables = run.Summarise(context);
            var results = context.AsExperimentResults();
            AtomicFile.WriteAllText(Path.Combine(dir, "runs.csv"), RunsCsv(run.Name, runs));
            ExperimentCsv.Write(Path.Combine(dir, "results.csv"), results.Records);
            var markdown = new StringBuilder();
            markdown.AppendLine($"# {run.Name}: {run.Title}").AppendLine();
            markdown.AppendLine(run.Claim).AppendLine();
            markdown.AppendLine(CultureInfo.InvariantCulture, $"Seeds 1..{run.Seeds}, at most {run.MaxIterations} iterations, δ = 1e-3, gtol = 1e-9. Command: `prunadag reproduce figures --figure {run.Name}`.").AppendLine();
            foreach (var t in tables) markdown.Append(t.ToMarkdown());
            // The mean tables exactly as `reproduce` writes them, under a heading of this page's level.
            var means = ExperimentTables.ToMarkdown(results);
            markdown.AppendLine(CultureInfo.InvariantCulture, $"## Means over {run.Seeds} seed(s), as `reproduce` tabulates them").AppendLine();
            markdown.Append(means[means.IndexOf('\n')..].TrimStart('\n', '\r'));
            AtomicFile.WriteAllText(Path.Combine(dir, "table.md"), markdown.ToString());
            AtomicFile.WriteAllText(Path.Combine(dir, "report.html"), Html(context, tables));
            stdout.WriteLine();
            foreach (var t in tables) stdout.Write(t.ToMarkdown());
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{run.Name}: {runs.Count} runs in {(clock.Elapsed - start).TotalSeconds:0.0} s; wrote {dir}{Path.DirectorySeparatorChar}(runs.csv, results.csv, table.md, report.html)"));
            stdout.WriteLine();
        }
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{chosen.Count} check(s) in {clock.Elapsed.TotalSeconds:0.0} s."));
        return ExitCodes.Success;
    }

    private static List<Check> Choose(IReadOnlyList<string>? names)
    {
        if (names is null) return Checks.Where(c => !c.NeedsData).ToList();
        if (names.Count == 0) throw new CliUsageException("--figure: the list is empty; expected " + ValidNames + ".");
        // "all" stands alone: with it, any other name would be listed twice.
        if (names.Any(n => string.Equals(n, "all", StringComparison.OrdinalIgnoreCase)))
            return names.Count == 1 ? [.. Checks] : throw new CliUsageException($"--figure: 'all' already names every check; give it alone, or list the checks ({string.Join(",", names)}).");
        var list = new List<Check>();
        foreach (var name in names)
        {
            var check = Checks.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase))
                ?? throw new CliUsageException($"--figure: unknown check '{name}'; expected {ValidNames}.");
            if (!list.Contains(check)) list.Add(check);
        }
        return list;
    }

    private static string ValidNames => string.Join(", ", Checks.Select(c => c.Name)) + " or all";

    // ---- the checks -------------------------------------------------------------------------------------------

    private static readonly Method[] Variants = [Method.V1, Method.V2, Method.V3, Method.V4];

    /// <summary>Every check, in the order of docs/reproduction.md.</summary>
    internal static IReadOnlyList<Check> Checks { get; } =
    [
        new("fig1", "Fig. 1, relevant-only against V1-V4 on A3", "least-squares", ["random-ls:A3"],
            [.. Variants, Method.RelevantOnly], [null], 3, 5000, [0.1, 0.3, 0.5],
            "Paper (Fig. 1, A3): relevant-only (O_k = R_k, no acceptable set; its decreasable step uses V3's a_i) leaves far fewer " +
            "components below δ and is much less robust to pruning, and it does not converge faster, except than V3.",
            c => [c.MethodTable("Per method over the seeds (ranges are min–max)", Cols.Converged, Cols.Iterations, Cols.BelowDelta, Cols.Rho(0.1), Cols.Rho(0.5))]),
        new("fig2", "Fig. 2, |O_k|, |A_k|, |D_k| on A1", "least-squares", ["random-ls:A1"],
            Variants, [null], 3, 10_000, [0.1, 0.3, 0.5],
            "Paper (Fig. 2, A1): V3 and V4 keep the most components decreasable (largest |D_k|) and are the most robust; " +
            "for V1/V3 the speed grows with |A_k|.",
            c => [c.MethodTable("Per method over the seeds (ranges are min–max; set sizes are means over the first 1000 iterations)",
                Cols.SetMean("mean |O_k|", t => t.Optimisable!), Cols.SetMean("mean |A_k|", t => t.Acceptable!), Cols.SetMean("mean |D_k|", t => t.Decreasable!),
                Cols.AcceptableAtZero, Cols.Converged, Cols.Iterations, Cols.BelowDelta)]),
        new("fig3", "Fig. 3, the influence of T on A1", "least-squares", ["random-ls:A1"],
            [Method.V2, Method.V3], [25, 50, 100, 200, 400], 2, 3000, [0.1, 0.3, 0.5],
            "Paper (Fig. 3, A1): a smaller T does not always give more small components (V2), while V3 is more consistent: " +
            "a smaller T gives more small components and slower convergence.",
            c => [c.TargetTable()]),
        new("fig5", "Fig. 5, every method on SPARCO S11", "sparco", ["sparco:11"],
            [.. Variants, Method.Adagrad, Method.FW1, Method.FW2], [null], 3, 10_000, [0.2, 0.3, 0.4, 0.5],
            "Paper (Fig. 5, S11): FW2 is the fastest but, like Adagrad, not robust; V3 reaches the tolerance and has the lowest ρ " +
            "and ω up to 50 % pruning; every prunAdag variant beats Adagrad.",
            c => [c.MethodTable("Per method over the seeds (ranges are min–max; ω is the mean over the seeds)",
                Cols.Converged, Cols.Iterations, Cols.FirstBelow(1e-3), Cols.BelowDelta, Cols.Omega(0.2), Cols.Omega(0.3), Cols.Omega(0.4))]),
        new("a5", "the A5 study, ±1/√m (random-ls:A5) against {0,1}/√m (random-ls:A5-01)", "least-squares", ["random-ls:A5", "random-ls:A5-01"],
            [.. Variants, Method.Adagrad, Method.FW1, Method.FW2], [null], 10, 10_000, [0.1, 0.2, 0.3, 0.4, 0.5],
            "The paper's A5 Adagrad column is within a few per cent of its A1 column in every cell. Which reading of \"Bernoulli\" " +
            "behaves like that (docs/algorithm.md, C8)?",
            c => [c.A5Table(mean: true), c.A5Table(mean: false)]),
        new("a9a-ties", "A9A after heavy pruning: test scores of exactly 0", "classification", ["classification:a9a"],
            [Method.V3, Method.Adagrad, Method.FW1], [null], 3, 2000, [0.8, 0.85],
            "After 80–85 % pruning of A9A's 123 binary features (no bias term) many test rows score exactly 0. " +
            "The accuracy then depends on the label a zero score predicts (docs/algorithm.md, C9: −1).",
            c => [c.TieTable()]) { NeedsData = true },
    ];

    /// <summary>One check: what to run and how to summarise it.</summary>
    internal sealed record Check(string Name, string Title, string Family, IReadOnlyList<string> Problems, IReadOnlyList<Method> Methods,
        IReadOnlyList<int?> Targets, int Seeds, int MaxIterations, IReadOnlyList<double> Sigmas, string Claim,
        Func<Context, IReadOnlyList<Table>> Summarise)
    {
        public bool NeedsData { get; init; }

        /// <summary>The label of a (problem, T) pair in tables: the problem, with " (T = t)" when T is varied.</summary>
        public string Label(string problem, int? t) => t is null ? problem : $"{problem} (T = {t})";
    }

    /// <summary>One finished run.</summary>
    internal sealed record FigureRun(string Problem, string Label, int Seed, Method Method, MinimizationResult Result, PruningProfile Profile, double Seconds);

    // ---- running ----------------------------------------------------------------------------------------------

    private static List<FigureRun>? RunAll(Check check, string? data, int jobs, TextWriter stdout, CancellationToken token)
    {
        var units = (from p in check.Problems from seed in Enumerable.Range(1, check.Seeds) select (Problem: p, Seed: seed)).ToArray();
        var slots = new List<FigureRun>?[units.Length];
        var gate = new object();
        int done = 0, total = units.Length * check.Targets.Count * check.Methods.Count;
        // The family's settings (the Frank–Wolfe τ1, τ2, β of docs/algorithm.md, B2) and the check's iteration limit.
        var settings = PaperExperiments.Plan(check.Family, 1, check.Methods, [check.Problems[0]], data, check.MaxIterations, 1).Plan.Options!;
        try
        {
            Parallel.For(0, units.Length, new ParallelOptions { MaxDegreeOfParallelism = jobs, CancellationToken = token }, u =>
            {
                var (name, seed) = units[u];
                var problem = ProblemCatalog.Create(name, seed, data);
                var list = new List<FigureRun>();
                foreach (var t in check.Targets)
                    foreach (var method in check.Methods)
                    {
                        if (token.IsCancellationRequested) return;
                        var ms = settings(method, problem);
                        if (t is { } target) ms = ms.WithTargetRelevant(target);
                        var clock = Stopwatch.StartNew();
                        var result = Minimizer.Create(method, ms).Minimize(problem.Objective, problem.X0, cancellationToken: token);
                        double seconds = clock.Elapsed.TotalSeconds;
                        if (result.StopReason == StopReason.Cancelled) return;
                        var profile = Pruning.Profile(problem.Objective, result.Solution, check.Sigmas, problem.TestAccuracy, method.DisplayName);
                        var run = new FigureRun(name, check.Label(name, t), seed, method, result, profile, seconds);
                        list.Add(run);
                        lock (gate)
                        {
                            done++;
                            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                                $"[{done,3}/{total}] {run.Label} {method.Name} seed {seed}: {result.Iterations} it, ‖g‖ = {result.FinalGradientNorm:G3}, {seconds:0.0} s"));
                        }
                    }
                slots[u] = list;
            });
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested) { return null; }
        catch (AggregateException ex) when (ex.Flatten().InnerExceptions.FirstOrDefault(e => e is not OperationCanceledException) is { } first)
        {
            // A run that failed (a broken data file, say): its own exception, as a run on one job would throw it.
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(first);
        }
        if (token.IsCancellationRequested) return null;
        // Plan order (problem, seed, T, method), whatever the completion order.
        return slots.SelectMany(l => l!).ToList();
    }

    // ---- summaries --------------------------------------------------------------------------------------------

    /// <summary>A check's runs and what its summaries need.</summary>
    internal sealed class Context(Check check, IReadOnlyList<FigureRun> runs, string? data)
    {
        public Check Check => check;
        public IReadOnlyList<FigureRun> Runs => runs;

        private IEnumerable<string> Labels => check.Problems.SelectMany(p => check.Targets.Select(t => check.Label(p, t)));

        /// <summary>One row per (label, method): the columns over the seeds.</summary>
        public Table MethodTable(string caption, params Column[] columns)
        {
            bool several = Labels.Count() > 1;
            var table = new Table(caption, [.. several ? new[] { "problem" } : [], "method", .. columns.Select(c => c.Header)]);
            foreach (var label in Labels)
                foreach (var method in check.Methods)
                {
                    var set = runs.Where(r => r.Label == label && r.Method == method).ToList();
                    if (set.Count == 0) continue;
                    table.Add([.. several ? new[] { label } : [], method.DisplayName, .. columns.Select(c => c.Cell(set, check))]);
                }
            return table;
        }

        /// <summary>Fig. 3: per method and seed, the final fraction below δ and the iterations to gtol for each T.</summary>
        public Table TargetTable()
        {
            var table = new Table("Final % of |x_i| < δ, and in brackets the iteration at which ‖g‖ ≤ 1e-9 (— : not within the limit)",
                ["method", "seed", .. check.Targets.Select(t => $"T = {t}")]);
            foreach (var method in check.Methods)
                for (int seed = 1; seed <= check.Seeds; seed++)
                {
                    var cells = new List<string> { method.DisplayName, seed.ToString(CultureInfo.InvariantCulture) };
                    foreach (var t in check.Targets)
                    {
                        var r = runs.Single(x => x.Label == check.Label(check.Problems[0], t) && x.Method == method && x.Seed == seed).Result;
                        cells.Add(string.Create(CultureInfo.InvariantCulture,
                            $"{100 * r.FinalBelowDelta:0} % ({(r.StopReason == StopReason.Converged ? r.Iterations.ToString(CultureInfo.InvariantCulture) : "—")})"));
                    }
                    table.Add([.. cells]);
                }
            return table;
        }

        /// <summary>The A5 study: per matrix and method, convergence and the mean (or median) ρ over the seeds.</summary>
        public Table A5Table(bool mean)
        {
            var table = new Table(mean ? "Convergence and mean ρ over the seeds" : "Median final ‖g‖ and median ρ over the seeds (the means are heavy-tailed)",
                ["matrix", "method", .. mean ? new[] { "converged", "mean iterations" } : ["median final ‖g‖"],
                 .. check.Sigmas.Select(s => string.Create(CultureInfo.InvariantCulture, $"ρ at σ = {100 * s:0} %"))]);
            foreach (var problem in check.Problems)
                foreach (var method in check.Methods)
                {
                    var set = runs.Where(r => r.Problem == problem && r.Method == method).ToList();
                    var cells = new List<string> { problem, method.DisplayName };
                    if (mean) { cells.Add(Cols.Converged.Cell(set, check)); cells.Add(Fmt.Int(set.Average(r => (double)r.Result.Iterations))); }
                    else cells.Add(Fmt.Num(Median(set.Select(r => r.Result.FinalGradientNorm))));
                    for (int j = 0; j < check.Sigmas.Count; j++)
                    {
                        var rho = set.Select(r => r.Profile.Points[j].Rho);
                        cells.Add(Fmt.Num(mean ? rho.Average() : Median(rho)));
                    }
                    table.Add([.. cells]);
                }
            return table;
        }

        /// <summary>
        /// The A9A study: per run and σ, how many test rows score exactly 0 after pruning and the test accuracy when a
        /// zero score predicts +1 (the project's first convention) or −1 (C9, what <see cref="LogisticObjective.Accuracy"/> does).
        /// </summary>
        public Table TieTable()
        {
            var table = new Table("Test rows with a score of exactly 0, and the accuracy under each tie rule",
                ["method", "seed", "σ", "zero scores", "accuracy, 0 → +1", "accuracy, 0 → −1 (C9)"]);
            foreach (var method in check.Methods)
                for (int seed = 1; seed <= check.Seeds; seed++)
                {
                    var run = runs.Single(r => r.Method == method && r.Seed == seed);
                    var split = ClassificationProblem.Split(ClassificationDataset.A9a, seed, data);
                    foreach (double sigma in check.Sigmas)
                    {
                        var pruned = Pruning.ToSparsity(run.Result.Solution, sigma);
                        var scores = split.TestFeatures * pruned;
                        int zeros = 0, plus = 0;
                        for (int i = 0; i < scores.Count; i++)
                        {
                            if (scores[i] == 0) zeros++;
                            if ((scores[i] >= 0 ? 1.0 : -1.0) == split.TestLabels[i]) plus++;
                        }
                        int n = scores.Count;
                        table.Add(method.DisplayName, seed.ToString(CultureInfo.InvariantCulture), Fmt.Pct(sigma), $"{zeros} / {n}",
                            Fmt.Pct((double)plus / n, "0.0"), Fmt.Pct(LogisticObjective.Accuracy(pruned, split.TestFeatures, split.TestLabels), "0.0"));
                    }
                }
            return table;
        }

        /// <summary>The runs as experiment records (for the long CSV, the mean tables and the charts).</summary>
        public ExperimentResults AsExperimentResults()
        {
            var labels = Labels.ToArray();
            var plan = new ExperimentPlan
            {
                Experiment = "figures:" + check.Name, Problems = labels, Methods = check.Methods,
                Seeds = Enumerable.Range(1, check.Seeds).ToArray(), Sigmas = check.Sigmas, MaxIterations = check.MaxIterations,
                ProblemFactory = (_, _) => throw new InvalidOperationException("The figure checks build their problems themselves."),
            };
            var records = runs.Select(r => new ExperimentRecord(plan.Experiment, r.Label, r.Method, r.Seed, r.Result.Iterations, r.Result.StopReason,
                r.Result.FinalGradientNorm, r.Seconds, r.Profile, r.Seed == 1 ? r.Result : null)).ToList();
            return new ExperimentResults(plan, records, Completed: true);
        }
    }

    /// <summary>A column of a per-method table: a header and a cell computed from the method's runs over the seeds.</summary>
    internal sealed record Column(string Header, Func<IReadOnlyList<FigureRun>, Check, string> Cell);

    private static class Cols
    {
        public static readonly Column Converged = new("converged (‖g‖ ≤ 1e-9)", (set, _) =>
            $"{set.Count(r => r.Result.StopReason == StopReason.Converged)} of {set.Count}");

        public static readonly Column Iterations = new("iterations to 1e-9", (set, check) =>
        {
            var its = set.Where(r => r.Result.StopReason == StopReason.Converged).Select(r => (double)r.Result.Iterations).ToList();
            return its.Count == 0 ? $"not in {check.MaxIterations}" : Fmt.Range(its, Fmt.Int);
        });

        public static readonly Column BelowDelta = new("below δ at the end", (set, _) =>
            Fmt.Range(set.Select(r => 100 * r.Result.FinalBelowDelta).ToList(), v => Fmt.Int(v)) + " %");

        public static readonly Column AcceptableAtZero = new("|A_0|", (set, _) =>
            Fmt.Range(set.Select(r => r.Result.Trace.Acceptable is { Count: > 0 } a ? (double)a[0] : double.NaN).ToList(), Fmt.Int));

        public static Column Rho(double sigma) => new($"ρ at σ = {Fmt.Pct(sigma)}", (set, check) =>
            Fmt.Range(set.Select(r => r.Profile.Points[Index(check, sigma)].Rho).ToList(), Fmt.Num));

        public static Column Omega(double sigma) => new($"mean ω at σ = {Fmt.Pct(sigma)}", (set, check) =>
            Fmt.Num(set.Average(r => r.Profile.Points[Index(check, sigma)].Omega)));

        /// <summary>The mean of a set size over the first min(1000, K) steps, as a min–max range over the seeds.</summary>
        public static Column SetMean(string header, Func<IterationTrace, IReadOnlyList<int>> sizes) => new(header, (set, _) =>
            Fmt.Range(set.Select(r =>
            {
                var s = sizes(r.Result.Trace);
                int k = Math.Min(1000, s.Count);
                return k == 0 ? double.NaN : s.Take(k).Average();
            }).ToList(), Fmt.Int));

        /// <summary>The first k with ‖g_k‖ ≤ <paramref name="level"/>, as a min–max range over the seeds.</summary>
        public static Column FirstBelow(double level) => new($"first k with ‖g_k‖ ≤ {level.ToString("0e0", CultureInfo.InvariantCulture)}", (set, _) =>
        {
            var ks = set.Select(r => FirstIndex(r.Result.Trace.GradientNorm, level)).ToList();
            return ks.All(k => k >= 0) ? Fmt.Range(ks.Select(k => (double)k).ToList(), Fmt.Int)
                 : ks.Any(k => k >= 0) ? Fmt.Range(ks.Where(k => k >= 0).Select(k => (double)k).ToList(), Fmt.Int) + $" ({ks.Count(k => k < 0)} never)"
                 : "never";
        });

        private static int FirstIndex(IReadOnlyList<double> norms, double level)
        {
            for (int k = 0; k < norms.Count; k++) if (norms[k] <= level) return k;
            return -1;
        }

        private static int Index(Check check, double sigma)
        {
            for (int j = 0; j < check.Sigmas.Count; j++) if (check.Sigmas[j] == sigma) return j;
            throw new InvalidOperationException($"σ = {sigma} is not in the check's grid.");
        }
    }

    private static double Median(IEnumerable<double> values)
    {
        var v = values.OrderBy(x => x).ToArray();
        return v.Length == 0 ? double.NaN : v.Length % 2 == 1 ? v[v.Length / 2] : (v[v.Length / 2 - 1] + v[v.Length / 2]) / 2;
    }

    private static class Fmt
    {
        public static string Int(double v) => double.IsFinite(v) ? Math.Round(v).ToString("0", CultureInfo.InvariantCulture) : "—";

        public static string Num(double v) => !double.IsFinite(v) ? v.ToString(CultureInfo.InvariantCulture)
            : v == 0 ? "0" : Math.Abs(v) >= 0.01 && Math.Abs(v) < 1e4 ? v.ToString("G3", CultureInfo.InvariantCulture) : v.ToString("0.0e0", CultureInfo.InvariantCulture);

        public static string Pct(double fraction, string format = "0.#") => (100 * fraction).ToString(format, CultureInfo.InvariantCulture) + " %";

        /// <summary>"a–b" (or "a" when every value prints the same).</summary>
        public static string Range(IReadOnlyList<double> values, Func<double, string> format)
        {
            if (values.Count == 0) return "—";
            string lo = format(values.Min()), hi = format(values.Max());
            return lo == hi ? lo : $"{lo}–{hi}";
        }
    }

    /// <summary>A small table that renders to Markdown and HTML.</summary>
    internal sealed class Table(string caption, string[] header)
    {
        private readonly List<string[]> _rows = [];

        public string Caption => caption;
        public IReadOnlyList<string> Header => header;
        public IReadOnlyList<string[]> Rows => _rows;

        public void Add(params string[] cells) => _rows.Add(cells);

        public string ToMarkdown()
        {
            var sb = new StringBuilder();
            sb.Append("**").Append(caption).AppendLine("**").AppendLine();
            sb.Append("| ").Append(string.Join(" | ", header.Select(Escape))).AppendLine(" |");
            sb.Append('|').Append(string.Join("|", header.Select((_, i) => i == 0 ? "---" : "---:"))).AppendLine("|");
            foreach (var row in _rows) sb.Append("| ").Append(string.Join(" | ", row.Select(Escape))).AppendLine(" |");
            return sb.AppendLine().ToString();
        }

        public string ToHtml()
        {
            var sb = new StringBuilder("<table border=\"1\" cellpadding=\"4\" style=\"border-collapse: collapse\"><caption>")
                .Append(WebUtility.HtmlEncode(caption)).Append("</caption><tr>");
            foreach (var h in header) sb.Append("<th>").Append(WebUtility.HtmlEncode(h)).Append("</th>");
            sb.Append("</tr>");
            foreach (var row in _rows)
            {
                sb.Append("<tr>");
                foreach (var c in row) sb.Append("<td>").Append(WebUtility.HtmlEncode(c)).Append("</td>");
                sb.Append("</tr>");
            }
            return sb.Append("</table>").ToString();
        }

        private static string Escape(string s) => s.Replace("|", "\\|", StringComparison.Ordinal);
    }

    // ---- files ------------------------------------------------------------------------------------------------

    /// <summary>One row per run: the quantities the figures talk about.</summary>
    internal const string RunsHeader = "check,problem,method,target_relevant,seed,iterations,stop_reason,final_grad_norm,final_below_delta," +
                                       "mean_optimisable_first_1000,mean_acceptable_first_1000,mean_decreasable_first_1000,acceptable_at_0,seconds";

    private static string RunsCsv(string check, IReadOnlyList<FigureRun> runs)
    {
        var sb = new StringBuilder(RunsHeader).Append('\n');
        foreach (var r in runs)
        {
            var t = r.Result.Trace;
            sb.AppendJoin(',', check, Csv(r.Problem), r.Method.Name,
                    I(r.Result.TargetRelevant), I(r.Seed), I(r.Result.Iterations), r.Result.StopReason.ToString(),
                    D(r.Result.FinalGradientNorm), D(r.Result.FinalBelowDelta),
                    MeanFirst(t.Optimisable), MeanFirst(t.Acceptable), MeanFirst(t.Decreasable),
                    t.Acceptable is { Count: > 0 } a ? I(a[0]) : "", D(r.Seconds))
              .Append('\n');
        }
        return sb.ToString();

        static string I(int v) => v.ToString(CultureInfo.InvariantCulture);
        static string D(double v) => v.ToString("R", CultureInfo.InvariantCulture);
        static string MeanFirst(IReadOnlyList<int>? s) => s is { Count: > 0 } ? D(s.Take(Math.Min(1000, s.Count)).Average()) : "";
        static string Csv(string s) => s.IndexOfAny([',', '"', '\n']) >= 0 ? "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : s;
    }

    private static string Html(Context context, IReadOnlyList<Table> tables)
    {
        var check = context.Check;
        var report = HtmlReport.Create($"prunAdag figure check {check.Name}: {check.Title}");
        var intro = new StringBuilder();
        intro.Append("<p>").Append(WebUtility.HtmlEncode(check.Claim)).Append("</p>");
        intro.Append(CultureInfo.InvariantCulture, $"<p>Seeds 1..{check.Seeds}, at most {check.MaxIterations} iterations. Command: <code>prunadag reproduce figures --figure {check.Name}</code>. Charts show seed 1.</p>");
        foreach (var t in tables) intro.Append(t.ToHtml());
        report.AddHtml(intro.ToString());
        var results = context.AsExperimentResults();
        foreach (var label in results.Plan.Problems)
        {
            var first = results.Records.Where(r => r.Problem == label && r.Run is not null).Select(r => r.Run!).ToList();
            if (first.Count == 0) continue;
            report.AddHtml($"<h2>{WebUtility.HtmlEncode(label)}</h2>");
            report.AddChart(Figures.Comparison(first));                        // Fig. 4
            if (Figures.SetSizes(first) is { } sets) report.AddChart(sets);     // Fig. 2, one panel per variant
            foreach (var chart in Figures.Pruning(ExperimentTables.MeanProfiles(results, label))) report.AddChart(chart);
        }
        return report.ToHtml();
    }
}
