using System.Globalization;
using System.Text;
using System.Text.Json;
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
    /// <summary>--sigmas: comma-separated pruning levels in %.</summary>
    [JsonPropertyName("sigmas")] public string? Sigmas { get; set; }
    /// <summary>--help.</summary>
    [JsonPropertyName("help")] public bool Help { get; set; }
    /// <summary>The directive as typed up to its subcommand, e.g. "#!prunadag compare".</summary>
    [JsonPropertyName("invokedDirective")] public string? InvokedDirective { get; set; }
    /// <summary>The method parameters (--max-iter, --sigma0, --tau, …; <see cref="PrunAdag.Method.Parameters"/>), by their camel-cased names.</summary>
    [JsonExtensionData] public Dictionary<string, JsonElement>? MethodParameters { get; set; }
}

/// <summary>
/// <c>#!prunadag run|compare|problems|plotly [options]</c>: runs the paper's problems from a cell.
/// Declared with the <see cref="KernelActionDirective"/> API of Microsoft.DotNet.Interactive 1.0.0-beta.26120.1.
/// </summary>
public static class PrunAdagMagicCommand
{
    private static readonly (string Name, string Description, bool Flag)[] OwnOptions =
    [
        ("--problem", "Problem name: " + string.Join(", ", ProblemCatalog.Names) + ", or its short form (A2, 7) when unambiguous (required for run and compare).", false),
        ("--method", $"run: the method, one of {PrunAdag.Method.NameList} (default v3).", false),
        ("--methods", $"compare: comma-separated methods (default {string.Join(",", PrunAdag.Method.PaperComparison.Select(m => m.Name))}).", false),
        ("--seed", "Seed of the problem instance (integer, default 1).", false),
        ("--sigmas", "Comma-separated pruning levels in %, e.g. 10,30,50,70: adds pruning profiles of every run.", false),
        ("--help", "Show this help.", true),
    ];

    /// <summary>
    /// Every option: the command's own, then one per method parameter of the registry (<see cref="PrunAdag.Method.Parameters"/>,
    /// the same names as the command line's <c>prunadag run</c>), each with the methods it applies to.
    /// </summary>
    private static IReadOnlyList<(string Name, string Description, bool Flag)> AllOptions =>
    [
        .. OwnOptions,
        .. ParameterNames().Select(p =>
        {
            var users = PrunAdag.Method.All.Where(m => m.FindParameter(p.Name) is { CommandLine: true }).Select(m => m.Name).ToArray();
            string who = users.Length == PrunAdag.Method.All.Count ? "" : $" ({string.Join(", ", users)})";
            // Bool parameters take true or false, as on the command line (a directive flag would arrive as false when
            // not typed, and could not turn off one that defaults to true, such as --gradient-rescaling).
            return ("--" + p.Name, $"{p.Description} {p.Range}.{who}", false);
        }),
    ];

    private static IEnumerable<MethodParameter> ParameterNames() =>
        PrunAdag.Method.All.SelectMany(m => m.Parameters).Where(p => p.CommandLine).DistinctBy(p => p.Name);

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
            sb.AppendLine($"  #!prunadag compare --problem NAME [--methods {string.Join(",", PrunAdag.Method.PaperComparison.Select(m => m.Name))}] [options]");
            sb.AppendLine("  #!prunadag problems        list the problem names");
            sb.AppendLine("  #!prunadag plotly          load plotly.js into the page again (e.g. after reopening the notebook)");
            sb.AppendLine();
            sb.AppendLine("Options:");
            foreach (var (name, description, _) in AllOptions) sb.AppendLine($"  {name,-17} {description}");
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
        foreach (var (name, description, flag) in AllOptions)
        {
            var p = new KernelDirectiveParameter(name, description) { Flag = flag };
            if (name == "--problem") p.AddCompletions(() => ProblemCatalog.Names);
            if (name == "--method") p.AddCompletions(() => PrunAdag.Method.All.Select(m => m.Name));
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
            CheckSyntax(command);
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

    private static readonly string[] Subcommands = ["run", "compare", "problems", "plotly"];

    /// <summary>
    /// Checks the directive as typed. The 1.0.0-beta.26120.1 parser drops, without a diagnostic, an unknown subcommand
    /// (the help is shown instead), unknown options, an option without its value, an option given twice, and words that
    /// are no option's value; each is an error here, naming the token.
    /// </summary>
    private static void CheckSyntax(KernelCommand command)
    {
        string? code = null;
        for (var c = command.Parent; c is not null && code is null; c = c.Parent)
            if (c is SubmitCode submit) code = submit.Code;
        if (code is null) return;
        var options = AllOptions.ToDictionary(o => o.Name, o => o.Flag, StringComparer.Ordinal);
        foreach (var line in code.Split('\n').Select(l => l.Trim()).Where(l => l.StartsWith("#!prunadag", StringComparison.Ordinal)))
        {
            var tokens = Tokens(line);
            if (tokens.Count == 0 || tokens[0] != "#!prunadag") continue; // another directive that starts alike
            int i = 1;
            if (i < tokens.Count && !tokens[i].StartsWith('-'))
            {
                if (!Subcommands.Contains(tokens[i], StringComparer.OrdinalIgnoreCase))
                    throw new MagicCommandException($"Unknown subcommand '{tokens[i]}'. Use {string.Join(", ", Subcommands)} (#!prunadag --help).");
                i++;
            }
            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (; i < tokens.Count; i++)
            {
                string t = tokens[i];
                if (!t.StartsWith("--", StringComparison.Ordinal))
                    throw new MagicCommandException($"Unexpected '{t}': options are written --name value (#!prunadag --help).");
                if (!options.TryGetValue(t, out bool flag))
                    throw new MagicCommandException($"Unknown option '{t}'. Valid options: {string.Join(", ", options.Keys)} (#!prunadag --help).");
                if (!seen.Add(t)) throw new MagicCommandException($"{t} is given twice; give each option once.");
                if (flag) continue;
                if (i + 1 >= tokens.Count || tokens[i + 1].StartsWith("--", StringComparison.Ordinal))
                    throw new MagicCommandException($"{t} needs a value (#!prunadag --help).");
                i++;
            }
        }
    }

    // The line's words; a double-quoted stretch ("v1, v3") is one word.
    private static List<string> Tokens(string line)
    {
        var tokens = new List<string>();
        var word = new StringBuilder();
        bool quoted = false, any = false;
        foreach (char ch in line)
        {
            if (ch == '"') { quoted = !quoted; any = true; continue; }
            if (!quoted && char.IsWhiteSpace(ch))
            {
                if (any) tokens.Add(word.ToString());
                word.Clear(); any = false;
                continue;
            }
            word.Append(ch); any = true;
        }
        if (any) tokens.Add(word.ToString());
        return tokens;
    }

    private static string Subcommand(string? invoked)
    {
        var parts = (invoked ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return parts.Length > 1 ? parts[1].ToLowerInvariant() : "";
    }

    /// <summary>The message without the " (Parameter 'x')" and "Actual value was …" that .NET appends to it.</summary>
    private static string Sentence(ArgumentException ex)
    {
        string m = ex.Message;
        int at = ex.ParamName is { } p ? m.IndexOf($" (Parameter '{p}')", StringComparison.Ordinal) : -1;
        return at >= 0 ? m[..at] : m;
    }

    internal static void Execute(MagicRequest request, KernelInvocationContext context)
    {
        TestProblem problem;
        try { problem = ProblemCatalog.Create(ProblemCatalog.Resolve(request.Problem), request.Seed); }
        catch (ArgumentException ex) { throw new MagicCommandException("--problem: " + Sentence(ex)); }
        catch (Exception ex) when (ex is FileNotFoundException or FormatException or IOException)
        {
            // A data-backed problem without its data (or with a broken file): one line, and where to turn.
            throw new MagicCommandException($"--problem {request.Problem}: {ex.Message.TrimEnd('.')}. Set {Data.DataLocator.EnvironmentVariable} to the data folder, or choose a problem that reads no data (#!prunadag problems).");
        }

        var results = new List<MinimizationResult>();
        var profiles = new List<PruningProfile>();
        LiveDisplay? display = null;
        try
        {
            for (int i = 0; i < request.Methods.Count; i++)
            {
                var method = request.Methods[i];
                string step = request.Methods.Count > 1 ? $"run {i + 1} of {request.Methods.Count}" : null!;
                display ??= new LiveDisplay(context, $"{method.DisplayName} on {problem.Name}", step);
                var progress = new RetitledProgress(display, $"{method.DisplayName} on {problem.Name}", step);
                var minimizer = Minimizer.Create(method, request.OptionsFor(method, problem));
                var result = minimizer.Minimize(problem.Objective, problem.X0, null, progress, context.CancellationToken) with { ObjectiveName = problem.Name };
                results.Add(result);
                if (request.Sigmas.Count > 0)
                    profiles.Add(result.PruningProfile(problem.Objective, request.Sigmas, problem.TestAccuracy));
                if (result.StopReason == StopReason.Cancelled) break;
            }
        }
        catch (ArgumentException ex) // e.g. T above n, or T with its fraction: the options do not fit the problem
        {
            throw new MagicCommandException(Sentence(ex));
        }
        catch (MinimizationException ex)
        {
            results.Add(ex.PartialResult with { ObjectiveName = problem.Name });
            throw new MagicCommandException(ex.Message);
        }
        finally
        {
            if (display is not null && results.Count == 0) display.Fail("see the error below");
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
internal sealed record MagicRequest(bool IsCompare, string Problem, IReadOnlyList<Method> Methods, int Seed,
    IReadOnlyList<KeyValuePair<string, string>> Parameters, IReadOnlyList<double> Sigmas)
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

        IReadOnlyList<Method> methods;
        try
        {
            methods = compare
                ? c.Methods is null ? PrunAdag.Method.PaperComparison : PrunAdag.Method.ParseList(c.Methods)
                : [c.Method is null ? PrunAdag.Method.V3 : PrunAdag.Method.Parse(c.Method)];
        }
        catch (FormatException ex) { throw new MagicCommandException((compare ? "--methods: " : "--method: ") + ex.Message); }

        int seed = 1;
        if (c.Seed is not null && !int.TryParse(c.Seed.Trim(), NumberStyles.Integer, Inv, out seed))
            throw new MagicCommandException($"--seed expects an integer; got '{c.Seed}'.");

        // Method parameters: each must belong to at least one chosen method, and its value is checked by the parameter's own rule.
        var parameters = new List<KeyValuePair<string, string>>();
        foreach (var (key, element) in c.MethodParameters ?? [])
        {
            var p = PrunAdag.Method.All.SelectMany(m => m.Parameters).FirstOrDefault(q => q.CommandLine && CamelCase(q.Name) == key)
                ?? throw new MagicCommandException($"Unknown option '{key}' (#!prunadag --help).");
            if (!methods.Any(m => m.FindParameter(p.Name) is not null))
                throw new MagicCommandException($"--{p.Name} does not apply to {string.Join(", ", methods.Select(m => m.Name))}.");
            string text = element.ValueKind == JsonValueKind.String ? element.GetString()! : element.GetRawText();
            try { p.Parse(text); }
            catch (FormatException ex) { throw new MagicCommandException(ex.Message); }
            parameters.Add(new(p.Name, text));
        }
        var sigmas = c.Sigmas is null ? [] : List(c.Sigmas, "--sigmas").Select(s =>
        {
            if (!double.TryParse(s, NumberStyles.Float, Inv, out double v) || !double.IsFinite(v))
                throw new MagicCommandException($"--sigmas expects numbers; got '{s}'.");
            if (v < 0 || v > 100) throw new MagicCommandException($"--sigmas values are percentages in [0, 100]; got '{s}'.");
            return v / 100;
        }).ToArray();
        return new MagicRequest(compare, c.Problem.Trim(), methods, seed, parameters, sigmas);
    }

    /// <summary>The options of <paramref name="method"/>: the runner's defaults for the instance (its T), then the typed parameters that apply.</summary>
    public MinimizerOptions OptionsFor(Method method, TestProblem problem)
    {
        var applicable = Parameters.Where(p => method.FindParameter(p.Key) is not null);
        try { return method.ParseOptions(applicable, problem.OptionsFor(method)); }
        catch (FormatException ex) { throw new MagicCommandException(ex.Message); }
    }

    /// <summary>"max-iter" → "maxIter": how the directive binder names a parameter in the command's JSON.</summary>
    private static string CamelCase(string kebab)
    {
        var parts = kebab.Split('-');
        return parts[0] + string.Concat(parts.Skip(1).Select(p => p.Length == 0 ? p : char.ToUpperInvariant(p[0]) + p[1..]));
    }

    private static string[] List(string text, string option)
    {
        var items = text.Split(',', StringSplitOptions.TrimEntries);
        if (items.Any(string.IsNullOrEmpty)) throw new MagicCommandException($"{option} has an empty item in '{text}' (write e.g. 10,30,50).");
        return items;
    }
}
