using System.CommandLine;
using PrunAdag.Data;

namespace PrunAdag.Cli.Commands;

/// <summary>
/// <c>prunadag data check [--data DIR]</c>: lists each file the data-backed problems expect, with found / missing /
/// bad checksum / corrupt. Exit 2 when a file that is there is wrong; missing files are reported but are no error
/// (their problems run on labelled synthetic stand-ins).
/// </summary>
internal static class DataCommand
{
    public static Command Create()
    {
        var data = new Option<string?>("--data") { Description = "The data folder to check (default: $PRUNADAG_DATA or a shared/data folder above the current one).", HelpName = "DIR" };
        var check = new Command("check", "List each expected data file (MNIST, a9a, REGED0) as found, missing, bad checksum or corrupt. Exit 2 when a file that is there is wrong.")
        {
            data,
        };
        check.SetAction(p => ExecuteCheck(p.GetValue(data), p.InvocationConfiguration.Output));
        return new Command("data", "The real data files: `prunadag data check` verifies a data folder.") { check };
    }

    public static int ExecuteCheck(string? dataOption, TextWriter stdout)
    {
        string? folder = dataOption;
        if (folder is not null)
        {
            if (File.Exists(folder)) throw new CliUsageException($"--data {folder}: is a file, not a folder.");
            PathChecks.InputFolder("--data", folder);
        }
        folder ??= DataLocator.Find();
        if (folder is null)
        {
            stdout.WriteLine($"No data folder: none given (--data), {DataLocator.EnvironmentVariable} is not set, and no shared/data folder was found above {AppContext.BaseDirectory} or {Directory.GetCurrentDirectory()}.");
            stdout.WriteLine("Every file is missing; the data-backed problems run on their synthetic stand-ins. See the README, \"Data\".");
            return ExitCodes.Success;
        }
        var checks = DataSets.Check(folder);
        stdout.WriteLine($"Data folder: {Path.GetFullPath(folder)}");
        // Left-aligned columns: file, status, used by; the detail (checksum or fault) on its own indented line.
        int w1 = checks.Max(c => c.File.RelativePath.Length), w2 = checks.Max(c => Label(c.Status).Length);
        foreach (var c in checks)
        {
            stdout.WriteLine($"{c.File.RelativePath.PadRight(w1)}  {Label(c.Status).PadRight(w2)}  used by {c.File.UsedBy}");
            stdout.WriteLine($"    {c.Detail}");
        }
        int ok = checks.Count(c => c.Status == DataFileStatus.Ok), missing = checks.Count(c => c.Status == DataFileStatus.Missing);
        int wrong = checks.Count - ok - missing;
        stdout.WriteLine($"{checks.Count} files: {ok} found, {missing} missing, {wrong} wrong.");
        if (missing > 0)
            stdout.WriteLine("Missing files are not an error: the problems that need them run on labelled synthetic stand-ins.");
        if (wrong > 0)
        {
            stdout.WriteLine("A wrong file would be read as bad data or rejected: replace it with the published file (README, \"Data\").");
            return ExitCodes.UserError;
        }
        return ExitCodes.Success;
    }

    private static string Label(DataFileStatus s) => s switch
    {
        DataFileStatus.Ok => "found",
        DataFileStatus.Missing => "missing",
        DataFileStatus.BadChecksum => "bad checksum",
        _ => "corrupt",
    };
}
