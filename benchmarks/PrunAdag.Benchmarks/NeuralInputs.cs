using PrunAdag.Data;
using PrunAdag.Neural;

namespace PrunAdag.Benchmarks;

/// <summary>Inputs for the neural benchmarks: the real MNIST split when the data folder is found, else the synthetic stand-in.</summary>
internal static class NeuralInputs
{
    private static (LabelledData Train, LabelledData Test)? s_split;

    public static bool RealData => DataLocator.Find() is { } d && File.Exists(Path.Combine(d, "mnist", "t10k-images-idx3-ubyte.gz"));

    public static (LabelledData Train, LabelledData Test) Split() =>
        s_split ??= RealData ? NeuralProblems.MnistSplit(1) : NeuralProblems.SyntheticMnistSplit(1);

    public static string Describe() => RealData ? "MNIST t10k (8000 training images)" : "the SYNTHETIC stand-in (no MNIST data found)";

    /// <summary>The first <paramref name="count"/> training images, row-major count × 784.</summary>
    public static double[] PixelBatch(int count)
    {
        var train = Split().Train;
        var a = new double[count * train.FeatureCount];
        for (int i = 0; i < count; i++) train.Features(i).CopyTo(a.AsSpan(i * train.FeatureCount));
        return a;
    }

    public static double[] Transposed(double[] a, int rows, int cols)
    {
        var t = new double[a.Length];
        Gemm.Transpose(a, cols, rows, cols, t, rows);
        return t;
    }
}
