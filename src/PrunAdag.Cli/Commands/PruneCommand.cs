using System.CommandLine;
using System.Globalization;
using PrunAdag.Cli.Output;
using PrunAdag.IO;

namespace PrunAdag.Cli.Commands;

/// <summary><c>prunadag prune</c>: the pruning profile (σ, achieved sparsity, ρ, ω) of a result's solution.</summary>
internal static class PruneCommand
{
    /// <summary>The default grid, in percent: 10, 20, …, 90.</summary>
    public static readonly IReadOnlyList<double> DefaultSigmasPercent = [10, 20, 30, 40, 50, 60, 70, 80, 90];

    public static Command Create()
    {
        var problem = Options.File("--problem", "The problem file the result was computed on.", required: true);
        var result = Options.File("--result", "The result file written by `prunadag run`.", required: true);
        var sigmas = new Option<IReadOnlyList<double>>("--sigmas")
        {
            Description = "Target sparsities σ in percent, comma-separated; 'a,b,...,z' fills in the arithmetic progression.",
            HelpName = "LIST", DefaultValueFactory = _ => DefaultSigmasPercent,
            Arity = ArgumentArity.ExactlyOne, // one list, as every other option takes one value: a second --sigmas is an error, not ignored
            CustomParser = r =>
            {
                string tok = r.Tokens.Count > 0 ? r.Tokens[^1].Value : "";
                try { return ParseSigmas(tok); }
                catch (FormatException ex) { r.AddError(ex.Message); return DefaultSigmasPercent; }
            },
        };
        var cmd = new Command("prune", "Prune a result's solution to each σ and print σ, the achieved sparsity, ρ = ‖∇f(x̄)‖ and ω = sqrt|f(x̄) − f(x)|.")
        {
            problem, result, sigmas,
        };
        cmd.SetAction(p => Execute(p.GetRequiredValue(problem), p.GetRequiredValue(result), p.GetValue(sigmas)!, p.InvocationConfiguration.Output));
        return cmd;
    }

    /// <summary>
    /// Parses "10,20,30" (percent). An entry "..." between two known entries continues the progression they
    /// start: "10,20,...,90" is 10, 20, …, 90.
    /// </summary>
    /// <exception cref="FormatException">An entry is not a number, is outside 0..100, or "..." is misplaced.</exception>
    public static IReadOnlyList<double> ParseSigmas(string text)
    {
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        var values = new List<double>();
        for (int i = 0; i < parts.Length; i++)
        {
            if (parts[i] is "..." or "…")
            {
                if (values.Count < 2 || i + 1 >= parts.Length)
                    throw new FormatException($"--sigmas: '...' at entry {i} needs two values before it and one after (e.g. 10,20,...,90).");
                double step = values[^1] - values[^2], last = ParseOne(parts[i + 1], i + 1);
                if (!(step > 0) || last < values[^1])
                    throw new FormatException($"--sigmas: '...' at entry {i} needs an increasing progression ending at or after {values[^1]}.");
                double start = values[^2];
                // Each value from the start and the step (not by repeated addition) so 10,20,...,90 stays exact.
                for (int j = 2; ; j++)
                {
                    double v = Math.Round(start + j * step, 9);
                    if (v > last + 1e-9) break;
                    values.Add(v);
                }
                if (values[^1] != last) values.Add(last);
                i++;
                continue;
            }
            values.Add(ParseOne(parts[i], i));
        }
        return values;
    }

    private static double ParseOne(string s, int index)
    {
        if (!double.TryParse(s.TrimEnd('%'), NumberStyles.Float, CultureInfo.InvariantCulture, out double v))
            throw new FormatException($"--sigmas: entry {index} '{s}' is not a number.");
        if (!(v >= 0 && v <= 100))
            throw new FormatException($"--sigmas: entry {index} = {s} is outside 0..100 (σ is in percent).");
        return v;
    }

    public static int Execute(string problemPath, string resultPath, IReadOnlyList<double> sigmasPercent, TextWriter stdout)
    {
        // prune writes no file; its two inputs must be files.
        PathChecks.InputFile("--problem", problemPath);
        PathChecks.InputFile("--result", resultPath);
        var problem = ProblemFile.Load(problemPath);
        var result = ResultFile.Load(resultPath);
        if (result.Dimension != problem.Dimension)
            throw new CliUsageException($"{resultPath}: field \"n\" = {result.Dimension} but {problemPath} has n = {problem.Dimension}; the result belongs to another problem.");
        var objective = problem.ToObjective();
        // The library takes σ as fractions; the CLI speaks percent.
        var profile = Pruning.Profile(objective, result.Solution, sigmasPercent.Select(s => s / 100.0), label: result.Method.DisplayName);
        stdout.WriteLine($"{result.Method.DisplayName} on {problemPath} (n = {problem.Dimension}): {result.Iterations} iterations, {result.StopReason}");
        var table = new TextTable("σ (%)", "achieved (%)", "ρ", "ω");
        for (int i = 0; i < profile.Points.Count; i++)
        {
            var pt = profile.Points[i];
            table.Add(sigmasPercent[i].ToString("0.##", CultureInfo.InvariantCulture),
                (pt.AchievedSparsity * 100).ToString("0.##", CultureInfo.InvariantCulture),
                Options.G4(pt.Rho), Options.G4(pt.Omega));
        }
        stdout.Write(table.ToString());
        return ExitCodes.Success;
    }
}
