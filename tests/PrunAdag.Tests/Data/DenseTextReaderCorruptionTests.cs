using PrunAdag.Data;

namespace PrunAdag.Tests.Data;

public class DenseTextReaderCorruptionTests : IDisposable
{
    private readonly TempFiles _tmp = new();
    public void Dispose() => _tmp.Dispose();

    private void Reject(string data, string labels, string whichFile, string position)
    {
        var d = _tmp.Write("x.data", data);
        var l = _tmp.Write("y.labels", labels);
        var ex = Assert.Throws<FormatException>(() => DenseTextReader.Read(d, l));
        Assert.Contains(whichFile == "data" ? d : l, ex.Message);
        Assert.Contains(position, ex.Message);
    }

    [Fact]
    public void Valid_sample_parses_to_the_written_values()
    {
        var r = DenseTextReader.Read(_tmp.Write("x", TempFiles.Gzip(System.Text.Encoding.ASCII.GetBytes(SampleFiles.Dense))), _tmp.Write("y", SampleFiles.DenseLabels));
        Assert.Equal(3, r.Features.RowCount); Assert.Equal(4, r.Features.ColumnCount);
        Assert.Equal(6.5, r.Features[1, 2]); Assert.Equal(1000, r.Features[2, 3]);
        Assert.Equal(new double[] { -1, 1, -1 }, r.Labels);
    }

    [Fact] public void Ragged_rows_are_rejected() => Reject("1 2 3\n4 5\n", "1\n2\n", "data", "line 2");
    [Fact] public void Bad_token_is_rejected() => Reject("1 2 3\n4 5 x6\n", "1\n2\n", "data", "line 2, column 5");
    [Fact] public void Infinite_value_is_rejected() => Reject("1 1e999 3\n", "1\n", "data", "line 1, column 3");
    [Fact] public void Label_count_mismatch_is_rejected() => Reject("1 2\n3 4\n", "1\n", "labels", "line 2");
    [Fact] public void Two_labels_on_a_line_are_rejected() => Reject("1 2\n3 4\n", "1\n-1 1\n", "labels", "line 2, column 4");
    [Fact] public void Bad_label_is_rejected() => Reject("1 2\n", "plus\n", "labels", "line 1, column 1");
    [Fact] public void Empty_data_is_rejected() => Reject("  \n", "1\n", "data", "line 1");
}
