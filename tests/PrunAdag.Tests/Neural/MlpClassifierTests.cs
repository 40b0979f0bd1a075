using MathNet.Numerics.LinearAlgebra;
using PrunAdag.Neural;
using PrunAdag.Tests.Performance;

namespace PrunAdag.Tests.Neural;

/// <summary>The MLP objective: its gradient against finite differences and an independent plain implementation, batches, allocation, initialisation.</summary>
public class MlpClassifierTests
{
    [Fact]
    public void Gradient_agrees_with_finite_differences()
    {
        var data = MlpTestData.Random(9, 6, 3, seed: 1);
        var mlp = new MlpClassifier(data, [5, 4], BatchSchedule.FullBatch(9), l2: 0.01);
        var x = mlp.InitialParameters(3);
        for (int i = 0; i < x.Count; i++) if (x[i] == 0) x[i] = 0.03 + 0.02 * (i % 3); // positive biases: no unit sits on its ReLU kink
        var report = GradientChecker.Check(mlp, x, tolerance: 1e-6);
        Assert.True(report.Passed, report.ToString());
    }

    [Theory]
    [InlineData(0.0, 4, false)]   // batch smaller than the data: chunks of 4
    [InlineData(0.003, 20, false)]
    [InlineData(0.0, 1, false)]   // one sample at a time
    [InlineData(0.001, 16, true)] // layers wide enough for the kernel's 4 × 4-vector tiles and their tails
    public void Gradient_and_value_are_bitwise_the_plain_implementation(double l2, int batch, bool wide)
    {
        int features = wide ? 70 : 13;
        var data = MlpTestData.Random(23, features, 4, seed: 2);
        int[] hidden = wide ? [72, 35] : [9, 6];
        var mlp = new MlpClassifier(data, hidden, new BatchSchedule(23, batch, seed: 4), l2);
        var x = mlp.InitialParameters(5, MlpInitialization.Glorot).ToArray();
        for (int i = 0; i < x.Length; i++) if (x[i] == 0) x[i] = 0.01 * (i % 7 - 3);
        int[] sizes = [features, .. hidden, 4];
        var samples = new[] { 3, 0, 22, 7, 7, 15, 1, 9, 10, 11, 12, 2, 5, 6 }; // any order, a repeat, longer than some batches
        var (loss, grad) = MlpTestData.LossAndGradient(x, sizes, data, samples, l2);
        var g = new double[x.Length];
        mlp.BatchGradient(samples, x, g);
        BitwiseInputs.AssertBitwiseEqual(grad, g, "gradient");
        Assert.Equal(BitConverter.DoubleToInt64Bits(loss), BitConverter.DoubleToInt64Bits(mlp.BatchValue(samples, x)));
        // Batch k of the schedule is the same computation on the schedule's samples.
        var batchK = mlp.Schedule.GetBatch(3);
        mlp.BatchGradient(3, x, g);
        BitwiseInputs.AssertBitwiseEqual(MlpTestData.LossAndGradient(x, sizes, data, batchK, l2).Gradient, g, "batch 3");
    }

    [Fact]
    public void A_full_batch_without_shuffling_is_bitwise_the_full_gradient_whatever_the_buffer_size()
    {
        var data = MlpTestData.Random(30, 8, 3, seed: 3);
        var full = new MlpClassifier(data, [7], BatchSchedule.FullBatch(30));
        var chunked = new MlpClassifier(data, [7], new BatchSchedule(30, 7, seed: 1)); // buffers of 7: 5 chunks
        var x = full.InitialParameters(1).ToArray();
        var g0 = new double[x.Length]; var g1 = new double[x.Length]; var g2 = new double[x.Length];
        full.Gradient(x, g0);
        for (int k = 0; k < 3; k++)
        {
            full.BatchGradient(k, x, g1);
            BitwiseInputs.AssertBitwiseEqual(g0, g1, $"batch {k}");
        }
        chunked.Gradient(x, g2);
        BitwiseInputs.AssertBitwiseEqual(g0, g2, "full gradient through buffers of 7");
        Assert.Equal(BitConverter.DoubleToInt64Bits(full.Value(x)), BitConverter.DoubleToInt64Bits(chunked.Value(x)));
    }

    [Fact]
    public void A_batch_gradient_allocates_nothing()
    {
        var data = MlpTestData.Random(300, 30, 5, seed: 4);
        var mlp = new MlpClassifier(data, [16, 8], batchSize: 32, seed: 2);
        var x = mlp.InitialParameters(2).ToArray();
        var g = new double[x.Length];
        int k = 0;
        SteadyStateAllocation.AssertNone(() => mlp.BatchGradient(k++, x, g)); // crosses epochs (10 batches each)
        SteadyStateAllocation.AssertNone(() => mlp.BatchValue(k++, x));
        SteadyStateAllocation.AssertNone(() => mlp.Evaluate(x, data));
    }

    [Fact]
    public void Initialisation_follows_the_documented_draws()
    {
        var data = MlpTestData.Random(5, 4, 3, seed: 5);
        var mlp = new MlpClassifier(data, [6], BatchSchedule.FullBatch(5));
        var he = mlp.InitialParameters(11).ToArray();
        // Independent restatement: one Mersenne Twister, W1 (4×6) then W2 (6×3) in storage order, then the biases, 0.
        var rng = new MathNet.Numerics.Random.MersenneTwister(11);
        var expected = new double[he.Length];
        int at = 0;
        foreach (var (fanIn, fanOut) in new[] { (4, 6), (6, 3) })
        {
            for (int i = 0; i < fanIn * fanOut; i++) expected[at++] = MathNet.Numerics.Distributions.Normal.Sample(rng, 0, Math.Sqrt(2.0 / fanIn));
        }
        Assert.Equal(expected, he);
        Assert.Equal(he, mlp.InitialParameters(11).ToArray());
        Assert.NotEqual(he, mlp.InitialParameters(12).ToArray());
        var glorot = mlp.InitialParameters(11, MlpInitialization.Glorot).ToArray();
        Assert.Equal(expected[0] / Math.Sqrt(2.0 / 4) * Math.Sqrt(2.0 / 10), glorot[0], 15);
    }

    [Fact]
    public void He_initialisation_has_the_stated_spread_on_the_papers_network()
    {
        var data = MlpTestData.Random(10, 784, 10, seed: 6);
        var mlp = new MlpClassifier(data, [256, 128], BatchSchedule.FullBatch(10));
        Assert.Equal(235_146, mlp.Dimension);
        var x = mlp.InitialParameters(1);
        var w1 = mlp.Layout["W1"];
        double sq = 0;
        for (int i = w1.Offset; i < w1.End; i++) sq += x[i] * x[i];
        Assert.Equal(2.0 / 784, sq / w1.Length, 0.05 * 2.0 / 784); // 200 704 draws: the sample variance is within 1 %
        Assert.All(Enumerable.Range(mlp.Layout["b1"].Offset, 256), i => Assert.Equal(0.0, x[i]));
    }

    [Fact]
    public void Evaluation_reports_accuracy_and_loss_on_another_data_set()
    {
        // Feature 0 means class 1, feature 1 class 0: W = [[−2.5, 2.5], [2.5, −2.5]] gives each test sample margin 5.
        var train = new LabelledData([1, 0, 0, 1, 1, 0], 2, [1, 0, 1], 2);
        var test = new LabelledData([0, 1, 1, 0], 2, [0, 1], 2);
        var mlp = new MlpClassifier(train, [], BatchSchedule.FullBatch(3)); // softmax regression: W1 is 2×2
        var x = new double[] { -2.5, 2.5, 2.5, -2.5, 0, 0 };
        var e = mlp.Evaluate(x, test);
        Assert.Equal(1.0, e.Accuracy);
        Assert.Equal(Math.Log(1 + Math.Exp(-5)), e.Loss, 14); // both samples have margin 5
        Assert.Equal(0.5, mlp.Evaluate(new double[6], test).Accuracy); // all logits equal: class 0 predicted
        var wrong = new LabelledData([1, 2, 3], 3, [0], 2);
        Assert.Contains("3 features", Assert.Throws<ArgumentException>(() => mlp.Evaluate(x, wrong)).Message);
    }

    [Fact]
    public void Bad_data_and_batches_are_named()
    {
        Assert.Contains("Sample 1 has label 3", Assert.Throws<ArgumentException>(() => new LabelledData([1, 2], 1, [0, 3], 3)).Message);
        Assert.Contains("feature 0 is NaN", Assert.Throws<ArgumentException>(() => new LabelledData([1, double.NaN], 1, [0, 1], 2)).Message);
        var data = MlpTestData.Random(5, 3, 2, seed: 7);
        Assert.Contains("schedule is for 6", Assert.Throws<ArgumentException>(() => new MlpClassifier(data, [2], BatchSchedule.FullBatch(6))).Message);
        var mlp = new MlpClassifier(data, [2], BatchSchedule.FullBatch(5));
        var x = new double[mlp.Dimension]; var g = new double[mlp.Dimension];
        Assert.Contains("samples[1] = 5", Assert.Throws<ArgumentOutOfRangeException>(() => mlp.BatchGradient([0, 5], x, g)).Message);
        Assert.Contains("no samples", Assert.Throws<ArgumentException>(() => mlp.BatchGradient([], x, g)).Message);
    }
}
