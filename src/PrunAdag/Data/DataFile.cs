namespace PrunAdag.Data;

/// <summary>
/// Reads a data file into memory, gunzipping it when it starts with the gzip magic 0x1f 0x8b (whatever its
/// extension) with the strict decoder <see cref="Gzip"/>: every member's trailer (CRC-32 and size) is checked,
/// so a truncated or corrupted file is an error, never a shorter file. The output buffer grows only as real
/// bytes arrive, so a header that claims a huge size cannot cause a huge allocation: the readers compare
/// header sizes with the length returned here before allocating.
/// </summary>
internal static class DataFile
{
    /// <summary>Default cap on the (decompressed) size of one file: 256 MiB, five times the largest MNIST file; it also bounds the memory a hostile text file can make a reader use (a few bytes per parsed value).</summary>
    public const long DefaultMaxBytes = 1L << 28;

    /// <exception cref="FileNotFoundException">No such file.</exception>
    /// <exception cref="FormatException">The file is empty, too large, a folder, or a corrupt gzip stream (the message names the file and the offset).</exception>
    public static byte[] ReadAll(string path, long maxBytes = DefaultMaxBytes)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (Directory.Exists(path))
            throw new FormatException($"{path}: is a folder, not a data file.");
        if (!File.Exists(path))
            throw new FileNotFoundException($"Data file not found: {Path.GetFullPath(path)}", path);
        byte[] bytes;
        using (var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16))
        {
            if (file.Length == 0)
                throw new FormatException($"{path}: byte offset 0: the file is empty (0 bytes).");
            if (file.Length > maxBytes)
                throw new FormatException($"{path}: the file has {file.Length} bytes, more than the limit of {maxBytes}.");
            bytes = new byte[file.Length];
            file.ReadExactly(bytes);
        }
        return Gzip.HasMagic(bytes) ? Gzip.Decompress(bytes, path, maxBytes) : bytes;
    }
}
