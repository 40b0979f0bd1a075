using System.IO.Compression;

namespace PrunAdag.Data;

/// <summary>
/// Reads a data file into memory, gunzipping it when it starts with the gzip magic 0x1f 0x8b (whatever its
/// extension). The buffer grows only as real bytes arrive, so a header that claims a huge size cannot cause
/// a huge allocation: the readers compare header sizes with the length returned here before allocating.
/// </summary>
internal static class DataFile
{
    /// <summary>Default cap on the (decompressed) size of one file: 256 MiB, five times the largest MNIST file; it also bounds the memory a hostile text file can make a reader use (a few bytes per parsed value).</summary>
    public const long DefaultMaxBytes = 1L << 28;

    public static byte[] ReadAll(string path, long maxBytes = DefaultMaxBytes)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path))
            throw new FileNotFoundException($"Data file not found: {Path.GetFullPath(path)}", path);
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        int b0 = file.ReadByte(), b1 = file.ReadByte();
        file.Position = 0;
        bool gzip = b0 == 0x1f && b1 == 0x8b;
        if (!gzip)
        {
            if (file.Length > maxBytes)
                throw new FormatException($"{path}: the file has {file.Length} bytes, more than the limit of {maxBytes}.");
            return Copy(file, path, maxBytes, gzip: false, file);
        }
        using var z = new GZipStream(file, CompressionMode.Decompress);
        return Copy(z, path, maxBytes, gzip: true, file);
    }

    private static byte[] Copy(Stream source, string path, long maxBytes, bool gzip, FileStream file)
    {
        using var ms = new MemoryStream();
        var buffer = new byte[1 << 16];
        while (true)
        {
            int n;
            try
            {
                n = source.Read(buffer, 0, buffer.Length);
            }
            catch (InvalidDataException e)
            {
                throw new FormatException($"{path}: corrupt gzip stream near compressed byte offset {file.Position} (decompressed so far: {ms.Length} bytes): {e.Message}", e);
            }
            if (n == 0) break;
            if (ms.Length + n > maxBytes)
                throw new FormatException($"{path}: the {(gzip ? "decompressed " : "")}data exceed the limit of {maxBytes} bytes (at byte offset {ms.Length}).");
            ms.Write(buffer, 0, n);
        }
        return ms.ToArray();
    }
}
