using System.Diagnostics;

namespace PrunAdag.Package.Tests;

/// <summary>The local feed of packed packages (artifacts/feed), made by eng/pack-local.sh if it is not there yet.</summary>
public sealed class LocalFeed
{
    private static readonly Lazy<LocalFeed> Shared = new(Create);

    private LocalFeed(string repoRoot, string directory, string version) { RepoRoot = repoRoot; Directory = directory; Version = version; }

    /// <summary>The repository root (the folder holding PrunAdag.Interactive.sln).</summary>
    public string RepoRoot { get; }
    /// <summary>artifacts/feed.</summary>
    public string Directory { get; }
    /// <summary>The unique prerelease version of the three packages.</summary>
    public string Version { get; }

    public static LocalFeed Instance => Shared.Value;

    public string Package(string id) => Path.Combine(Directory, $"{id}.{Version}.nupkg");

    private static LocalFeed Create()
    {
        string root = FindRepoRoot();
        string feed = Path.Combine(root, "artifacts", "feed");
        string versionFile = Path.Combine(feed, "version.txt");
        if (!File.Exists(versionFile))
        {
            var (code, output) = Processes.Run("bash", [Path.Combine(root, "eng", "pack-local.sh")], root, TimeSpan.FromMinutes(10));
            if (code != 0) throw new InvalidOperationException($"eng/pack-local.sh failed with exit code {code}:\n{output}");
        }
        string version = File.ReadAllText(versionFile).Trim();
        return new LocalFeed(root, feed, version);
    }

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "PrunAdag.Interactive.sln"))) return dir.FullName;
        throw new InvalidOperationException($"No PrunAdag.Interactive.sln above {AppContext.BaseDirectory}.");
    }
}

/// <summary>Runs a process to completion, capturing stdout and stderr together.</summary>
internal static class Processes
{
    public static (int ExitCode, string Output) Run(string file, IEnumerable<string> args, string workingDirectory, TimeSpan timeout)
    {
        var psi = new ProcessStartInfo(file)
        {
            WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        psi.Environment["DOTNET_NOLOGO"] = "1";
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(timeout))
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', args)} did not finish within {timeout}.");
        }
        p.WaitForExit();
        return (p.ExitCode, stdout.Result + stderr.Result);
    }
}
