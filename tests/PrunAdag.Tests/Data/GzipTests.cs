using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using PrunAdag.Data;
using PrunAdag.Testing;
using Xunit.Abstractions;

namespace PrunAdag.Tests.Data;

/// <summary>
/// The strict gzip decoder behind every data reader: what it decodes must be what the compressor was given
/// (checked against .NET's own GZipStream/DeflateStream as the compressor), and a cut, a flipped bit or
/// trailing bytes are a FormatException naming the file and the compressed offset.
/// </summary>
public class GzipTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempFiles _tmp = new();
    public void Dispose() => _tmp.Dispose();

    private static byte[] Compress(byte[] content, CompressionLevel level)
    {
        using var ms = new MemoryStream();
        using (var z = new GZipStream(ms, level, leaveOpen: true)) z.Write(content);
        return ms.ToArray();
    }

    /// <summary>A deterministic LIBSVM text of <paramref name="rows"/> rows (seeded, so every run tries the same file).</summary>
    private static string LibSvmText(int rows, int seed)
    {
        var rng = new Random(seed);
        var sb = new StringBuilder();
        for (int i = 0; i < rows; i++)
        {
            sb.Append(rng.Next(2) == 0 ? "-1" : "+1");
            int index = 0;
            for (int k = 0; k < 4; k++)
            {
                index += 1 + rng.Next(9);
                sb.Append(' ').Append(index).Append(':').Append(rng.Next(1, 5));
            }
            sb.Append(" \n");
        }
        return sb.ToString();
    }

    private byte[] ReadBack(byte[] file, string name = "f.gz") => DataFile.ReadAll(_tmp.Write(name, file));

    private FormatException Reject(byte[] file, params string[] expected)
    {
        var path = _tmp.Write("bad.gz", file);
        var ex = Assert.Throws<FormatException>(() => DataFile.ReadAll(path));
        Assert.Contains(path, ex.Message);
        foreach (var e in expected) Assert.Contains(e, ex.Message);
        return ex;
    }

    public static TheoryData<int, CompressionLevel> Payloads => new()
    {
        { 1, CompressionLevel.Optimal }, { 100, CompressionLevel.Fastest },
        { 5_000, CompressionLevel.SmallestSize }, { 70_000, CompressionLevel.NoCompression }, // stored blocks, one over 64 KiB
        { 300_000, CompressionLevel.Optimal }, { 300_000, CompressionLevel.Fastest },
    };

    [Theory, MemberData(nameof(Payloads))]
    public void Decodes_exactly_what_GZipStream_compressed(int size, CompressionLevel level)
    {
        // Text-like and random bytes: long matches, short matches, literals, dynamic and fixed Huffman blocks.
        var rng = new Random(size);
        var text = Encoding.ASCII.GetBytes(LibSvmText(size / 20 + 1, size))[..size];
        var noise = new byte[size];
        rng.NextBytes(noise);
        foreach (var payload in new[] { text, noise })
            Assert.Equal(payload, ReadBack(Compress(payload, level)));
    }

    [Fact]
    public void Concatenated_members_decode_to_the_concatenated_contents()
    {
        byte[] a = Encoding.ASCII.GetBytes(LibSvmText(40, 1)), b = Encoding.ASCII.GetBytes(LibSvmText(30, 2));
        byte[] file = [.. Compress(a, CompressionLevel.Optimal), .. Compress([], CompressionLevel.Optimal), .. Compress(b, CompressionLevel.Fastest)];
        Assert.Equal([.. a, .. b], ReadBack(file));
    }

    [Fact]
    public void Every_truncation_of_a_small_gzipped_libsvm_file_is_rejected_naming_the_file_and_offset()
    {
        // Before the strict decoder, GZipStream returned a shorter stream for most of these cuts and the reader
        // parsed the rows it got; now every cut is a FormatException (an empty file included).
        var text = Encoding.ASCII.GetBytes(LibSvmText(150, 7));
        var gz = Compress(text, CompressionLevel.Optimal);
        Assert.Equal(150, LibSvmReader.Read(_tmp.Write("whole.gz", gz)).Count);
        int rejected = 0, acceptedByGZipStream = 0;
        for (int cut = 0; cut < gz.Length; cut++)
        {
            var path = _tmp.Write("cut.gz", gz[..cut]);
            var ex = Assert.Throws<FormatException>(() => LibSvmReader.Read(path));
            Assert.Contains(path, ex.Message);
            // A 1-byte file (0x1f) is too short to be recognised as gzip: the LIBSVM reader rejects it at line 1.
            Assert.Contains(cut == 1 ? "line 1" : "offset", ex.Message);
            Assert.True(cut < 2 || ex.Message.Contains("truncated"), $"cut at {cut}: {ex.Message}");
            rejected++;
            if (cut >= 10 && GZipStreamAccepts(gz[..cut])) acceptedByGZipStream++;
        }
        Assert.Equal(gz.Length, rejected);
        output.WriteLine($"{gz.Length} truncations of a {gz.Length}-byte gzip'd LIBSVM file: {rejected} rejected; GZipStream alone would have returned data for {acceptedByGZipStream} of them without an error.");
    }

    private static bool GZipStreamAccepts(byte[] file)
    {
        try
        {
            using var z = new GZipStream(new MemoryStream(file), CompressionMode.Decompress);
            z.CopyTo(Stream.Null);
            return true;
        }
        catch (InvalidDataException) { return false; }
    }

    [Fact]
    public void A_corrupted_crc_says_crc_and_a_corrupted_size_says_size()
    {
        var gz = Compress(Encoding.ASCII.GetBytes(LibSvmText(20, 3)), CompressionLevel.Optimal);
        var crc = (byte[])gz.Clone(); crc[^8] ^= 0x01;
        Reject(crc, "CRC-32 mismatch", $"offset {gz.Length - 8}");
        var size = (byte[])gz.Clone(); size[^3] ^= 0x10;
        Reject(size, "size mismatch", $"offset {gz.Length - 4}");
    }

    [Fact]
    public void Missing_trailer_bytes_are_a_truncation()
    {
        var gz = Compress(Encoding.ASCII.GetBytes(LibSvmText(20, 4)), CompressionLevel.Optimal);
        for (int missing = 1; missing <= 8; missing++)
            Reject(gz[..^missing], "trailer", "truncated", $"offset {gz.Length - missing}");
    }

    [Fact]
    public void Every_single_bit_flip_is_rejected_or_changes_nothing()
    {
        // A flip may only be accepted where the bit carries no data: the header's MTIME/XFL/OS bytes, its FTEXT hint,
        // the padding bits after the final block's end code. Then the output must be exactly the original content.
        var content = Encoding.ASCII.GetBytes(LibSvmText(12, 5));
        var gz = Compress(content, CompressionLevel.Optimal);
        int rejected = 0, harmless = 0;
        var wrong = new List<string>();
        for (int i = 0; i < gz.Length; i++)
            for (int bit = 0; bit < 8; bit++)
            {
                var bad = (byte[])gz.Clone();
                bad[i] ^= (byte)(1 << bit);
                var path = _tmp.Write("flip.gz", bad);
                try
                {
                    if (i < 2) LibSvmReader.Read(path); // the magic is gone: read as plain text, which it is not
                    else if (DataFile.ReadAll(path).AsSpan().SequenceEqual(content)) { harmless++; continue; }
                    wrong.Add($"byte {i} bit {bit}");
                }
                catch (FormatException ex)
                {
                    Assert.Contains(path, ex.Message);
                    rejected++;
                }
            }
        Assert.True(wrong.Count == 0, $"{wrong.Count} flips of a {gz.Length}-byte file were read as different data: {string.Join(", ", wrong)}");
        Assert.True(harmless <= 6 * 8 + 1 + 7, $"{harmless} harmless flips: more than the header's unchecked bits and the final padding");
        output.WriteLine($"{gz.Length * 8} single-bit flips: {rejected} rejected, {harmless} harmless (bits that carry no data).");
    }

    [Fact]
    public void Trailing_bytes_that_are_not_a_member_are_rejected()
    {
        var gz = Compress(Encoding.ASCII.GetBytes(LibSvmText(10, 6)), CompressionLevel.Optimal);
        Reject([.. gz, 0, 0, 0], "trailing garbage", $"offset {gz.Length}");
        Reject([.. gz, (byte)'x'], "trailing garbage");
        Reject([.. gz, 0x1f, 0x8b, 8], "header of gzip member 2", "truncated");
    }

    [Fact]
    public void Optional_header_fields_are_skipped_and_a_header_crc_is_checked()
    {
        var content = Encoding.ASCII.GetBytes(LibSvmText(10, 8));
        var gz = Compress(content, CompressionLevel.Optimal);
        byte[] fields = [.. (byte[])[4, 0], .. "abcd"u8.ToArray(), .. "name.txt"u8.ToArray(), 0, .. "a comment"u8.ToArray(), 0];
        byte[] header = [.. gz[..3], 0x04 | 0x08 | 0x10 | 0x02, .. gz[4..10], .. fields];
        uint hcrc = System.IO.Hashing.Crc32.HashToUInt32(header) & 0xffff;
        byte[] good = [.. header, (byte)hcrc, (byte)(hcrc >> 8), .. gz[10..]];
        Assert.Equal(content, ReadBack(good));
        byte[] badHcrc = [.. header, (byte)~hcrc, (byte)(hcrc >> 8), .. gz[10..]];
        Reject(badHcrc, "header CRC mismatch");
        Reject([.. gz[..3], 0x08, .. gz[4..10], .. "no terminator"u8.ToArray()], "header of gzip member 1", "truncated");
        Reject([.. gz[..2], 7, .. gz[3..]], "compression method 7", "offset 2");
        Reject([.. gz[..3], 0x20, .. gz[4..]], "reserved header flag", "offset 3");
    }

    [Fact]
    public void Decompressed_size_is_capped_before_the_buffer_grows_past_the_limit()
    {
        var gz = Compress(new byte[1 << 20], CompressionLevel.Optimal); // 1 MiB of zeros in about 1 KB
        var path = _tmp.Write("bomb.gz", gz);
        var ex = Assert.Throws<FormatException>(() => DataFile.ReadAll(path, maxBytes: 100_000));
        Assert.Contains("exceed the limit of 100000 bytes", ex.Message);
        Assert.Contains(path, ex.Message);
    }

    [Fact]
    public void Gzipped_idx_files_missing_their_trailer_are_rejected()
    {
        var images = _tmp.Write("images.gz", TempFiles.Gzip(SampleFiles.Images())[..^8]);
        Assert.Contains("truncated", Assert.Throws<FormatException>(() => IdxReader.ReadImages(images)).Message);
        var labels = _tmp.Write("labels.gz", TempFiles.Gzip(SampleFiles.Labels())[..^8]);
        Assert.Contains("truncated", Assert.Throws<FormatException>(() => IdxReader.ReadLabels(labels)).Message);
    }

    [Fact]
    public void An_empty_file_is_rejected_by_every_reader_with_one_line()
    {
        var empty = _tmp.Write("empty.gz", []);
        foreach (var read in new Action[] { () => LibSvmReader.Read(empty), () => IdxReader.ReadImages(empty), () => DenseTextReader.ReadMatrix(empty) })
        {
            var ex = Assert.Throws<FormatException>(read);
            Assert.Equal($"{empty}: byte offset 0: the file is empty (0 bytes).", ex.Message);
        }
    }

    /// <summary>The decoder against files gzip'd by other tools: the decompressed MD5s are the published ones (shared data README).</summary>
    [DataTheory]
    [InlineData("a9a/a9a.gz", "fb3596510d780aaf76a06dc721d49662")]
    [InlineData("a9a/a9a.t.gz", "9107a83152b3486d7e5e7f29543914c0")]
    [InlineData("reged0/reged0_train.data.gz", "bb13024c01a63613939cf9ae0aa10013")]
    public void Real_gzip_files_decompress_to_their_published_md5(string file, string md5)
    {
        var bytes = DataFile.ReadAll(TestData.File(file));
        Assert.Equal(md5, Convert.ToHexStringLower(MD5.HashData(bytes)));
    }
}
