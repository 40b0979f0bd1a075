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
    /// <summary>An input folder option (<c>--data</c>) names an existing folder; a file or nothing there is one line naming which.</summary>
    public static void InputFolder(string option, string path)
    {
        if (Directory.Exists(path)) return;
        throw new CliUsageException(File.Exists(path) ? $"{option} {path}: is a file, not a folder." : $"{option} {path}: the folder does not exist.");
    }

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

    /// <summary>
    /// An output folder option: creates the folder when missing and checks that it takes a new file, before any work
    /// starts, so a folder that cannot be written is one clear error and not a loss of the results at the end. Returns
    /// true when this call created the folder (a folder created for a check that then fails is removed again).
    /// </summary>
    public static bool OutputFolder(string option, string path)
    {
        string full = Path.GetFullPath(path);
        if (File.Exists(full))
            throw new CliUsageException($"{option} {path}: is a file, not a folder.");
        bool created = !Directory.Exists(full);
        try { Directory.CreateDirectory(full); }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            string why = ex is UnauthorizedAccessException ? "permission denied"
                : ex is FileNotFoundException or DirectoryNotFoundException ? "the file system takes no new folders there"
                : CliApp.OneLine(ex.Message).TrimEnd('.');
            throw new CliUsageException($"{option} {path}: cannot create the folder: {why}.");
        }
        try { AtomicFile.EnsureWritable(Path.Combine(full, "results.csv")); } // creates and deletes a temporary file only
        catch (IOException ex)
        {
            if (created) try { Directory.Delete(full); } catch (Exception e) when (e is IOException or UnauthorizedAccessException) { /* leave it */ }
            // The message names the folder and the reason ("…: cannot write a file in the folder '…': permission denied.").
            throw new CliUsageException($"{option} {CliApp.OneLine(ex.Message)}");
        }
        return created;
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
