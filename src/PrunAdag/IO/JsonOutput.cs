using System.Globalization;
using System.Text;

namespace PrunAdag.IO;

/// <summary>
/// Writes the JSON file formats by hand so that the layout stays readable (one matrix row or one
/// vector per line) and every double is written in its shortest round-trip form.
/// </summary>
internal static class JsonOutput
{
    /// <summary>
    /// The shortest text that parses back to exactly <paramref name="v"/> ("R" formatting); NaN and ±∞,
    /// which JSON numbers cannot hold, become the strings "NaN", "Infinity", "-Infinity" (the spellings of
    /// System.Text.Json's <c>JsonNumberHandling.AllowNamedFloatingPointLiterals</c>).
    /// </summary>
    public static string Number(double v)
    {
        if (double.IsNaN(v)) return "\"NaN\"";
        if (double.IsPositiveInfinity(v)) return "\"Infinity\"";
        if (double.IsNegativeInfinity(v)) return "\"-Infinity\"";
        return v.ToString("R", CultureInfo.InvariantCulture);
    }

    public static string Int(int v) => v.ToString(CultureInfo.InvariantCulture);

    private static readonly System.Text.Json.JsonSerializerOptions StringOptions = new()
    {
        // Keep "×", "σ" etc. readable in files; the files are never embedded in HTML.
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>A JSON string literal (escaped with System.Text.Json's rules, non-ASCII kept as is).</summary>
    public static string String(string s) => System.Text.Json.JsonSerializer.Serialize(s, StringOptions);

    public static void Array(StringBuilder sb, IEnumerable<double> values)
    {
        sb.Append('[');
        bool first = true;
        foreach (double v in values)
        {
            if (!first) sb.Append(',');
            sb.Append(Number(v));
            first = false;
        }
        sb.Append(']');
    }

    public static void Array(StringBuilder sb, IEnumerable<int> values)
    {
        sb.Append('[');
        bool first = true;
        foreach (int v in values)
        {
            if (!first) sb.Append(',');
            sb.Append(Int(v));
            first = false;
        }
        sb.Append(']');
    }
}

/// <summary>Writes a file so that readers never see a half-written one.</summary>
public static class AtomicFile
{
    /// <summary>
    /// Writes <paramref name="text"/> (UTF-8, no BOM) to a temporary file in the destination's folder,
    /// flushes it to disk, then renames it over <paramref name="path"/> (a rename within one folder is atomic).
    /// </summary>
    /// <exception cref="IOException">The file cannot be written; the message names <paramref name="path"/>, never the temporary file.</exception>
    public static void WriteAllText(string path, string text)
    {
        string full = CheckDestination(path);
        string temp = TemporaryName(full);
        try
        {
            using (var fs = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                var bytes = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(text);
                fs.Write(bytes);
                fs.Flush(flushToDisk: true);
            }
            File.Move(temp, full, overwrite: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            try { File.Delete(temp); } catch (Exception e) when (e is IOException or UnauthorizedAccessException) { /* best effort: the original error matters more */ }
            throw CannotWrite(path, full, temp, ex);
        }
    }

    /// <summary>
    /// Checks, before any long work, that <see cref="WriteAllText"/> could write <paramref name="path"/>: it is not a
    /// folder, its folder exists, and a file can be created there (a temporary file is created and deleted, so
    /// read-only file systems, pseudo file systems such as /proc and missing permissions are all found).
    /// </summary>
    /// <exception cref="IOException">The file could not be written; the message names <paramref name="path"/> and says why.</exception>
    public static void EnsureWritable(string path)
    {
        string full = CheckDestination(path);
        string probe = TemporaryName(full);
        try
        {
            using (new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose)) { }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            try { File.Delete(probe); } catch (Exception e) when (e is IOException or UnauthorizedAccessException) { /* it was never created */ }
            throw CannotWrite(path, full, probe, ex);
        }
    }

    private static string CheckDestination(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        string full = Path.GetFullPath(path);
        if (Directory.Exists(full))
            throw new IOException($"{path}: is a folder; give the path of a file to write.");
        string dir = Path.GetDirectoryName(full) ?? ".";
        if (!Directory.Exists(dir))
            throw new DirectoryNotFoundException($"{path}: cannot write the file because the folder '{dir}' does not exist.");
        return full;
    }

    private static string TemporaryName(string full) =>
        Path.Combine(Path.GetDirectoryName(full) ?? ".", $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");

    private static IOException CannotWrite(string path, string full, string temp, Exception ex)
    {
        string dir = Path.GetDirectoryName(full) ?? ".";
        // The folder exists (checked first), so "not found" on creating a file means the file system takes no new
        // files there (a pseudo file system such as /proc).
        string why = ex is UnauthorizedAccessException ? "permission denied"
            : ex is FileNotFoundException or DirectoryNotFoundException ? "the file system does not take new files there"
            : ex.Message.Replace(temp, full, StringComparison.Ordinal).Replace(Path.GetFileName(temp), Path.GetFileName(full), StringComparison.Ordinal).TrimEnd('.');
        return new IOException($"{path}: cannot write a file in the folder '{dir}': {why}.", ex);
    }
}
