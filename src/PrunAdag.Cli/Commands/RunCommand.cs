using System.CommandLine;
using PrunAdag.IO;

namespace PrunAdag.Cli.Commands;

/// <summary><c>prunadag run</c>: one method on a problem file, result written to a result file.</summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var problem = Options.File("--problem", "The problem file (JSON, see docs/cli.md).", required: true);
        var method = new Option<Method>("--method")
        {
            Description = "The method: " + Method.NameList + ".",
            Required = true, HelpName = "METHOD",
            CustomParser = r =>
            {
                string tok = r.Tokens.Count > 0 ? r.Tokens[^1].Value : "";
                if (Method.TryParse(tok, out var m)) return m;
                r.AddError($"--method: unknown method '{tok}'; expected one of {Method.NameList}.");
                return null;
            },
        };
        var output = Options.File("--output", "Where to write the result (JSON); written atomically.", required: true);
        var methodOptions = new MethodOptions();
        var cmd = new Command("run", "Run one method on a problem file and write the result file. The method's options are those of its options record (docs/cli.md).")
        {
            problem, method, output,
        };
        foreach (var o in methodOptions.All) cmd.Options.Add(o);
        cmd.SetAction(p =>
        {
            var m = p.GetValue(method)!;
            return Execute(p.GetRequiredValue(problem), m, p.GetRequiredValue(output),
                loaded => methodOptions.For(m, p, new Dictionary<string, object?> { ["target-relevant"] = loaded.TargetRelevant }),
                p.InvocationConfiguration.Output, interruptible: true);
        });
        return cmd;
    }

    /// <summary>
    /// Loads the problem, runs, writes the result; user errors surface as exceptions the top level reports.
    /// <paramref name="options"/> gives the method's options once the problem is known (its T is the default T).
    /// </summary>
    public static int Execute(string problemPath, Method method, string outputPath, Func<ProblemFile, MinimizerOptions> options, TextWriter stdout,
        bool interruptible = false, CancellationToken cancellationToken = default)
    {
        // Check the input and the destination before a possibly long run, not after: the problem is a file, the
        // output can be written and is not the problem itself (which the result would replace).
        PathChecks.InputFile("--problem", problemPath);
        PathChecks.OutputFile("--output", outputPath, ("--problem", problemPath));
        var problem = ProblemFile.Load(problemPath);
        int n = problem.Dimension;
        var opts = options(problem);
        if (method.FindParameter("target-relevant")?.GetValue(opts) is int t && t > n)
            throw new CliUsageException($"--target-relevant: TargetRelevant (T) must be in 1..n = {n} for {problemPath}; got {t}.");
        var minimizer = Minimizer.Create(method, opts);

        // Ctrl+C or SIGTERM stops the run within one iteration and the partial result (stop reason Cancelled)
        // is still written; a second signal terminates at once.
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var interruption = new Interruption(cts, interruptible);

        var result = minimizer.Minimize(problem.ToObjective(), problem.X0, cancellationToken: cts.Token);
        PathChecks.Write("--output", outputPath, () => ResultFile.Save(outputPath, result));
        stdout.WriteLine(result.ToString());
        stdout.WriteLine($"wrote {outputPath}");
        return result.StopReason == StopReason.Cancelled ? ExitCodes.Interrupted : ExitCodes.Success;
    }
}
