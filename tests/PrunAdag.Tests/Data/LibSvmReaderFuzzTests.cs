using System.Text;
using PrunAdag.Data;
using Xunit.Abstractions;

namespace PrunAdag.Tests.Data;

public class LibSvmReaderFuzzTests(ITestOutputHelper output)
{
    // Replace one index with a huge one.
    private static byte[] HugeIndex(Random rng, byte[] valid)
    {
        var text = Encoding.ASCII.GetString(valid);
        int colon = text.IndexOf(':', rng.Next(text.Length));
        if (colon < 0) colon = text.IndexOf(':');
        if (colon <= 0) return valid;
        int start = text.LastIndexOf(' ', colon) + 1;
        string[] huge = ["2147483647", "2147483648", "16777217", "99999999999999999999", "0", "-5"];
        return Encoding.ASCII.GetBytes(text[..start] + huge[rng.Next(huge.Length)] + text[colon..]);
    }

    [Fact]
    public void Mutated_libsvm_files_give_only_format_exceptions()
    {
        var valid = Encoding.ASCII.GetBytes(SampleFiles.LibSvm);
        var r1 = Fuzzer.Run(valid, p => LibSvmReader.Read(p), cases: 1300, seed: 123, HugeIndex);
        var r2 = Fuzzer.Run(valid, p => LibSvmReader.Read(p, featureCount: 7), cases: 700, seed: 124, HugeIndex);
        output.WriteLine($"LIBSVM: {r1.Cases + r2.Cases} cases, {r1.Accepted + r2.Accepted} accepted, {r1.Rejected + r2.Rejected} FormatException; " + string.Join(", ", r1.ByMutation.Select(kv => $"{kv.Key} {kv.Value + r2.ByMutation.GetValueOrDefault(kv.Key)}")));
        Assert.True(r1.Rejected + r2.Rejected > (r1.Cases + r2.Cases) / 4);
    }
}
