using System.Diagnostics;

namespace PrunAdag.Charts.Tests.Browser;

/// <summary>
/// Renders a local HTML file in headless Chromium with the network off (every host name resolves
/// to nothing) and returns the DOM after scripts ran. Needs /usr/bin/chromium (Debian: apt-get install -y chromium).
/// </summary>
internal static class HeadlessChromium
{
    public const string Executable = "/usr/bin/chromium";

    /// <summary>The switches every launch uses: headless, no sandbox (CI runs as root), nothing that reaches the network.</summary>
    public static readonly string[] Switches =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-extensions",
    ];

    /// <summary>
    /// Skips the calling test when Chromium is missing, with the reason, except in CI (CI=true), where a
    /// missing browser is a broken setup and fails the test with the same message.
    /// </summary>
    public static void Require()
    {
        if (File.Exists(Executable)) return;
        string message = $"{Executable} is missing: the browser tests need Chromium (Debian: apt-get install -y chromium; .ci/run installs it).";
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            throw new InvalidOperationException(message + " CI=true, so this fails instead of skipping.");
        Skip.If(true, message);
    }

    public static string DumpDom(string htmlPath)
    {
        Require();
        string profile = Directory.CreateTempSubdirectory("prunadag-chromium-").FullName;
        try
        {
            var psi = new ProcessStartInfo(Executable)
            {
                RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            };
            foreach (var a in Switches.Concat(
            [
                "--user-data-dir=" + profile,
                "--host-resolver-rules=MAP * ~NOTFOUND", "--virtual-time-budget=15000", "--dump-dom",
                new Uri(Path.GetFullPath(htmlPath)).AbsoluteUri,
            ])) psi.ArgumentList.Add(a);
            using var p = Process.Start(psi)!;
            var stdout = p.StandardOutput.ReadToEndAsync();
            var stderr = p.StandardError.ReadToEndAsync();
            if (!p.WaitForExit(120_000))
            {
                p.Kill(entireProcessTree: true);
                throw new TimeoutException($"Chromium did not finish rendering {htmlPath} within 120 s.");
            }
            if (p.ExitCode != 0) throw new InvalidOperationException($"Chromium exited with {p.ExitCode}: {stderr.Result}");
            return stdout.Result;
        }
        finally
        {
            try { Directory.Delete(profile, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }
}
