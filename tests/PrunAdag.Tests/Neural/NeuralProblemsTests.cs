using PrunAdag.Testing;
using PrunAdag.Neural;
using PrunAdag.Tests.Data;
using PrunAdag.Tests.Performance;

namespace PrunAdag.Tests.Neural;

/// <summary>The neural problems on the real data and their synthetic stand-ins.</summary>
public class NeuralProblemsTests
{
    [DataFact]
    public void The_MNIST_split_is_a_seeded_80_20_partition_of_t10k_with_pixels_in_0_1()
    {
        var (train, test) = NeuralProblems.MnistSplit(1, TestData.Require(TestData.Mnist));
        Assert.Equal(8000, train.Count); Assert.Equal(2000, test.Count);
        Assert.Equal(784, train.FeatureCount); Assert.Equal(10, train.ClassCount);
        Assert.All(train.ClassCounts().Concat(test.ClassCounts()), c => Assert.InRange(c, 100, 1000)); // every digit on both sides
        double min = double.MaxValue, max = double.MinValue;
        for (int i = 0; i < train.Count; i++) foreach (double v in train.Features(i)) { min = Math.Min(min, v); max = Math.Max(max, v); }
        Assert.Equal(0, min); Assert.Equal(1, max);
        // The split is a partition: every image once, as the same seed always gives.
        var images = PrunAdag.Data.IdxReader.ReadImages(TestData.File("mnist/t10k-images-idx3-ubyte.gz"));
        var seen = new HashSet<string>();
        for (int i = 0; i < images.Count; i++) seen.Add(Convert.ToBase64String(images.Pixels, i * 784, 784));
        var split = new HashSet<string>();
        foreach (var set in new[] { train, test })
            for (int i = 0; i < set.Count; i++)
                split.Add(Convert.ToBase64String(set.Features(i).ToArray().Select(v => (byte)Math.Round(v * 255)).ToArray()));
        Assert.Equal(seen, split);
        var (again, _) = NeuralProblems.MnistSplit(1, TestData.Require(TestData.Mnist));
        Assert.Equal(train.Features(17).ToArray(), again.Features(17).ToArray());
        Assert.NotEqual(train.Features(17).ToArray(), NeuralProblems.MnistSplit(2, TestData.Require(TestData.Mnist)).Train.Features(17).ToArray());
    }

    [DataFact]
    public void The_mnist_mlp_problem_is_the_ports_network_with_a_layout()
    {
        var p = NeuralProblems.MnistMlp(3, TestData.Require(TestData.Mnist));
        Assert.Equal("neural:mnist-mlp", p.Name);
        Assert.Equal(235_146, p.Dimension);
        Assert.NotNull(p.Layout);
        Assert.Equal(p.Layout!.PrunableCount / 10, p.TargetRelevant);
        var mlp = Assert.IsType<MlpClassifier>(p.Objective);
        Assert.Equal(128, mlp.Schedule.BatchSize);
        Assert.Equal(63, mlp.Schedule.BatchesPerEpoch);
        double acc = p.TestAccuracy!(p.X0);
        Assert.InRange(acc, 0.0, 0.3); // an untrained network is near chance (10 %)
        Assert.Equal(p.X0, NeuralProblems.MnistMlp(3, TestData.Require(TestData.Mnist)).X0);
    }

    [DataFact]
    public void A_few_Adam_epochs_train_the_MLP_well_above_chance()
    {
        // A smaller net keeps the test fast; the objective and kernel are the full-size ones.
        var p = NeuralProblems.MnistMlp(1, TestData.Require(TestData.Mnist), batchSize: 64, hiddenSizes: [32]);
        var mlp = (MlpClassifier)p.Objective;
        var x = p.X0.ToArray(); var g = new double[x.Length];
        var adam = new AdamKernel(x.Length, new AdamParameters());
        double before = mlp.Value(x);
        for (int k = 0; k < 2 * mlp.Schedule.BatchesPerEpoch; k++)
        {
            mlp.BatchGradient(k, x, g);
            adam.Step(k, x, g, 1e-3);
        }
        Assert.True(mlp.Value(x) < 0.5 * before, $"training loss {before} → {mlp.Value(x)}");
        Assert.True(p.TestAccuracy!(MathNet.Numerics.LinearAlgebra.Vector<double>.Build.Dense(x)) > 0.85);
    }

    [Fact]
    public void The_synthetic_stand_in_is_labelled_and_learnable()
    {
        var p = NeuralProblems.MnistMlp(2, synthetic: true, hiddenSizes: [16]);
        Assert.Contains("SYNTHETIC", p.Description);
        var (train, test) = NeuralProblems.SyntheticMnistSplit(2);
        Assert.Equal(8000, train.Count); Assert.Equal(2000, test.Count);
        Assert.Contains("SYNTHETIC", train.Name);
        var mlp = (MlpClassifier)p.Objective;
        var x = p.X0.ToArray(); var g = new double[x.Length];
        var adam = new AdamKernel(x.Length, new AdamParameters());
        for (int k = 0; k < mlp.Schedule.BatchesPerEpoch; k++) { mlp.BatchGradient(k, x, g); adam.Step(k, x, g, 1e-3); }
        Assert.True(p.TestAccuracy!(MathNet.Numerics.LinearAlgebra.Vector<double>.Build.Dense(x)) > 0.9);
    }

    [DataFact]
    public void The_a9a_problem_uses_all_32561_training_rows()
    {
        var p = NeuralProblems.A9aLogistic(1, TestData.Require([.. TestData.A9a, "a9a/a9a.t.gz"]));
        var f = Assert.IsType<MiniBatchLogisticObjective>(p.Objective);
        Assert.Equal(32_561, f.SampleCount);
        Assert.Equal(123, p.Dimension);
        Assert.Equal(12, p.TargetRelevant);
        Assert.Equal(255, f.Schedule.BatchesPerEpoch); // ⌈32 561 / 128⌉
        var x = p.X0.ToArray(); var g = new double[123];
        SteadyStateAllocation.AssertNone(() => f.BatchGradient(5, x, g));
        Assert.InRange(p.TestAccuracy!(p.X0), 0.0, 1.0);
        var s = NeuralProblems.A9aLogistic(1, synthetic: true);
        Assert.Contains("SYNTHETIC", s.Description);
    }

    [Fact]
    public void Missing_data_names_the_expected_file()
    {
        var dir = Path.Combine(Path.GetTempPath(), "prunadag-no-data-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            var ex = Assert.Throws<FileNotFoundException>(() => NeuralProblems.MnistMlp(1, dir));
            Assert.Contains("t10k-images-idx3-ubyte.gz", ex.Message);
        }
        finally { Directory.Delete(dir); }
    }
}

/// <summary>The README's neural example, as written there.</summary>
public class ReadmeNeuralExampleTests
{
    [DataFact]
    public void The_readme_example_runs()
    {
        var problem = NeuralProblems.MnistMlp(seed: 1, dataDirectory: TestData.Require(TestData.Mnist));
        var options = new PrunAdagOptions { Epochs = 2, StepScale = 0.01, TargetRelevant = problem.TargetRelevant, Evaluate = problem.Evaluate };
        var run = Minimizer.Create(Method.V3, options).Minimize(problem.Objective, problem.X0);
        Assert.Equal(2 * 63, run.Iterations);
        Assert.InRange(run.Trace.Evaluations!.Last("test accuracy"), 0.8, 1.0);
        var pruned = PrunAdag.Pruning.ToSparsity(run.Solution, 0.9, problem.Layout!);
        Assert.Contains("W1", pruned.Sparsity.ToString());
        Assert.Equal(0.9, pruned.Sparsity.Prunable, 4);
        var b1 = problem.Layout!["b1"];
        for (int i = b1.Offset; i < b1.End; i++) Assert.Equal(run.Solution[i], pruned.Pruned[i]); // biases left as they are
    }
}
