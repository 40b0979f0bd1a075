using System.Security.Cryptography;

namespace PrunAdag.Data;

/// <summary>One file of the data folder: where it goes, where it comes from, what reads it and its known checksums.</summary>
/// <param name="RelativePath">The path inside the data folder, with '/' separators (e.g. <c>a9a/a9a.gz</c>).</param>
/// <param name="Origin">The public source of the file.</param>
/// <param name="UsedBy">The problems that read it, or a note when none does.</param>
/// <param name="FileMd5">MD5 of the file exactly as its publisher distributes it (MNIST's .gz files), or null.</param>
/// <param name="ContentMd5">MD5 of the content once gunzipped (or of the file itself when it is not gzip'd).</param>
public sealed record ExpectedDataFile(string RelativePath, string Origin, string UsedBy, string? FileMd5, string ContentMd5);

/// <summary>What <see cref="DataSets.Check"/> found for one file.</summary>
public enum DataFileStatus
{
    /// <summary>Present, and its MD5 (of the file, or of its gunzipped content) is the known one.</summary>
    Ok,

    /// <summary>Not in the folder. The problems that need it run on their synthetic stand-ins.</summary>
    Missing,

    /// <summary>Present and readable, but neither MD5 matches: another version, or a damaged copy.</summary>
    BadChecksum,

    /// <summary>Present but unreadable: a folder in its place, an empty file, or a gzip stream that fails its checks.</summary>
    Corrupt,
}

/// <summary>The check of one expected file.</summary>
/// <param name="File">The expected file.</param>
/// <param name="Path">Where it was looked for.</param>
/// <param name="Status">What was found.</param>
/// <param name="Detail">One line: which checksum matched, or what is wrong.</param>
public sealed record DataFileCheck(ExpectedDataFile File, string Path, DataFileStatus Status, string Detail);

/// <summary>
/// The data folder the paper's data-backed problems read (<c>mnist/</c>, <c>a9a/</c>, <c>reged0/</c>; see the README's
/// "Data" section) and a check of a folder against the files' known checksums.
/// </summary>
public static class DataSets
{
    private const string Mnist = "MNIST (Y. LeCun, C. Cortes, C. J. C. Burges), the file as distributed";
    private const string Libsvm = "LIBSVM Data, binary classification: a9a (UCI Adult, J. Platt's binarisation), gzip'd";
    private const string Reged = "Causality Workbench, Causation and Prediction challenge (Guyon et al., 2008): REGED0";

    /// <summary>Every file the data folder is expected to hold, in the order <c>prunadag data check</c> lists them.</summary>
    public static IReadOnlyList<ExpectedDataFile> Expected { get; } =
    [
        new("mnist/t10k-images-idx3-ubyte.gz", Mnist, "classification:mnist, sparse-coding:mnist, neural:mnist-mlp",
            "9fb629c4189551a2d022fa330f9573f3", "2646ac647ad5339dbf082846283269ea"),
        new("mnist/t10k-labels-idx1-ubyte.gz", Mnist, "classification:mnist, neural:mnist-mlp",
            "ec29112dd5afa0611ce80d1b7f02629c", "27ae3e4e09519cfbb04c329615203637"),
        new("mnist/train-labels-idx1-ubyte.gz", Mnist, "none (kept with the MNIST set)",
            "d53e105ee54ea40749a09fcbcd1e9432", "a25bea736e30d166cdddb491f175f624"),
        new("a9a/a9a.gz", Libsvm + " (file a9a)", "classification:a9a, neural:a9a-logistic", null, "fb3596510d780aaf76a06dc721d49662"),
        new("a9a/a9a.t.gz", Libsvm + " (file a9a.t, the test set)", "neural:a9a-logistic", null, "9107a83152b3486d7e5e7f29543914c0"),
        new("reged0/reged0_train.data.gz", Reged + " training data, gzip'd", "classification:reged0", null, "bb13024c01a63613939cf9ae0aa10013"),
        new("reged0/reged0_train.targets", Reged + " training targets", "classification:reged0", null, "b7d9fdecce8946b4ec37fadbacbf72a2"),
    ];

    /// <summary>
    /// The files of <see cref="Expected"/> that <paramref name="problem"/> reads (its canonical name, e.g.
    /// <c>classification:mnist</c>); empty for a problem that reads no data.
    /// </summary>
    public static IReadOnlyList<string> NeededBy(string problem) =>
        [.. Expected.Where(f => f.UsedBy.Split(", ").Contains(problem)).Select(f => f.RelativePath)];

    /// <summary>
    /// Null when every file <paramref name="problem"/> reads is in the data folder; otherwise one line naming each one
    /// missing (the planners then run the problem's synthetic stand-in).
    /// </summary>
    internal static string? Missing(string problem, string? dataDirectory)
    {
        var needed = NeededBy(problem);
        if (needed.Count == 0) return null;
        string? root = dataDirectory ?? DataLocator.Find();
        if (root is null) // one sentence for all the files, not one per file
            return $"no data folder was given and none was found (set {DataLocator.EnvironmentVariable} or pass the folder); it needs {string.Join(", ", needed)}";
        var missing = needed.Where(f => !DataLocator.IsThere(Path.Combine(root, f))).ToArray();
        return missing.Length == 0 ? null
            : $"the data folder {Path.GetFullPath(root)} has no {string.Join(" and no ", missing)}";
    }

    /// <summary>Checks each of <see cref="Expected"/> in <paramref name="dataDirectory"/>: present, readable, known checksum.</summary>
    /// <param name="dataDirectory">The data folder (it need not exist: then every file is missing).</param>
    public static IReadOnlyList<DataFileCheck> Check(string dataDirectory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataDirectory);
        return Expected.Select(e => CheckOne(e, System.IO.Path.GetFullPath(System.IO.Path.Combine(dataDirectory, e.RelativePath)))).ToArray();
    }

    private static DataFileCheck CheckOne(ExpectedDataFile e, string path)
    {
        if (Directory.Exists(path)) return new(e, path, DataFileStatus.Corrupt, "a folder, not a file");
        if (!DataLocator.IsThere(path))
            return new(e, path, DataFileStatus.Missing, new FileInfo(path).LinkTarget is { } to ? $"not found: a symbolic link to {to}, which is not there" : "not found");
        long length = new FileInfo(path).Length;
        if (length > DataFile.DefaultMaxBytes)
            return new(e, path, DataFileStatus.Corrupt, $"{length} bytes, more than the limit of {DataFile.DefaultMaxBytes} for a data file");
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return new(e, path, DataFileStatus.Corrupt, $"cannot be read: {ex.Message}");
        }
        if (bytes.Length == 0) return new(e, path, DataFileStatus.Corrupt, "the file is empty (0 bytes)");
        string fileMd5 = Md5(bytes);
        if (e.FileMd5 is { } known && fileMd5 == known)
            return new(e, path, DataFileStatus.Ok, $"md5 {fileMd5}: the published file");
        byte[] content;
        try
        {
            content = Gzip.HasMagic(bytes) ? Gzip.Decompress(bytes, path, DataFile.DefaultMaxBytes) : bytes;
        }
        catch (FormatException ex)
        {
            return new(e, path, DataFileStatus.Corrupt, ex.Message.StartsWith(path + ": ", StringComparison.Ordinal) ? ex.Message[(path.Length + 2)..] : ex.Message);
        }
        string contentMd5 = Md5(content);
        if (contentMd5 == e.ContentMd5)
            return new(e, path, DataFileStatus.Ok, ReferenceEquals(content, bytes) ? $"md5 {contentMd5}" : $"md5 of the gunzipped content {contentMd5}");
        string expected = e.FileMd5 is { } f ? $"md5 {f} (the file) or {e.ContentMd5} (its content)" : $"md5 {e.ContentMd5}";
        string actual = ReferenceEquals(content, bytes) ? $"md5 {fileMd5}" : $"md5 {fileMd5}, gunzipped content md5 {contentMd5}";
        return new(e, path, DataFileStatus.BadChecksum, $"{actual}; expected {expected}");
    }

    private static string Md5(byte[] data) => Convert.ToHexStringLower(MD5.HashData(data));
}
