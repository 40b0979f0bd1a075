using MathNet.Numerics.LinearAlgebra;

namespace PrunAdag.Data;

/// <summary>Images from an IDX3 file: <see cref="Count"/> images of <see cref="Rows"/>×<see cref="Columns"/> bytes, row-major.</summary>
/// <param name="Count">Number of images.</param>
/// <param name="Rows">Pixel rows per image.</param>
/// <param name="Columns">Pixel columns per image.</param>
/// <param name="Pixels">Count·Rows·Columns bytes, image after image.</param>
public sealed record IdxImages(int Count, int Rows, int Columns, byte[] Pixels)
{
    /// <summary>Pixels per image (Rows·Columns).</summary>
    public int PixelsPerImage => Rows * Columns;

    /// <summary>Image <paramref name="index"/> as a vector of pixel values multiplied by <paramref name="scale"/>.</summary>
    public Vector<double> Image(int index, double scale = 1.0)
    {
        if ((uint)index >= (uint)Count) throw new ArgumentOutOfRangeException(nameof(index), index, $"There are {Count} images.");
        int p = PixelsPerImage;
        return Vector<double>.Build.Dense(p, j => Pixels[(long)index * p + j] * scale);
    }
}

/// <summary>
/// Reads IDX files (the MNIST format: big-endian 32-bit magic, dimension sizes, then unsigned bytes),
/// gzip'd or not (detected by the 0x1f 0x8b magic). Any corruption gives a <see cref="FormatException"/>
/// naming the file and the byte offset (in the decompressed data).
/// </summary>
public static class IdxReader
{
    /// <summary>Magic number of an IDX3 unsigned-byte image file.</summary>
    public const int ImagesMagic = 2051;

    /// <summary>Magic number of an IDX1 unsigned-byte label file.</summary>
    public const int LabelsMagic = 2049;

    /// <summary>Reads an image file (magic 2051).</summary>
    /// <exception cref="FormatException">Corrupt or truncated file.</exception>
    /// <exception cref="FileNotFoundException">No such file.</exception>
    public static IdxImages ReadImages(string path)
    {
        var data = DataFile.ReadAll(path);
        CheckMagic(path, data, ImagesMagic);
        int count = Dimension(path, data, 4, "image count");
        int rows = Dimension(path, data, 8, "row count");
        int cols = Dimension(path, data, 12, "column count");
        if (rows == 0 || cols == 0 || (long)rows * cols > int.MaxValue)
            throw new FormatException($"{path}: byte offset 8: image size {rows}×{cols} is not valid.");
        long need = count * ((long)rows * cols); // < 2³¹·2³¹: no overflow
        if (need > data.Length - 16L)
            throw new FormatException($"{path}: byte offset 4: the header announces {count} images of {rows}×{cols} bytes ({(double)count * rows * cols:0} bytes) but only {data.Length - 16} data bytes follow the 16-byte header (truncated file or corrupt counts).");
        if (need < data.Length - 16L)
            throw new FormatException($"{path}: byte offset {16 + need}: {data.Length - 16 - need} unexpected bytes after the {count} images the header announces.");
        var pixels = new byte[need];
        Array.Copy(data, 16, pixels, 0, need);
        return new IdxImages(count, rows, cols, pixels);
    }

    /// <summary>Reads a label file (magic 2049).</summary>
    /// <param name="path">The file.</param>
    /// <param name="maxLabel">Largest accepted label (MNIST: 9); a larger one is reported as corruption.</param>
    /// <exception cref="FormatException">Corrupt or truncated file, or a label above <paramref name="maxLabel"/>.</exception>
    public static byte[] ReadLabels(string path, int maxLabel = 255)
    {
        var data = DataFile.ReadAll(path);
        CheckMagic(path, data, LabelsMagic);
        int count = Dimension(path, data, 4, "label count");
        if (count > data.Length - 8L)
            throw new FormatException($"{path}: byte offset 4: the header announces {count} labels but only {data.Length - 8} bytes follow the 8-byte header (truncated file or corrupt count).");
        if (count < data.Length - 8L)
            throw new FormatException($"{path}: byte offset {8 + count}: {data.Length - 8 - count} unexpected bytes after the {count} labels the header announces.");
        var labels = data.AsSpan(8, count).ToArray();
        for (int i = 0; i < labels.Length; i++)
            if (labels[i] > maxLabel)
                throw new FormatException($"{path}: byte offset {8 + i}: label {labels[i]} is above the largest accepted label {maxLabel}.");
        return labels;
    }

    private static void CheckMagic(string path, byte[] data, int expected)
    {
        if (data.Length < 4)
            throw new FormatException($"{path}: byte offset {data.Length}: the file ends before the 4-byte IDX magic number.");
        int magic = BigEndian(data, 0);
        if (magic != expected)
            throw new FormatException($"{path}: byte offset 0: IDX magic number {magic} (0x{magic:x8}); expected {expected} (0x{expected:x8}).");
    }

    private static int Dimension(string path, byte[] data, int offset, string what)
    {
        if (data.Length < offset + 4)
            throw new FormatException($"{path}: byte offset {data.Length}: the file ends inside the IDX header (reading the {what} at offset {offset}).");
        int v = BigEndian(data, offset);
        if (v < 0)
            throw new FormatException($"{path}: byte offset {offset}: the {what} {(uint)v} is too large (above 2³¹ − 1).");
        return v;
    }

    private static int BigEndian(byte[] d, int o) => (d[o] << 24) | (d[o + 1] << 16) | (d[o + 2] << 8) | d[o + 3];
}
