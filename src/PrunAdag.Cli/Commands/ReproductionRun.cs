using System.Diagnostics;
using System.Globalization;
using PrunAdag.Experiments;
using PrunAdag.IO;

namespace PrunAdag.Cli.Commands;

/// <summary>
/// What every <c>prunadag reproduce</c> family does with its plan: run it with Ctrl+C stopping cleanly, append
/// <c>results.csv</c> as runs finish (kept as <c>results.csv.partial</c> when interrupted, removed when a run fails,
/// e.g. on a corrupt data file, so nothing half-written stays), then write <c>table.md</c> and <c>report.html</c> (an
/// interrupted run over an earlier complete one writes <c>table.partial.md</c> and <c>report.partial.html</c> instead, so
/// the earlier run's three files still agree).
/// </summary>
internal static class ReproductionRun
{
    /// <summary>Runs <paramref name="plan"/> into <paramref name="outDir"/> and returns the exit code.</summary>
    /// <param name="plan">What to run.</param>
    /// <param name="outDir">The output folder (created here when missing, and removed again when a failed run leaves it empty).</param>
    /// <param name="stdout">Where progress and the table go.</param>
    /// <param name="progressLine">The line printed for a finished run (given the record, the count done and the clock), or null to print none.</param>
    /// <param name="outputs">The Markdown table and the HTML report of the results (given the wall time in seconds, formatted).</param>
    /// <param name="interruptible">True when Ctrl+C/SIGTERM should stop the run (the command line), false in tests.</param>
    /// <param name="cancellationToken">Stops the run, as Ctrl+C does.</param>
    public static int Execute(ExperimentPlan plan, string outDir, TextWriter stdout, Func<ExperimentRecord, int, Stopwatch, string?> progressLine,
        Func<ExperimentResults, string, (string Markdown, string Html)> outputs, bool interruptible, CancellationToken cancellationToken)
    {
        bool createdOut = PathChecks.OutputFolder("--out", outDir);
        int total = plan.Problems.Count * plan.Seeds.Count * plan.Methods.Count;
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var interruption = new Interruption(cts, interruptible);
        var csvPath = Path.Combine(outDir, "results.csv");
        bool earlierRun = File.Exists(csvPath); // a complete run of before, which only a complete run replaces
        var clock = Stopwatch.StartNew();
        ExperimentResults results;
        using (var csv = new ExperimentCsv(csvPath))
        {
            int done = 0;
            try
            {
                results = ExperimentRunner.Run(plan, progress: null, onRecord: r =>
                {
                    csv.Append(r);
                    if (progressLine(r, ++done, clock) is { } line) stdout.WriteLine(line);
                }, cts.Token);
            }
            catch
            {
                // A failed run (e.g. a corrupt or empty data file) is not an interruption: leave nothing half-written.
                csv.Dispose();
                File.Delete(csv.PartialPath);
                if (createdOut && !Directory.EnumerateFileSystemEntries(outDir).Any()) Directory.Delete(outDir);
                throw;
            }
            if (results.Completed) csv.Complete(results);
        }
        string seconds = clock.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture);
        var (markdown, html) = outputs(results, seconds);
        // An interrupted run over an earlier complete one keeps that run's table and report beside its results.csv
        // (they agree with each other) and writes its own as table.partial.md and report.partial.html.
        string suffix = !results.Completed && earlierRun ? ".partial" : "";
        var mdPath = Path.Combine(outDir, $"table{suffix}.md");
        AtomicFile.WriteAllText(mdPath, markdown);
        var htmlPath = Path.Combine(outDir, $"report{suffix}.html");
        AtomicFile.WriteAllText(htmlPath, html);

        stdout.WriteLine();
        stdout.Write(markdown);
        stdout.WriteLine($"{results.Records.Count} of {total} runs in {seconds} s.");
        if (!results.Completed)
        {
            stdout.WriteLine($"interrupted: kept {results.Records.Count} finished runs in {csvPath}.partial; the table and report cover only those.");
            if (earlierRun) stdout.WriteLine($"the earlier complete run in {outDir} (results.csv, table.md, report.html) is kept as it was.");
            stdout.WriteLine($"wrote {mdPath}");
            stdout.WriteLine($"wrote {htmlPath}");
            return ExitCodes.Interrupted;
        }
        stdout.WriteLine($"wrote {csvPath}");
        stdout.WriteLine($"wrote {mdPath}");
        stdout.WriteLine($"report: {htmlPath}");
        return ExitCodes.Success;
    }
}
