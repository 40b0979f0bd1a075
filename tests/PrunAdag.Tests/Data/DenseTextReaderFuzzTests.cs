using System.Text;
using PrunAdag.Data;
using Xunit.Abstractions;

namespace PrunAdag.Tests.Data;

public class DenseTextReaderFuzzTests(ITestOutputHelper output)
{
    // Replace one value with an extreme or malformed number.
    private static byte[] ExtremeValue(Random rng, byte[] valid)
    {
        var tokens = Encoding.ASCII.GetString(valid).Split(' ');
        string[] bad = ["1e309", "-1e309", "NaN", "1..2", "1e", "4.9e-324", "1.7976931348623157e308", "0x10", "1,5"];
        tokens[rng.Next(tokens.Length)] = bad[rng.Next(bad.Length)];
        return Encoding.ASCII.GetBytes(string.Join(' ', tokens));
    }

    [Fact]
    public void Mutated_dense_matrix_and_label_files_give_only_format_exceptions()
    {
        using var tmp = new TempFiles();
        var labels = tmp.Write("labels", SampleFiles.DenseLabels);
        var matrix = tmp.Write("matrix", SampleFiles.Dense);
        var r1 = Fuzzer.Run(Encoding.ASCII.GetBytes(SampleFiles.Dense), p => DenseTextReader.Read(p, labels), cases: 1300, seed: 999, ExtremeValue);
        var r2 = Fuzzer.Run(Encoding.ASCII.GetBytes(SampleFiles.DenseLabels), p => DenseTextReader.Read(matrix, p), cases: 700, seed: 1000, ExtremeValue);
        output.WriteLine($"Dense text: {r1.Cases + r2.Cases} cases ({r1.Cases} on the matrix, {r2.Cases} on the labels), {r1.Accepted + r2.Accepted} accepted, {r1.Rejected + r2.Rejected} FormatException; " + string.Join(", ", r1.ByMutation.Select(kv => $"{kv.Key} {kv.Value + r2.ByMutation.GetValueOrDefault(kv.Key)}")));
        Assert.True(r1.Rejected + r2.Rejected > (r1.Cases + r2.Cases) / 4);
    }
}
