using PrunAdag.IO;

namespace PrunAdag.Cli.Commands;

/// <summary>
/// Checks of the command line's file options before any work starts: an input is a file, an output can be
/// written, and no output is one of the inputs (under another spelling or through a symbolic link), so a
/// command can never replace its own input with its result.
/// </summary>
internal static class PathChecks
{
    /// <summary>An input option names a file, not a folder (a missing file is reported by the reader, naming it).</summary>
    public static void InputFile(string option, string path)
    {
        if (Directory.Exists(path))
            throw new CliUsageException($"{option} {path}: is a folder, not a file.");
    }

    /// <summary>
    /// An output option is not one of <paramref name="inputs"/> and can be written (its folder exists and takes a
    /// new file: checked by creating and deleting a temporary file there).
    /// </summary>
    public static void OutputFile(string option, string path, params (string Option, string Path)[] inputs)
    {
        foreach (var (inputOption, inputPath) in inputs)
            if (SameFile(path, inputPath))
                throw new CliUsageException($"{option} {path} is the same file as {inputOption} {inputPath}: the result would replace the input. Choose another output file.");
        try { AtomicFile.EnsureWritable(path); }
        catch (IOException ex) { throw new CliUsageException($"{option} {ex.Message}"); }
    }

    /// <summary>Wraps a failure to write <paramref name="path"/> after the work as a user error naming the option.</summary>
    public static void Write(string option, string path, Action write)
    {
        try { write(); }
        catch (IOException ex) { throw new CliUsageException($"{option} {ex.Message}"); }
    }

    /// <summary>True when the two paths name the same file: same full path once every symbolic link on the way is resolved.</summary>
    public static bool SameFile(string a, string b) =>
        string.Equals(Canonical(a), Canonical(b), OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);

    /// <summary>The full path with every existing symbolic link among its components resolved (at most 40 links, like the kernel).</summary>
    internal static string Canonical(string path)
    {
        int links = 0;
        return Resolve(Path.GetFullPath(path), ref links);
    }

    private static string Resolve(string full, ref int links)
    {
        string root = Path.GetPathRoot(full) ?? "";
        string current = root;
        foreach (var part in full[root.Length..].Split(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries))
        {
            string next = Path.Combine(current, part);
            FileSystemInfo info = Directory.Exists(next) ? new DirectoryInfo(next) : new FileInfo(next);
            if (info.Exists && info.LinkTarget is { } target && ++links <= 40)
                next = Resolve(Path.GetFullPath(target, current), ref links);
            current = next;
        }
        return current;
    }
}
