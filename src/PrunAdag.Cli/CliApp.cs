using System.CommandLine;
using System.CommandLine.Invocation;
using System.Text.Json;
using System.Text.RegularExpressions;
using PrunAdag.Cli.Commands;

namespace PrunAdag.Cli;

/// <summary>Builds the command tree and runs it with the error contract of docs/cli.md.</summary>
internal static partial class CliApp
{
    /// <summary>Builds a fresh command tree (symbols are not shared between runs, so tests can run in parallel).</summary>
    public static Command BuildRoot(out Option<bool> verbose)
    {
        // --verbose, on every command: print the stack trace of unexpected errors.
        verbose = new Option<bool>("--verbose") { Description = "Show the stack trace when an unexpected error occurs.", Recursive = true };
        // A plain Command named "prunadag", not RootCommand, whose name would be the host process's
        // (testhost, dotnet, PrunAdag.Cli) in --help.
        var root = new Command("prunadag",
            "prunadag: prunAdag (Porcelli, Seraghiti, Toint 2026) and its baselines (Adagrad, Frank-Wolfe; Adam and SFW for " +
            "the neural network) on least-squares problem files and the paper's experiments, with pruning profiles. " +
            "Without a command, runs the demo on embedded defaults.");
        root.Options.Add(new System.CommandLine.Help.HelpOption());
        // The stock action prints the entry assembly's version, which is the test host's when run in-process.
        root.Options.Add(new VersionOption { Action = new PrintVersionAction() });
        root.Options.Add(verbose);
        root.Subcommands.Add(RunCommand.Create());
        root.Subcommands.Add(PruneCommand.Create());
        root.Subcommands.Add(ReproduceCommand.Create());
        root.Subcommands.Add(DataCommand.Create());
        var demo = DemoCommand.Create();
        root.Subcommands.Add(demo);
        // `prunadag` alone runs the demo with its defaults.
        root.SetAction(parseResult => DemoCommand.Execute(new DemoCommand.Settings(), parseResult.InvocationConfiguration.Output));
        RefuseBlankValues(root);
        return root;
    }

    // Every option that takes a path (FILE, DIR) refuses an empty or blank one, naming itself: a blank path would
    // otherwise fail later as .NET's "The value cannot be an empty string", naming no option. (Lists have their own rule.)
    private static void RefuseBlankValues(Command command)
    {
        foreach (var option in command.Options.Where(o => o.ValueType == typeof(string) && o.HelpName is "FILE" or "DIR"))
            option.Validators.Add(r =>
            {
                if (r.Tokens.Any(t => string.IsNullOrWhiteSpace(t.Value)))
                    r.AddError($"{option.Name}: the path is empty; give a {(option.HelpName == "DIR" ? "folder" : "file")}.");
            });
        foreach (var sub in command.Subcommands) RefuseBlankValues(sub);
    }

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(args);
        bool verbose = args.Contains("--verbose");
        string commandPath = "prunadag";
        try
        {
            var root = BuildRoot(out var verboseOption);
            // No @response-file expansion: a path starting with '@' means that path.
            var parseResult = root.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
            verbose = parseResult.GetValue(verboseOption) || verbose;
            commandPath = CommandPath(parseResult);
            if (parseResult.Errors.Count > 0 && parseResult.Action is ParseErrorAction)
            {
                // One line, not System.CommandLine's errors-plus-help block: scripts grep stderr.
                stderr.WriteLine($"{CommandPath(parseResult)}: error: {string.Join(" ", parseResult.Errors.Select(e => OneLine(e.Message)))}{CommandChoices(parseResult)} (see --help)");
                return ExitCodes.UserError;
            }
            return parseResult.Invoke(new InvocationConfiguration
            {
                Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false,
                // `run` handles Ctrl+C itself so it can save the partial result (see RunCommand).
                ProcessTerminationTimeout = null,
            });
        }
        catch (Exception ex) when (IsUserError(ex))
        {
            stderr.WriteLine($"{commandPath}: error: {UserMessage(ex)}");
            return ExitCodes.UserError;
        }
        catch (Exception ex)
        {
            stderr.WriteLine(verbose
                ? $"{commandPath}: unexpected error: {ex}"
                : $"{commandPath}: unexpected error ({ex.GetType().Name}): {OneLine(ex.Message)} (run with --verbose for the stack trace)");
            return ExitCodes.Unexpected;
        }
    }

    /// <summary>
    /// For a command that only groups others (<c>reproduce</c>, <c>data</c>) given none or an unknown one: the names it
    /// takes, so the one-line error says what to type instead of only that something is missing.
    /// </summary>
    private static string CommandChoices(ParseResult r)
    {
        var command = r.CommandResult.Command;
        if (command == r.RootCommandResult.Command || command.Action is not null || command.Subcommands.Count == 0) return "";
        return $" Choose one of: {string.Join(", ", command.Subcommands.Select(c => c.Name))}.";
    }

    private static string CommandPath(ParseResult r)
    {
        // "prunadag data check", not "prunadag check", for a nested command.
        var names = new List<string>();
        for (var c = r.CommandResult; c is not null && c.Command != r.RootCommandResult.Command; c = c.Parent as System.CommandLine.Parsing.CommandResult)
            names.Insert(0, c.Command.Name);
        return string.Join(" ", ["prunadag", .. names]);
    }

    private static bool IsUserError(Exception ex) =>
        ex is CliUsageException or FormatException or ArgumentException or IOException or JsonException or UnauthorizedAccessException;

    private static string UserMessage(Exception ex)
    {
        string m = ex.Message;
        if (ex is ArgumentException)
        {
            // ArgumentException appends " (Parameter 'x')" and "Actual value was …"; our messages already say both.
            m = WithoutParameterNames(m);
            m = ActualValue().Replace(m, "");
        }
        return OneLine(m);
    }

    /// <summary>An <see cref="ArgumentException"/>'s message without the " (Parameter 'x')" that .NET appends, once per rethrow.</summary>
    internal static string WithoutParameterNames(string message) => ParameterSuffix().Replace(message, "");

    internal static string OneLine(string message) =>
        string.Join(" ", message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    [GeneratedRegex(@" \(Parameter '[^']*'\)")]
    private static partial Regex ParameterSuffix();

    [GeneratedRegex(@"\s*Actual value was .*$", RegexOptions.Singleline)]
    private static partial Regex ActualValue();
}

/// <summary>Prints the CLI assembly's informational version (e.g. 0.1.0+commit).</summary>
internal sealed class PrintVersionAction : SynchronousCommandLineAction
{
    public static string Version =>
        typeof(CliApp).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), false)
            .OfType<System.Reflection.AssemblyInformationalVersionAttribute>().FirstOrDefault()?.InformationalVersion
        ?? typeof(CliApp).Assembly.GetName().Version?.ToString() ?? "unknown";

    public override int Invoke(ParseResult parseResult)
    {
        parseResult.InvocationConfiguration.Output.WriteLine(Version);
        return ExitCodes.Success;
    }
}
