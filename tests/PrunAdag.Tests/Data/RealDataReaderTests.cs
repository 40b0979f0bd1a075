using PrunAdag.Testing;
using PrunAdag.Data;

namespace PrunAdag.Tests.Data;

// Expected counts are the ones documented in shared/data/README.md, not values produced by the readers.
public class RealDataReaderTests
{
    [DataFact]
    public void Mnist_t10k_images_have_10000_images_of_28_by_28()
    {
        var images = IdxReader.ReadImages(TestData.File("mnist/t10k-images-idx3-ubyte.gz"));
        Assert.Equal(10000, images.Count);
        Assert.Equal(28, images.Rows);
        Assert.Equal(28, images.Columns);
        Assert.Equal(10000 * 784, images.Pixels.Length);
        Assert.Contains(images.Pixels, p => p == 255);
    }

    [DataFact]
    public void Mnist_t10k_labels_split_4926_even_and_5074_odd()
    {
        var labels = IdxReader.ReadLabels(TestData.File("mnist/t10k-labels-idx1-ubyte.gz"), maxLabel: 9);
        Assert.Equal(10000, labels.Length);
        Assert.Equal(4926, labels.Count(l => l % 2 == 0));
        Assert.Equal(5074, labels.Count(l => l % 2 == 1));
    }

    [DataFact]
    public void Mnist_train_labels_split_29492_even_and_30508_odd()
    {
        var labels = IdxReader.ReadLabels(TestData.File("mnist/train-labels-idx1-ubyte.gz"), maxLabel: 9);
        Assert.Equal(60000, labels.Length);
        Assert.Equal(29492, labels.Count(l => l % 2 == 0));
    }

    [DataFact]
    public void A9a_has_32561_rows_with_24720_negative_and_7841_positive()
    {
        var d = LibSvmReader.Read(TestData.File("a9a/a9a.gz"), featureCount: 123);
        Assert.Equal(32561, d.Count);
        Assert.Equal(24720, d.Labels.Count(l => l == -1));
        Assert.Equal(7841, d.Labels.Count(l => l == 1));
        Assert.Equal(123, d.FeatureCount);
        Assert.All(d.Values, v => Assert.Equal(1.0, v));
        // Feature 123 (0-based 122) occurs in exactly one row, line 19610.
        var rowsWith123 = Enumerable.Range(0, d.Count).Where(i => d.Indices[d.RowStart[i]..d.RowStart[i + 1]].Contains(122)).ToArray();
        Assert.Equal(new[] { 19609 }, rowsWith123);
        for (int i = 0; i < d.Count; i++) Assert.InRange(d.RowStart[i + 1] - d.RowStart[i], 11, 14);
    }

    [DataFact]
    // The data README says a9a.t's highest index is 122, but `zcat a9a.t.gz | grep -n " 123:"` finds
    // feature 123 on line 5, so the inferred count is 123.
    public void A9a_test_file_has_16281_rows_and_infers_123_features_without_a_count()
    {
        var d = LibSvmReader.Read(TestData.File("a9a/a9a.t.gz"));
        Assert.Equal(16281, d.Count);
        Assert.Equal(12435, d.Labels.Count(l => l == -1));
        Assert.Equal(3846, d.Labels.Count(l => l == 1));
        Assert.Equal(123, d.FeatureCount);
        Assert.Contains(122, d.Indices[d.RowStart[4]..d.RowStart[5]]);
    }

    [DataFact]
    public void Reged0_has_500_rows_of_999_with_441_negative_and_59_positive()
    {
        var d = DenseTextReader.Read(TestData.File("reged0/reged0_train.data.gz"), TestData.File("reged0/reged0_train.targets"));
        Assert.Equal(500, d.Features.RowCount);
        Assert.Equal(999, d.Features.ColumnCount);
        Assert.Equal(441, d.Labels.Count(l => l == -1));
        Assert.Equal(59, d.Labels.Count(l => l == 1));
        Assert.All(d.Features.Enumerate(), v => Assert.InRange(v, 0, 999));
    }
}
