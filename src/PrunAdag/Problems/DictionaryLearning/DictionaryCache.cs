using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using MathNet.Numerics.LinearAlgebra;

namespace PrunAdag.Problems.DictionaryLearning;

/// <summary>
/// A file cache for learned dictionaries, so K-SVD runs once per setting. File layout (little-endian):
/// "PRUNDICT" (8 bytes), format version (int32 = 1), rows, columns (int32), key length (int32) and the UTF-8 key,
/// rows·columns doubles column by column, then the SHA-256 of everything before it (32 bytes).
/// </summary>
public static class DictionaryCache
{
    private static readonly byte[] Magic = "PRUNDICT"u8.ToArray();
    private const int Version = 1;

    /// <summary>The default cache folder, <c>~/.cache/prunadag</c>.</summary>
    public static string DefaultDirectory =>
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "prunadag");

    /// <summary>The cache file for <paramref name="key"/> inside <paramref name="directory"/>.</summary>
    public static string PathFor(string directory, string key)
    {
        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..16].ToLowerInvariant();
        return Path.Combine(directory, $"dictionary-{hash}.bin");
    }

    /// <summary>
    /// The cached matrix for <paramref name="key"/>, or <paramref name="compute"/>'s result, written to the cache.
    /// A cache file that is corrupt or belongs to another key is ignored and overwritten. A cache that cannot be
    /// written (a read-only or missing file system) costs only time: the computed matrix is returned all the same.
    /// </summary>
    public static Matrix<double> GetOrCompute(string? directory, string key, Func<Matrix<double>> compute)
    {
        ArgumentNullException.ThrowIfNull(key); ArgumentNullException.ThrowIfNull(compute);
        directory ??= DefaultDirectory;
        var path = PathFor(directory, key);
        if (File.Exists(path))
        {
            try { return Read(path, key); }
            catch (FormatException) { /* corrupt or stale: recompute below */ }
        }
        var m = compute();
        try
        {
            Directory.CreateDirectory(directory);
            Write(path, key, m);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The cache only saves the next run the computation; this run's result is not lost over it.
        }
        return m;
    }

    /// <summary>Writes <paramref name="matrix"/> atomically (a temporary file, then a rename).</summary>
    public static void Write(string path, string key, Matrix<double> matrix)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        var keyBytes = Encoding.UTF8.GetBytes(key);
        long size = 8 + 16 + keyBytes.Length + 8L * matrix.RowCount * matrix.ColumnCount;
        var buf = new byte[size + 32];
        Magic.CopyTo(buf, 0);
        BinaryPrimitives.WriteInt32LittleEndian(buf.AsSpan(8), Version);
        BinaryPrimitives.WriteInt32LittleEndian(buf.AsSpan(12), matrix.RowCount);
        BinaryPrimitives.WriteInt32LittleEndian(buf.AsSpan(16), matrix.ColumnCount);
        BinaryPrimitives.WriteInt32LittleEndian(buf.AsSpan(20), keyBytes.Length);
        keyBytes.CopyTo(buf, 24);
        int o = 24 + keyBytes.Length;
        foreach (double v in matrix.ToColumnMajorArray()) { BinaryPrimitives.WriteDoubleLittleEndian(buf.AsSpan(o), v); o += 8; }
        SHA256.HashData(buf.AsSpan(0, (int)size), buf.AsSpan((int)size));
        var tmp = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        try
        {
            File.WriteAllBytes(tmp, buf);
            File.Move(tmp, path, overwrite: true);
        }
        catch
        {
            try { File.Delete(tmp); } catch (Exception e) when (e is IOException or UnauthorizedAccessException) { /* never created */ }
            throw;
        }
    }

    /// <summary>Reads a cache file, checking magic, version, key, sizes and checksum.</summary>
    /// <exception cref="FormatException">Any mismatch (names the file and the byte offset).</exception>
    public static Matrix<double> Read(string path, string key)
    {
        var b = File.ReadAllBytes(path);
        if (b.Length < 24 + 32 || !b.AsSpan(0, 8).SequenceEqual(Magic))
            throw new FormatException($"{path}: byte offset 0: not a dictionary cache file.");
        int size = b.Length - 32;
        if (!SHA256.HashData(b.AsSpan(0, size)).AsSpan().SequenceEqual(b.AsSpan(size)))
            throw new FormatException($"{path}: byte offset {size}: checksum mismatch (corrupt cache file).");
        if (BinaryPrimitives.ReadInt32LittleEndian(b.AsSpan(8)) != Version)
            throw new FormatException($"{path}: byte offset 8: unsupported cache format version.");
        int rows = BinaryPrimitives.ReadInt32LittleEndian(b.AsSpan(12));
        int cols = BinaryPrimitives.ReadInt32LittleEndian(b.AsSpan(16));
        int keyLength = BinaryPrimitives.ReadInt32LittleEndian(b.AsSpan(20));
        if (keyLength < 0 || keyLength > size - 24)
            throw new FormatException($"{path}: byte offset 20: key length {keyLength} is out of range.");
        if (Encoding.UTF8.GetString(b, 24, keyLength) != key)
            throw new FormatException($"{path}: byte offset 24: the file caches another setting ({Encoding.UTF8.GetString(b, 24, keyLength)}).");
        int o = 24 + keyLength;
        if (rows < 1 || cols < 1 || 8L * rows * cols != size - o)
            throw new FormatException($"{path}: byte offset 12: {rows}×{cols} does not match the {size - o} data bytes.");
        var data = new double[rows * cols];
        for (int i = 0; i < data.Length; i++) data[i] = BinaryPrimitives.ReadDoubleLittleEndian(b.AsSpan(o + 8 * i));
        return Matrix<double>.Build.Dense(rows, cols, data);
    }
}
