using PrunAdag.Data;

namespace PrunAdag.Tests.Data;

public class LibSvmReaderCorruptionTests : IDisposable
{
    private readonly TempFiles _tmp = new();
    public void Dispose() => _tmp.Dispose();

    private void Reject(string text, string position, int? features = null)
    {
        var path = _tmp.Write("data.svm", text);
        var ex = Assert.Throws<FormatException>(() => LibSvmReader.Read(path, features));
        Assert.Contains(path, ex.Message);
        Assert.Contains(position, ex.Message);
    }

    [Fact]
    public void Valid_sample_parses_to_the_written_values()
    {
        var d = LibSvmReader.Read(_tmp.Write("ok", TempFiles.Gzip(System.Text.Encoding.ASCII.GetBytes(SampleFiles.LibSvm))));
        Assert.Equal(new double[] { 1, -1, -1, 1 }, d.Labels);
        Assert.Equal(7, d.FeatureCount);
        var x = d.ToDense();
        Assert.Equal(-2, x[0, 6]); Assert.Equal(0.03, x[2, 4]); Assert.Equal(0, x[3, 0]);
    }

    [Fact] public void Bad_label_is_rejected() => Reject("+1 1:1\nyes 2:1\n", "line 2, column 1");
    [Fact] public void Missing_colon_is_rejected() => Reject("+1 1:1 2\n", "line 1, column 8");
    [Fact] public void Zero_index_is_rejected() => Reject("+1 0:1\n", "line 1, column 4");
    [Fact] public void Non_increasing_indices_are_rejected() => Reject("+1 1:1\n-1 3:1 2:1\n", "line 2, column 8");
    [Fact] public void Bad_value_is_rejected() => Reject("+1 1:1 2:x\n", "line 1, column 10");
    [Fact] public void Nan_value_is_rejected() => Reject("+1 1:NaN\n", "line 1, column 6");
    [Fact] public void Index_above_the_feature_count_is_rejected() => Reject("+1 1:1 124:1\n", "line 1, column 8", features: 123);
    [Fact] public void Huge_index_is_rejected_without_a_feature_count() => Reject("+1 1:1 999999999:1\n", "line 1, column 8");
    [Fact] public void Index_overflowing_int_is_rejected() => Reject("+1 99999999999999999999:1\n", "line 1, column 4");
    [Fact] public void Empty_file_is_rejected() => Reject("\n\n", "line 1");
}
