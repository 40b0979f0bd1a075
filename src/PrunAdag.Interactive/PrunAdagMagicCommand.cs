using System.Globalization;
using System.Text;
using System.Text.Json.Serialization;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.Directives;
using Microsoft.DotNet.Interactive.Formatting;
using PrunAdag.Charts;
using PrunAdag.Problems;

namespace PrunAdag.Interactive;

/// <summary>
/// The parsed <c>#!prunadag</c> magic command. .NET Interactive binds the directive's parameters to
/// these properties (kebab-case names become camelCase); values stay strings so that this class,
/// not the JSON binder, reports bad numbers with a message naming the option.
/// </summary>
public sealed class PrunAdagCommand : KernelDirectiveCommand
{
    /// <summary>--problem: a <see cref="ProblemCatalog"/> name.</summary>
    [JsonPropertyName("problem")] public string? Problem { get; set; }
    /// <summary>--method: one method (run).</summary>
    [JsonPropertyName("method")] public string? Method { get; set; }
    /// <summary>--methods: comma-separated methods (compare).</summary>
    [JsonPropertyName("methods")] public string? Methods { get; set; }
    /// <summary>--seed.</summary>
    [JsonPropertyName("seed")] public string? Seed { get; set; }
    /// <summary>--max-iter.</summary>
    [JsonPropertyName("maxIter")] public string? MaxIter { get; set; }
    /// <summary>--target (T).</summary>
    [JsonPropertyName("target")] public string? Target { get; set; }
    /// <summary>--gtol.</summary>
    [JsonPropertyName("gtol")] public string? Gtol { get; set; }
    /// <summary>--delta (δ).</summary>
    [JsonPropertyName("delta")] public string? Delta { get; set; }
    /// <summary>--sigmas: comma-separated pruning levels in %.</summary>
    [JsonPropertyName("sigmas")] public string? Sigmas { get; set; }
    /// <summary>--help.</summary>
    [JsonPropertyName("help")] public bool Help { get; set; }
    /// <summary>The directive as typed up to its subcommand, e.g. "#!prunadag compare".</summary>
    [JsonPropertyName("invokedDirective")] public string? InvokedDirective { get; set; }
}

/// <summary>
/// <c>#!prunadag run|compare|problems|plotly [options]</c>: runs the paper's problems from a cell.
/// Declared with the <see cref="KernelActionDirective"/> API of Microsoft.DotNet.Interactive 1.0.0-beta.26120.1.
/// </summary>
public static class PrunAdagMagicCommand
{
    /// <summary>The methods <c>compare</c> runs when --methods is not given (the paper's Fig. 4 set).</summary>
    public static IReadOnlyList<Method> DefaultCompareMethods { get; } =
        [PrunAdag.Method.V1, PrunAdag.Method.V2, PrunAdag.Method.V3, PrunAdag.Method.V4, PrunAdag.Method.Adagrad, PrunAdag.Method.FW1, PrunAdag.Method.FW2];

    private static readonly (string Name, string Description, bool Flag)[] Options =
    [
        ("--problem", "Problem name: " + string.Join(", ", ProblemCatalog.Names) + " (required for run and compare).", false),
        ("--method", "run: the method, one of v1, v2, v3, v4, relevant-only, adagrad, fw1, fw2 (default v3).", false),
        ("--methods", "compare: comma-separated methods (default v1,v2,v3,v4,adagrad,fw1,fw2).", false),
        ("--seed", "Seed of the problem instance (integer, default 1).", false),
        ("--max-iter", "Iteration limit (integer ≥ 0, default 10000 as in the paper).", false),
        ("--target", "T, the number of relevant components (default: the problem's T).", false),
        ("--gtol", "Stop when ‖g‖ ≤ gtol (default 1e-9).", false),
        ("--delta", "δ of the '% below δ' curve (default 1e-3).", false),
        ("--sigmas", "Comma-separated pruning levels in %, e.g. 10,30,50,70: adds pruning profiles of every run.", false),
        ("--help", "Show this help.", true),
    ];

    /// <summary>The help text listing subcommands and options.</summary>
    public static string HelpText
    {
        get
        {
            var sb = new StringBuilder();
            sb.AppendLine("#!prunadag — run prunAdag and its baselines on the paper's problems");
            sb.AppendLine();
            sb.AppendLine("Usage:");
            sb.AppendLine("  #!prunadag run --problem NAME [--method v3] [options]");
            sb.AppendLine("  #!prunadag compare --problem NAME [--methods v1,v2,v3,v4,adagrad,fw1,fw2] [options]");
            sb.AppendLine("  #!prunadag problems        list the problem names");
            sb.AppendLine("  #!prunadag plotly          load plotly.js into the page again (e.g. after reopening the notebook)");
            sb.AppendLine();
            sb.AppendLine("Options:");
            foreach (var (name, description, _) in Options) sb.AppendLine($"  {name,-11} {description}");
            sb.AppendLine();
            sb.AppendLine("Example: #!prunadag compare --problem random-ls:A2 --methods v1,v2,v3,v4,adagrad,fw1,fw2 --seed 1 --max-iter 2000");
            return sb.ToString();
        }
    }

    /// <summary>Adds the directive to <paramref name="kernel"/> (normally the root kernel).</summary>
    public static void AddTo(Kernel kernel)
    {
        ArgumentNullException.ThrowIfNull(kernel);
        var directive = new KernelActionDirective("#!prunadag")
        {
            Description = "Run prunAdag and its baselines on the paper's problems (#!prunadag --help).",
            KernelCommandType = typeof(PrunAdagCommand),
        };
        foreach (var (name, description, flag) in Options)
        {
            var p = new KernelDirectiveParameter(name, description) { Flag = flag };
            if (name == "--problem") p.AddCompletions(() => ProblemCatalog.Names);
            if (name == "--method") p.AddCompletions(() => MethodNames.All.Select(m => m.ToCliName()));
            directive.Parameters.Add(p);
        }
        foreach (var (name, description) in new[]
                 {
                     ("run", "Run one method on a problem and show the result."),
                     ("compare", "Run several methods on a problem and show them overlaid (the paper's Fig. 4)."),
                     ("problems", "List the problem names."),
                     ("plotly", "Load plotly.js into the page again."),
                 })
            directive.Subcommands.Add(new KernelActionDirective(name) { Description = description, KernelCommandType = typeof(PrunAdagCommand) });

        kernel.AddDirective<PrunAdagCommand>(directive, HandleAsync);
    }

    private static Task HandleAsync(PrunAdagCommand command, KernelInvocationContext context)
    {
        string sub = Subcommand(command.InvokedDirective);
        try
        {
            CheckOptionNames(command);
            if (command.Help || sub == "")
            {
                KernelInvocationContextExtensions.Display(context, HelpText, PlainTextFormatter.MimeType);
                return Task.CompletedTask;
            }
            switch (sub)
            {
                case "problems":
                    KernelInvocationContextExtensions.Display(context, string.Join(Environment.NewLine, ProblemCatalog.Names), PlainTextFormatter.MimeType);
                    break;
                case "plotly":
                    Formatters.ResetPlotlyInjection();
                    KernelInvocationContextExtensions.Display(context, new PlotlyLoader(), HtmlFormatter.MimeType);
                    break;
                case "run":
                case "compare":
                    var request = MagicRequest.Parse(command, sub);
                    Execute(request, context);
                    break;
                default:
                    throw new MagicCommandException($"Unknown subcommand '{sub}'. Use run, compare, problems or plotly (#!prunadag --help).");
            }
        }
        catch (MagicCommandException ex)
        {
            context.Fail(command, null, ex.Message);
        }
        return Task.CompletedTask;
    }

    /// <summary>
    /// Rejects options this command does not declare. The 1.0.0-beta.26120.1 parser drops unknown
    /// "--name value" pairs without a diagnostic, so the submitted line is checked here.
    /// </summary>
    private static void CheckOptionNames(KernelCommand command)
    {
        string? code = null;
        for (var c = command.Parent; c is not null && code is null; c = c.Parent)
            if (c is SubmitCode submit) code = submit.Code;
        if (code is null) return;
        var known = Options.Select(o => o.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var line in code.Split('\n').Select(l => l.Trim()).Where(l => l.StartsWith("#!prunadag", StringComparison.Ordinal)))
            foreach (var token in line.Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries))
                if (token.StartsWith("--", StringComparison.Ordinal) && !known.Contains(token))
                    throw new MagicCommandException($"Unknown option '{token}'. Valid options: {string.Join(", ", known)} (#!prunadag --help).");
    }

    private static string Subcommand(string? invoked)
    {
        var parts = (invoked ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return parts.Length > 1 ? parts[1].ToLowerInvariant() : "";
    }

    internal static void Execute(MagicRequest request, KernelInvocationContext context)
    {
        TestProblem problem;
        try { problem = ProblemCatalog.Create(request.Problem, request.Seed); }
        catch (ArgumentException ex) { throw new MagicCommandException("--problem: " + ex.Message); }

        var settings = new MethodSettings
        {
            TargetRelevant = request.Target ?? problem.TargetRelevant,
            MaxIterations = request.MaxIterations,
            GradientTolerance = request.GradientTolerance,
            Delta = request.Delta,
        };
        var results = new List<MinimizationResult>();
        var profiles = new List<PruningProfile>();
        LiveDisplay? display = null;
        try
        {
            for (int i = 0; i < request.Methods.Count; i++)
            {
                var method = request.Methods[i];
                string step = request.Methods.Count > 1 ? $"run {i + 1} of {request.Methods.Count}" : null!;
                display ??= new LiveDisplay(context, $"{method.ToDisplayName()} on {problem.Name}", step);
                var progress = new RetitledProgress(display, $"{method.ToDisplayName()} on {problem.Name}", step);
                var minimizer = Minimizer.Create(method, settings);
                var result = minimizer.Minimize(problem.Objective, problem.X0, null, progress, context.CancellationToken) with { ObjectiveName = problem.Name };
                results.Add(result);
                if (request.Sigmas.Count > 0)
                    profiles.Add(result.PruningProfile(problem.Objective, request.Sigmas, problem.TestAccuracy));
                if (result.StopReason == StopReason.Cancelled) break;
            }
        }
        finally
        {
            if (display is not null && results.Count > 0)
            {
                object shown = request.IsCompare
                    ? new Comparison(results, profiles.Count > 0 ? profiles : null, $"{problem.Name} (seed {request.Seed})")
                    : results[0];
                display.Show(shown);
                if (!request.IsCompare && profiles.Count > 0) KernelInvocationContextExtensions.Display(context, profiles, HtmlFormatter.MimeType);
            }
        }
    }

    /// <summary>Forwards progress to the shared display, titled with the current method.</summary>
    private sealed class RetitledProgress(LiveDisplay display, string title, string? step) : IProgress<IterationProgress>
    {
        public void Report(IterationProgress value) => display.Report(value, title, step);
    }
}

/// <summary>Displays plotly.js (text/html) so later chart fragments can draw.</summary>
public sealed class PlotlyLoader
{
    /// <summary>The script tag.</summary>
    public override string ToString() => PlotlyJs.ScriptTag + "<span>plotly.js " + PlotlyJs.Version + " loaded (offline copy).</span>";
}

/// <summary>A <c>#!prunadag</c> usage error (shown to the user as the cell's error).</summary>
public sealed class MagicCommandException(string message) : Exception(message);

/// <summary>The validated options of a run/compare request.</summary>
internal sealed record MagicRequest(bool IsCompare, string Problem, IReadOnlyList<Method> Methods, int Seed, int MaxIterations,
    int? Target, double GradientTolerance, double Delta, IReadOnlyList<double> Sigmas)
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static MagicRequest Parse(PrunAdagCommand c, string sub)
    {
        bool compare = sub == "compare";
        if (string.IsNullOrWhiteSpace(c.Problem))
            throw new MagicCommandException($"#!prunadag {sub} needs --problem NAME; valid names: {string.Join(", ", ProblemCatalog.Names)}.");
        if (compare && c.Method is not null)
            throw new MagicCommandException("#!prunadag compare takes --methods (plural, comma-separated), not --method.");
        if (!compare && c.Methods is not null)
            throw new MagicCommandException("#!prunadag run takes --method (one method); use #!prunadag compare for --methods.");

        IReadOnlyList<Method> methods = compare
            ? c.Methods is null ? PrunAdagMagicCommand.DefaultCompareMethods : List(c.Methods, "--methods").Select(ParseMethod).ToArray()
            : [c.Method is null ? PrunAdag.Method.V3 : ParseMethod(c.Method.Trim())];
        if (methods.Count == 0) throw new MagicCommandException("--methods lists no method.");
        if (methods.GroupBy(m => m).FirstOrDefault(g => g.Count() > 1) is { } twice)
            throw new MagicCommandException($"--methods lists {twice.Key.ToCliName()} {twice.Count()} times; each method may appear once.");

        int seed = Int(c.Seed, "--seed", 1, int.MinValue);
        int maxIter = Int(c.MaxIter, "--max-iter", 10_000, 0);
        int? target = c.Target is null ? null : Int(c.Target, "--target", 0, 1);
        double gtol = Real(c.Gtol, "--gtol", 1e-9, allowZero: true);
        double delta = Real(c.Delta, "--delta", 1e-3, allowZero: false);
        var sigmas = c.Sigmas is null ? [] : List(c.Sigmas, "--sigmas").Select(s =>
        {
            double v = Real(s, "--sigmas", 0, allowZero: true);
            if (v > 100) throw new MagicCommandException($"--sigmas values are percentages in [0, 100]; got '{s}'.");
            return v / 100;
        }).ToArray();
        return new MagicRequest(compare, c.Problem.Trim(), methods, seed, maxIter, target, gtol, delta, sigmas);
    }

    private static Method ParseMethod(string text) =>
        MethodNames.TryParse(text, out var m) ? m
        : throw new MagicCommandException($"Unknown method '{text}'; expected one of {string.Join(", ", MethodNames.All.Select(x => x.ToCliName()))}.");

    private static string[] List(string text, string option)
    {
        var items = text.Split(',', StringSplitOptions.TrimEntries);
        if (items.Any(string.IsNullOrEmpty)) throw new MagicCommandException($"{option} has an empty item in '{text}' (write e.g. v1,v3,adagrad).");
        return items;
    }

    private static int Int(string? text, string option, int fallback, int min)
    {
        if (text is null) return fallback;
        if (!int.TryParse(text.Trim(), NumberStyles.Integer, Inv, out int v))
            throw new MagicCommandException($"{option} expects an integer; got '{text}'.");
        if (v < min) throw new MagicCommandException($"{option} must be ≥ {min}; got {v}.");
        return v;
    }

    private static double Real(string? text, string option, double fallback, bool allowZero)
    {
        if (text is null) return fallback;
        if (!double.TryParse(text.Trim(), NumberStyles.Float, Inv, out double v) || !double.IsFinite(v))
            throw new MagicCommandException($"{option} expects a number; got '{text}'.");
        if (v < 0 || (!allowZero && v == 0)) throw new MagicCommandException($"{option} must be {(allowZero ? "≥ 0" : "> 0")}; got {text}.");
        return v;
    }
}
