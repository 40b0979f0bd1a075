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
            Description = "The method: " + string.Join(", ", MethodNames.All.Select(m => m.ToCliName())) + ".",
            Required = true, HelpName = "METHOD",
            CustomParser = r =>
            {
                string tok = r.Tokens.Count > 0 ? r.Tokens[^1].Value : "";
                if (MethodNames.TryParse(tok, out var m)) return m;
                r.AddError($"--method: unknown method '{tok}'; expected one of {string.Join(", ", MethodNames.All.Select(x => x.ToCliName()))}.");
                return default;
            },
        };
        var output = Options.File("--output", "Where to write the result (JSON); written atomically.", required: true);
        var target = Options.Int("--target-relevant", "T, the number of relevant components, in 1..n (default: the problem file's \"targetRelevant\", else max(1, floor(n/10))). Ignored by adagrad.", 1, "T");
        var sigma0 = Options.Double("--sigma0", "ς, the initial weight, in (0, 1).", 0.01, v => v > 0 && v < 1, "(ς) must be in (0, 1)", "S");
        var maxIter = Options.Int("--max-iter", "The iteration limit.", 10_000, 0);
        var gtol = Options.Double("--gtol", "Stop when ‖g_k‖ ≤ gtol.", 1e-9, v => double.IsFinite(v) && v >= 0, "(gtol) must be finite and ≥ 0", "G");
        var tau = Options.Double("--tau", "τ, the radius of the Frank-Wolfe ball (default 50 for fw1, 100 for fw2).", v => double.IsFinite(v) && v > 0, "(τ) must be finite and > 0", "TAU");
        var beta = Options.Double("--beta", "β of fw2, in (0, 1).", 0.001, v => v > 0 && v < 1, "(β) must be in (0, 1)", "B");
        var baseVariant = new Option<Variant>("--base-variant")
        {
            Description = "The variant whose decreasable step relevant-only uses: v1, v2, v3 or v4.",
            HelpName = "VARIANT", DefaultValueFactory = _ => Variant.V3,
            CustomParser = r =>
            {
                string tok = r.Tokens.Count > 0 ? r.Tokens[^1].Value : "";
                if (tok.Length == 2 && (tok[0] is 'v' or 'V') && tok[1] is >= '1' and <= '4') return (Variant)(tok[1] - '0');
                r.AddError($"--base-variant: unknown variant '{tok}'; expected one of v1, v2, v3, v4.");
                return Variant.V3;
            },
        };
        var delta = Options.Double("--delta", "δ: the trace counts |x_i| < δ.", 1e-3, v => double.IsFinite(v) && v > 0, "(δ) must be finite and > 0", "D");

        var cmd = new Command("run", "Run one method on a problem file and write the result file.")
        {
            problem, method, output, target, sigma0, maxIter, gtol, tau, beta, baseVariant, delta,
        };
        cmd.SetAction(p => Execute(
            p.GetRequiredValue(problem), p.GetValue(method), p.GetRequiredValue(output),
            new MethodSettings
            {
                TargetRelevant = p.GetValue(target), Sigma0 = p.GetValue(sigma0), MaxIterations = p.GetValue(maxIter),
                GradientTolerance = p.GetValue(gtol), Tau = p.GetValue(tau), Beta = p.GetValue(beta),
                BaseVariant = p.GetValue(baseVariant), Delta = p.GetValue(delta),
            },
            p.InvocationConfiguration.Output, interruptible: true));
        return cmd;
    }

    /// <summary>Loads the problem, runs, writes the result; user errors surface as exceptions the top level reports.</summary>
    public static int Execute(string problemPath, Method method, string outputPath, MethodSettings settings, TextWriter stdout,
        bool interruptible = false, CancellationToken cancellationToken = default)
    {
        // Check the input and the destination before a possibly long run, not after: the problem is a file, the
        // output can be written and is not the problem itself (which the result would replace).
        PathChecks.InputFile("--problem", problemPath);
        PathChecks.OutputFile("--output", outputPath, ("--problem", problemPath));
        var problem = ProblemFile.Load(problemPath);
        int n = problem.Dimension;
        if (settings.TargetRelevant is { } t && t > n)
            throw new CliUsageException($"--target-relevant: TargetRelevant (T) must be in 1..n = {n} for {problemPath}; got {t}.");
        settings = settings with { TargetRelevant = settings.TargetRelevant ?? problem.TargetRelevant };
        var minimizer = Minimizer.Create(method, settings);

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
