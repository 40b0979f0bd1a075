using System.IO.Compression;

namespace PrunAdag.Tests.Data;

/// <summary>A private temporary folder for generated data files, deleted on dispose.</summary>
internal sealed class TempFiles : IDisposable
{
    public string Folder { get; } = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "prunadag-tests-" + Guid.NewGuid().ToString("N"))).FullName;

    public string Write(string name, byte[] content)
    {
        var path = Path.Combine(Folder, name);
        File.WriteAllBytes(path, content);
        return path;
    }

    public string Write(string name, string text) => Write(name, System.Text.Encoding.ASCII.GetBytes(text));

    public static byte[] Gzip(byte[] content)
    {
        using var ms = new MemoryStream();
        using (var z = new GZipStream(ms, CompressionLevel.Fastest, leaveOpen: true)) z.Write(content);
        return ms.ToArray();
    }

    public void Dispose()
    {
        try { Directory.Delete(Folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}

/// <summary>Small valid files in each format (the fuzzers' seeds).</summary>
internal static class SampleFiles
{
    public static byte[] Idx(int magic, int[] dims, byte[] payload)
    {
        var header = new List<byte>();
        void Add(int v) { header.Add((byte)(v >> 24)); header.Add((byte)(v >> 16)); header.Add((byte)(v >> 8)); header.Add((byte)v); }
        Add(magic);
        foreach (var d in dims) Add(d);
        return [.. header, .. payload];
    }

    /// <summary>3 images of 4×5 pixels.</summary>
    public static byte[] Images() => Idx(2051, [3, 4, 5], Enumerable.Range(0, 60).Select(i => (byte)(i * 4)).ToArray());

    /// <summary>12 labels 0..9.</summary>
    public static byte[] Labels() => Idx(2049, [12], Enumerable.Range(0, 12).Select(i => (byte)(i % 10)).ToArray());

    public const string LibSvm = "+1 1:1 3:0.5 7:-2 \n-1 2:1 4:1 \n-1 1:0.25 5:3e-2 6:1 \n+1 7:1 \n";

    public const string Dense = "0 1 2 3\n4 5 6.5 7\n-1 0 0 1e3\n";

    public const string DenseLabels = "-1\n1\n-1\n";
}
