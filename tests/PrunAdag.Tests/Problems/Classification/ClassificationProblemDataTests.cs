using PrunAdag.Problems;
using PrunAdag.Problems.Classification;
using PrunAdag.Testing;

namespace PrunAdag.Tests.Problems.Classification;

public class ClassificationProblemDataTests
{
    private static string[] FilesOf(ClassificationDataset ds) => ds switch
    {
        ClassificationDataset.Mnist => TestData.Mnist, ClassificationDataset.A9a => TestData.A9a, _ => TestData.Reged0,
    };

    [DataTheory]
    [InlineData(ClassificationDataset.Mnist, 700, 300, 784)]
    [InlineData(ClassificationDataset.A9a, 700, 300, 123)]
    [InlineData(ClassificationDataset.Reged0, 350, 150, 999)]
    public void Split_is_70_30_with_min_max_normalised_training_features(ClassificationDataset ds, int train, int test, int features)
    {
        var s = ClassificationProblem.Split(ds, seed: 3, TestData.Require(FilesOf(ds)));
        Assert.Equal((train, features), (s.TrainFeatures.RowCount, s.TrainFeatures.ColumnCount));
        Assert.Equal((test, features), (s.TestFeatures.RowCount, s.TestFeatures.ColumnCount));
        Assert.All(s.TrainLabels.Concat(s.TestLabels), z => Assert.True(z == 1 || z == -1));
        for (int j = 0; j < features; j++)
        {
            var col = s.TrainFeatures.Column(j);
            double lo = col.Minimum(), hi = col.Maximum();
            // Either a constant feature (mapped to 0) or one spanning exactly [0, 1].
            Assert.True((lo == 0 && hi == 0) || (lo == 0 && hi == 1), $"feature {j}: [{lo}, {hi}]");
            if (hi == 0) Assert.All(s.TestFeatures.Column(j), v => Assert.Equal(0, v));
        }
    }

    [DataFact]
    public void Reged0_uses_all_500_rows_so_the_label_counts_are_the_files()
    {
        var s = ClassificationProblem.Split(ClassificationDataset.Reged0, seed: 1, TestData.Require(TestData.Reged0));
        var all = s.TrainLabels.Concat(s.TestLabels).ToArray();
        Assert.Equal(441, all.Count(z => z == -1));
        Assert.Equal(59, all.Count(z => z == 1));
    }

    [DataFact]
    public void Mnist_parity_labels_are_balanced_like_the_t10k_set()
    {
        // 1000 draws from 4926 even / 5074 odd: the +1 (even) share has sd ≈ 0.015 around 0.4926.
        var s = ClassificationProblem.Split(ClassificationDataset.Mnist, seed: 5, TestData.Require(TestData.Mnist));
        double even = s.TrainLabels.Concat(s.TestLabels).Count(z => z == 1) / 1000.0;
        Assert.InRange(even, 0.43, 0.56);
    }

    [DataFact]
    public void Test_accuracy_of_the_zero_vector_is_the_share_of_negative_test_labels()
    {
        // Every score of x = 0 is exactly 0, which predicts −1 (the paper's class 0; LogisticObjective.Accuracy).
        var p = ClassificationProblem.Create(ClassificationDataset.A9a, seed: 2, TestData.Require(TestData.A9a));
        var s = ClassificationProblem.Split(ClassificationDataset.A9a, seed: 2, TestData.Require(TestData.A9a));
        double negatives = s.TestLabels.Count(z => z == -1) / (double)s.TestLabels.Count;
        Assert.Equal(negatives, p.TestAccuracy!(MathNet.Numerics.LinearAlgebra.Vector<double>.Build.Dense(123)), 15);
        Assert.Equal("logistic", p.Kind);
        Assert.Equal("classification:a9a", p.Name);
        Assert.Equal(12, p.TargetRelevant);
        Assert.Equal(12, p.X0.Enumerate().Count(v => v != 0));
        Assert.Equal(1.0, p.X0.L2Norm(), 12);
    }

    [DataFact]
    public void Same_seed_gives_the_same_problem_and_another_seed_another()
    {
        string data = TestData.Require(TestData.Mnist);
        var a = ProblemCatalog.Create("classification:mnist", 4, data);
        var b = ProblemCatalog.Create("classification:mnist", 4, data);
        var c = ProblemCatalog.Create("classification:mnist", 5, data);
        var x = a.X0;
        Assert.Equal(a.Objective.Value(x), b.Objective.Value(x));
        Assert.Equal(a.X0.ToArray(), b.X0.ToArray());
        Assert.NotEqual(a.Objective.Value(x), c.Objective.Value(x));
    }
}
