using System.Diagnostics;

namespace PrunAdag.Charts.Tests.Browser;

/// <summary>
/// Renders a local HTML file in headless Chromium with the network off (every host name resolves
/// to nothing) and returns the DOM after scripts ran. Needs /usr/bin/chromium (Debian: apt-get install -y chromium).
/// </summary>
internal static class HeadlessChromium
{
    public const string Executable = "/usr/bin/chromium";

    public static string DumpDom(string htmlPath)
    {
        if (!File.Exists(Executable))
            throw new InvalidOperationException($"{Executable} is missing: the real-browser tests need Chromium (apt-get install -y chromium).");
        string profile = Directory.CreateTempSubdirectory("prunadag-chromium-").FullName;
        try
        {
            var psi = new ProcessStartInfo(Executable)
            {
                RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            };
            foreach (var a in new[]
            {
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--disable-extensions", "--user-data-dir=" + profile,
                "--host-resolver-rules=MAP * ~NOTFOUND", "--virtual-time-budget=15000", "--dump-dom",
                new Uri(Path.GetFullPath(htmlPath)).AbsoluteUri,
            }) psi.ArgumentList.Add(a);
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
