namespace PrunAdag.Data;

/// <summary>
/// Finds the shared data folder (with <c>mnist</c>, <c>a9a</c>, <c>reged0</c> subfolders) when none is given:
/// the <c>PRUNADAG_DATA</c> environment variable, else the first <c>shared/data</c> folder found walking up
/// from the application folder and then from the current folder (the repository's <c>../shared/data</c>).
/// </summary>
public static class DataLocator
{
    /// <summary>The environment variable that names the data folder.</summary>
    public const string EnvironmentVariable = "PRUNADAG_DATA";

    /// <summary>The data folder, or null when none was found.</summary>
    public static string? Find()
    {
        var env = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(env)) return env;
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var d = new DirectoryInfo(start); d is not null; d = d.Parent)
            {
                var candidate = Path.Combine(d.FullName, "shared", "data");
                if (Directory.Exists(candidate)) return candidate;
            }
        }
        return null;
    }

    /// <summary>
    /// The file <paramref name="relativePath"/> inside <paramref name="dataDirectory"/> (or the located folder);
    /// throws a <see cref="FileNotFoundException"/> naming the expected path when it does not exist.
    /// </summary>
    public static string Require(string? dataDirectory, string relativePath)
    {
        var root = dataDirectory ?? Find();
        if (root is null)
            throw new FileNotFoundException(
                $"No data folder was given and none was found (set {EnvironmentVariable} or pass dataDirectory; looked for shared/data above {AppContext.BaseDirectory} and {Directory.GetCurrentDirectory()}). Expected the file {relativePath} inside it.",
                relativePath);
        var path = Path.GetFullPath(Path.Combine(root, relativePath));
        if (!IsThere(path))
            throw new FileNotFoundException($"Data file not found: expected {path} (data folder {Path.GetFullPath(root)}).", path);
        return path;
    }

    /// <summary>Whether a file is at <paramref name="path"/>: a file, or a symbolic link whose final target is one (a dangling link is no file).</summary>
    internal static bool IsThere(string path)
    {
        if (!File.Exists(path)) return false;
        if (new FileInfo(path).LinkTarget is null) return true;
        try { return File.ResolveLinkTarget(path, returnFinalTarget: true) is { Exists: true } target && target is FileInfo; }
        catch (IOException) { return false; } // a cycle of links
    }
}
