using PrunAdag.Data;

namespace PrunAdag.Tests.Data;

public class IdxReaderCorruptionTests : IDisposable
{
    private readonly TempFiles _tmp = new();
    public void Dispose() => _tmp.Dispose();

    private FormatException Reject(byte[] content, bool images, string expectedPosition, bool gzip = false)
    {
        var path = _tmp.Write(images ? "images.idx" : "labels.idx", gzip ? TempFiles.Gzip(content) : content);
        var ex = Assert.Throws<FormatException>(() => { if (images) IdxReader.ReadImages(path); else IdxReader.ReadLabels(path, 9); });
        Assert.Contains(path, ex.Message);
        Assert.Contains(expectedPosition, ex.Message);
        return ex;
    }

    [Fact]
    public void Valid_samples_parse_plain_and_gzipped_regardless_of_extension()
    {
        var plain = IdxReader.ReadImages(_tmp.Write("a.gz", SampleFiles.Images())); // .gz name, not gzip'd
        var zipped = IdxReader.ReadImages(_tmp.Write("b.idx", TempFiles.Gzip(SampleFiles.Images())));
        Assert.Equal((3, 4, 5), (plain.Count, plain.Rows, plain.Columns));
        Assert.Equal(plain.Pixels, zipped.Pixels);
        Assert.Equal(4.0 * 21, plain.Image(1)[1]); // pixel 20 + 1 has value 4·21
        Assert.Equal(12, IdxReader.ReadLabels(_tmp.Write("l", SampleFiles.Labels()), 9).Length);
    }

    [Fact]
    public void Truncated_pixel_data_is_rejected_with_the_header_offset()
        => Reject(SampleFiles.Images()[..^7], images: true, "byte offset 4");

    [Fact]
    public void Truncated_header_is_rejected() => Reject(SampleFiles.Images()[..10], images: true, "byte offset 10");

    [Fact]
    public void Wrong_magic_is_rejected() => Reject(SampleFiles.Labels(), images: true, "byte offset 0");

    [Fact]
    public void Labels_with_image_magic_are_rejected() => Reject(SampleFiles.Images(), images: false, "byte offset 0");

    [Fact]
    public void Huge_image_count_is_rejected_before_allocation()
    {
        var bad = SampleFiles.Images();
        bad[4] = 0x7f; bad[5] = 0xff; bad[6] = 0xff; bad[7] = 0xff;
        long before = GC.GetAllocatedBytesForCurrentThread();
        Reject(bad, images: true, "byte offset 4");
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 16 << 20);
    }

    [Fact]
    public void Count_above_two_to_the_31_is_rejected() => Reject(SampleFiles.Idx(2049, [-1], new byte[5]), images: false, "byte offset 4");

    [Fact]
    public void Zero_image_size_is_rejected() => Reject(SampleFiles.Idx(2051, [3, 0, 5], []), images: true, "byte offset 8");

    [Fact]
    public void Trailing_bytes_are_rejected_at_their_offset() => Reject([.. SampleFiles.Labels(), 1, 2], images: false, "byte offset 20");

    [Fact]
    public void Label_above_the_maximum_is_rejected_at_its_offset()
    {
        var bad = SampleFiles.Labels();
        bad[8 + 5] = 42;
        Reject(bad, images: false, "byte offset 13");
    }

    [Fact]
    public void Truncated_gzip_stream_is_rejected()
    {
        var gz = TempFiles.Gzip(SampleFiles.Images());
        var path = _tmp.Write("cut.gz", gz[..(gz.Length / 2)]);
        var ex = Assert.Throws<FormatException>(() => IdxReader.ReadImages(path));
        Assert.Contains(path, ex.Message);
        Assert.Contains("offset", ex.Message);
    }

    [Fact]
    public void Empty_file_is_rejected() => Reject([], images: false, "byte offset 0");
}
