using MathNet.Numerics.LinearAlgebra;
using PrunAdag.Problems;
using PrunAdag.Problems.Classification;

namespace PrunAdag.Tests.Problems.Classification;

public class ClassificationProblemWithoutDataTests
{
    [Theory]
    [InlineData("classification:mnist", "mnist")]
    [InlineData("classification:a9a", "a9a")]
    [InlineData("classification:reged0", "reged0")]
    public void Missing_data_folder_gives_a_file_not_found_naming_the_expected_path(string name, string folder)
    {
        var missing = Path.Combine(Path.GetTempPath(), "prunadag-no-data-" + Guid.NewGuid().ToString("N"));
        var ex = Assert.Throws<FileNotFoundException>(() => ProblemCatalog.Create(name, 1, missing));
        Assert.Contains(Path.Combine(missing, folder), ex.Message);
    }

    [Fact]
    public void Synthetic_stand_in_is_labelled_and_learnable()
    {
        var p = ProblemCatalog.Create("classification:synthetic", 7, dataDirectory: "/nonexistent");
        Assert.Contains("SYNTHETIC", p.Description);
        Assert.Equal(200, p.Dimension);
        Assert.Equal(20, p.TargetRelevant);
        // Plain gradient descent with step 4N/‖X‖²_F (≤ 1/L for the logistic loss) must beat chance clearly
        // on the planted model.
        var f = Assert.IsType<LogisticObjective>(p.Objective);
        var xf = f.Features.ToMatrix();
        double step = 4.0 * xf.RowCount / Math.Pow(xf.FrobeniusNorm(), 2);
        var x = Vector<double>.Build.Dense(200);
        double f0 = f.Value(x);
        for (int k = 0; k < 300; k++) x -= step * f.Gradient(x);
        Assert.True(f.Value(x) < f0);
        Assert.True(p.TestAccuracy!(x) > 0.7, $"accuracy {p.TestAccuracy!(x)}");
    }

    [Fact]
    public void Min_max_normalisation_uses_training_ranges_and_zeroes_constant_features()
    {
        var train = Matrix<double>.Build.DenseOfArray(new double[,] { { 1, 5, 2 }, { 3, 5, 4 }, { 2, 5, 6 } });
        var test = Matrix<double>.Build.DenseOfArray(new double[,] { { 4, 7, 2 } });
        ClassificationProblem.MinMaxNormalise(train, test);
        Assert.Equal(new double[] { 0, 1, 0.5 }, train.Column(0).ToArray());
        Assert.Equal(new double[] { 0, 0, 0 }, train.Column(1).ToArray());
        Assert.Equal(new double[] { 0, 0.5, 1 }, train.Column(2).ToArray());
        Assert.Equal(new double[] { 1.5, 0, 0 }, test.Row(0).ToArray());
    }
}
