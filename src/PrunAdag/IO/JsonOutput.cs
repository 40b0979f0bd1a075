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

    /// <summary>
    /// A JSON string literal (escaped with System.Text.Json's rules, non-ASCII kept as is: "×", "σ" stay readable in
    /// files, which are never embedded in HTML). No reflection-based serialisation, which file-based apps and trimmed or
    /// native-AOT programs switch off.
    /// </summary>
    public static string String(string s) =>
        "\"" + System.Text.Json.JsonEncodedText.Encode(s, System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping).Value + "\"";

    public static void Array(TextWriter w, IEnumerable<double> values) => Array(w, values, Number);

    public static void Array(TextWriter w, IEnumerable<int> values) => Array(w, values, Int);

    // [v0,v1,…] with each value in its JSON form.
    private static void Array<T>(TextWriter w, IEnumerable<T> values, Func<T, string> json)
    {
        w.Write('[');
        bool first = true;
        foreach (var v in values)
        {
            if (!first) w.Write(',');
            w.Write(json(v));
            first = false;
        }
        w.Write(']');
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
    /// <remarks>
    /// A symbolic link is written through: its final target is replaced and the link kept. A device or a named pipe
    /// (<c>/dev/null</c>, <c>/dev/stdout</c>, a FIFO) has no folder entry to replace, so it takes the bytes as they are
    /// written.
    /// </remarks>
    public static void WriteAllText(string path, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        Write(path, stream => stream.Write(new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(text)));
    }

    /// <summary>
    /// As <see cref="WriteAllText"/>, with the UTF-8 text written by <paramref name="write"/> as it goes, so a text larger
    /// than a string can hold (the trace of a run of 10⁸ iterations) is never held whole.
    /// </summary>
    internal static void WriteText(string path, Action<TextWriter> write) =>
        Write(path, stream =>
        {
            using var w = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), 1 << 16, leaveOpen: true);
            write(w);
        });

    private static void Write(string path, Action<Stream> write)
    {
        var (full, kind) = Destination(path);
        if (kind == FileKind.Other)
        {
            try
            {
                using var stream = new FileStream(full, FileMode.Open, FileAccess.Write, FileShare.ReadWrite);
                write(stream);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new IOException($"{path}: cannot write: {(ex is UnauthorizedAccessException ? "permission denied" : ex.Message.TrimEnd('.'))}.", ex);
            }
            return;
        }
        string temp = TemporaryName(full);
        try
        {
            using (var fs = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                write(fs);
                fs.Flush(flushToDisk: true);
            }
            File.Move(temp, full, overwrite: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            DeleteQuietly(temp);
            throw CannotWrite(path, full, temp, ex);
        }
        catch
        {
            DeleteQuietly(temp); // whatever stopped the writer (e.g. memory), no temporary file stays behind
            throw;
        }
    }

    private static void DeleteQuietly(string temp)
    {
        try { File.Delete(temp); } catch (Exception e) when (e is IOException or UnauthorizedAccessException) { /* best effort: the original error matters more */ }
    }

    /// <summary>
    /// Checks, before any long work, that <see cref="WriteAllText"/> could write <paramref name="path"/>: it is not a
    /// folder, its folder exists, and a file can be created there (a temporary file is created and deleted, so
    /// read-only file systems, pseudo file systems such as /proc and missing permissions are all found).
    /// </summary>
    /// <exception cref="IOException">The file could not be written; the message names <paramref name="path"/> and says why.</exception>
    public static void EnsureWritable(string path)
    {
        var (full, kind) = Destination(path);
        if (kind == FileKind.Other) return; // a device or pipe: opening it to try could block (a FIFO without a reader) or have effects
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

    /// <summary>
    /// The file to write for <paramref name="path"/>: the path itself, or the final target of a symbolic link (so the
    /// link survives the rename), and what is there now.
    /// </summary>
    private static (string Full, FileKind Kind) Destination(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        string full = Path.GetFullPath(path);
        var kind = FileKinds.Of(full);
        if (kind == FileKind.Directory)
            throw new IOException($"{path}: is a folder; give the path of a file to write.");
        if (kind != FileKind.Other && new FileInfo(full).LinkTarget is not null)
            full = File.ResolveLinkTarget(full, returnFinalTarget: true)?.FullName ?? full;
        string dir = Path.GetDirectoryName(full) ?? ".";
        if (!Directory.Exists(dir))
            throw new DirectoryNotFoundException(full == Path.GetFullPath(path)
                ? $"{path}: cannot write the file because the folder '{dir}' does not exist."
                : $"{path}: is a symbolic link to '{full}', whose folder '{dir}' does not exist.");
        return (full, kind);
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

/// <summary>What a path names, following symbolic links.</summary>
internal enum FileKind { Missing, Regular, Directory, Other }

/// <summary>
/// The type of file at a path. On Unix it is read with stat(2) through .NET's own native shim (libSystem.Native, part of
/// every .NET runtime, whose mode bits are the same on every Unix), because <see cref="FileInfo"/> does not tell a
/// device or a named pipe from a regular file. Elsewhere, or if the shim cannot be called, devices are not told apart.
/// </summary>
internal static class FileKinds
{
    private const int TypeMask = 0xF000, Regular = 0x8000, DirectoryType = 0x4000; // S_IFMT, S_IFREG, S_IFDIR of the shim

    [System.Runtime.InteropServices.DllImport("libSystem.Native", EntryPoint = "SystemNative_Stat", SetLastError = true)]
    private static extern int Stat([System.Runtime.InteropServices.MarshalAs(System.Runtime.InteropServices.UnmanagedType.LPUTF8Str)] string path, [System.Runtime.InteropServices.Out] byte[] status);

    public static FileKind Of(string fullPath)
    {
        if (!OperatingSystem.IsWindows())
        {
            try
            {
                var status = new byte[512]; // larger than the shim's FileStatus; its mode is the int at offset 4
                if (Stat(fullPath, status) != 0) return Directory.Exists(fullPath) ? FileKind.Directory : FileKind.Missing;
                return (BitConverter.ToInt32(status, 4) & TypeMask) switch
                {
                    Regular => FileKind.Regular,
                    DirectoryType => FileKind.Directory,
                    _ => FileKind.Other,
                };
            }
            catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException) { /* below */ }
        }
        return Directory.Exists(fullPath) ? FileKind.Directory : File.Exists(fullPath) ? FileKind.Regular : FileKind.Missing;
    }
}
