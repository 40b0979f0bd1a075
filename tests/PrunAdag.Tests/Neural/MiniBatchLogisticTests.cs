using MathNet.Numerics.LinearAlgebra;
using PrunAdag.Data;
using PrunAdag.Neural;
using PrunAdag.Tests.Performance;

namespace PrunAdag.Tests.Neural;

/// <summary>Mini-batch logistic regression: against the dense logistic objective, a plain loop and finite differences.</summary>
public class MiniBatchLogisticTests
{
    private static (Matrix<double> X, Vector<double> Z) Data(int rows, int cols, int seed)
    {
        var rng = new Random(seed);
        var x = Matrix<double>.Build.Dense(rows, cols, (_, _) => rng.Next(3) == 0 ? rng.NextDouble() * 2 - 1 : 0);
        var z = Vector<double>.Build.Dense(rows, _ => rng.Next(2) == 0 ? -1.0 : 1.0);
        return (x, z);
    }

    [Fact]
    public void The_full_gradient_and_value_agree_with_the_dense_logistic_objective()
    {
        var (x, z) = Data(50, 17, 1);
        var mini = MiniBatchLogisticObjective.FromDense(x, z, new BatchSchedule(50, 8, seed: 3));
        var dense = Objective.Logistic(x, z);
        var p = Vector<double>.Build.Dense(17, i => Math.Sin(i + 1.0));
        var g1 = mini.Gradient(p); var g2 = dense.Gradient(p);
        for (int i = 0; i < 17; i++) Assert.Equal(g2[i], g1[i], 1e-15);
        Assert.Equal(dense.Value(p), mini.Value(p), 1e-14);
        Assert.True(GradientChecker.Check(mini, p).Passed);
    }

    [Fact]
    public void A_batch_gradient_is_bitwise_the_documented_plain_loop()
    {
        var (x, z) = Data(40, 9, 2);
        var mini = MiniBatchLogisticObjective.FromDense(x, z, new BatchSchedule(40, 6, seed: 1));
        var p = Enumerable.Range(0, 9).Select(i => 0.3 * Math.Cos(i)).ToArray();
        int[] batch = mini.Schedule.GetBatch(4);
        var plain = new double[9];
        foreach (int i in batch)
        {
            double t = 0;
            for (int j = 0; j < 9; j++) if (x[i, j] != 0) t += x[i, j] * p[j];
            double zt = z[i] * t;
            double sig = zt >= 0 ? Math.Exp(-zt) / (1 + Math.Exp(-zt)) : 1 / (1 + Math.Exp(zt));
            for (int j = 0; j < 9; j++) if (x[i, j] != 0) plain[j] += -z[i] * sig * x[i, j];
        }
        for (int j = 0; j < 9; j++) plain[j] *= 1.0 / batch.Length;
        var g = new double[9];
        mini.BatchGradient(4, p, g);
        BitwiseInputs.AssertBitwiseEqual(plain, g, "gradient");
        var full = MiniBatchLogisticObjective.FromDense(x, z, BatchSchedule.FullBatch(40));
        var gf = new double[9]; var gb = new double[9];
        full.Gradient(p, gf); full.BatchGradient(7, p, gb);
        BitwiseInputs.AssertBitwiseEqual(gf, gb, "full batch");
        SteadyStateAllocation.AssertNone(() => mini.BatchGradient(3, p, g));
    }

    [Fact]
    public void Labels_other_than_plus_or_minus_one_are_named()
    {
        var d = new LibSvmData([1, 0], 2, [0, 1, 2], [0, 1], [1.0, 1.0]);
        Assert.Contains("Row 2 (counting from 1) has label 0", Assert.Throws<ArgumentException>(() => new MiniBatchLogisticObjective(d, BatchSchedule.FullBatch(2))).Message);
    }

    [Fact]
    public void Data_built_by_hand_with_indices_or_row_starts_out_of_place_is_refused_naming_the_row()
    {
        var outside = new LibSvmData([1, -1], 2, [0, 1, 2], [0, 5], [1.0, 1.0]);
        Assert.Contains("Row 2 (counting from 1) has feature index 5", Assert.Throws<ArgumentException>(() => new MiniBatchLogisticObjective(outside, BatchSchedule.FullBatch(2))).Message);
        var shortStarts = new LibSvmData([1, -1], 2, [0, 1], [0, 1], [1.0, 1.0]);
        Assert.Contains("row starts do not fit", Assert.Throws<ArgumentException>(() => new MiniBatchLogisticObjective(shortStarts, BatchSchedule.FullBatch(2))).Message);
        var backwards = new LibSvmData([1, -1, 1], 2, [0, 2, 1, 2], [0, 1], [1.0, 1.0]);
        Assert.Contains("Row 2: its start 1 comes before the start 2", Assert.Throws<ArgumentException>(() => new MiniBatchLogisticObjective(backwards, BatchSchedule.FullBatch(3))).Message);
    }
}
