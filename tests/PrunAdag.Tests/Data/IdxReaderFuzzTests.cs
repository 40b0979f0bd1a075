using PrunAdag.Data;
using Xunit.Abstractions;

namespace PrunAdag.Tests.Data;

public class IdxReaderFuzzTests(ITestOutputHelper output)
{
    // Header fields (count, rows, cols) set to random extreme values: the reader must compare them with the
    // real length before allocating.
    private static byte[] HugeHeader(Random rng, byte[] valid)
    {
        var b = (byte[])valid.Clone();
        int field = 4 * rng.Next(1, Math.Min(4, b.Length / 4));
        uint v = (uint)rng.Next() << 1 | (uint)rng.Next(2);
        for (int k = 0; k < 4; k++) b[field + k] = (byte)(v >> (24 - 8 * k));
        return b;
    }

    [Fact]
    public void Mutated_image_files_give_only_format_exceptions()
    {
        var r = Fuzzer.Run(SampleFiles.Images(), p => IdxReader.ReadImages(p), cases: 2000, seed: 2051, HugeHeader);
        output.WriteLine($"IDX images: {r.Cases} cases, {r.Accepted} accepted, {r.Rejected} FormatException; " + string.Join(", ", r.ByMutation.Select(kv => $"{kv.Key} {kv.Value}")));
        Assert.True(r.Rejected > r.Cases / 2);
    }

    [Fact]
    public void Mutated_label_files_give_only_format_exceptions()
    {
        var r = Fuzzer.Run(SampleFiles.Labels(), p => IdxReader.ReadLabels(p, 9), cases: 1000, seed: 2049, HugeHeader);
        output.WriteLine($"IDX labels: {r.Cases} cases, {r.Accepted} accepted, {r.Rejected} FormatException; " + string.Join(", ", r.ByMutation.Select(kv => $"{kv.Key} {kv.Value}")));
        Assert.True(r.Rejected > r.Cases / 2);
    }
}
