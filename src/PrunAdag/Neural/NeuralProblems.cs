using MathNet.Numerics.Distributions;
using MathNet.Numerics.Random;
using PrunAdag.Data;
using PrunAdag.Problems;

namespace PrunAdag.Neural;

/// <summary>
/// The neural-network problems beyond the paper: <c>neural:mnist-mlp</c> (the 784-256-128-10 ReLU MLP, 235 146
/// parameters, on the MNIST images available here) and <c>neural:a9a-logistic</c> (mini-batch logistic regression on
/// the whole A9A training set), each with a labelled synthetic stand-in when the data are missing.
/// </summary>
/// <remarks>
/// <para>MNIST: the 10 000 images of <c>mnist/t10k-images-idx3-ubyte.gz</c> with their labels, pixels scaled to
/// [0, 1] (byte / 255), split 80:20 by one <see cref="MersenneTwister"/> seeded with the seed: a Fisher–Yates
/// permutation of 0 … 9999 (<c>rng.Next(i, N)</c> for i = 0, 1, …), whose first 8000 entries are the training set in that
/// order and the rest the test set. The same generator then draws x0 (<see cref="MlpClassifier.InitialParameters(Random, MlpInitialization)"/>,
/// He by default), so a seed fixes split and start alike for every method. The batches are a
/// <see cref="BatchSchedule"/> of the training set shuffled every epoch from the same seed.</para>
/// <para>T = max(1, ⌊P/10⌋) for the P prunable weights (the paper's n/10 rule, biases excluded).</para>
/// </remarks>
public static class NeuralProblems
{
    /// <summary>The fraction of MNIST t10k images used for training.</summary>
    public const double TrainFraction = 0.8;

    /// <summary>The default batch size (the port's and PyTorch examples' 128).</summary>
    public const int DefaultBatchSize = 128;

    /// <summary>MNIST t10k's images, and the MLP's input and output widths: 28 × 28 pixels and 10 digits (the synthetic stand-in's too).</summary>
    internal const int MnistImages = 10_000, MnistPixels = 784, MnistClasses = 10;

    /// <summary>
    /// Checks, before any data is read, that an MLP of <paramref name="hiddenSizes"/> trained on batches of
    /// <paramref name="batchSize"/> fits: each layer's weights in one parameter vector and a batch's activations of the widest
    /// layer in one array.
    /// </summary>
    /// <exception cref="ArgumentException">It does not fit; the message names the layer or the batch.</exception>
    internal static void CheckMlpFits(IReadOnlyList<int> hiddenSizes, int batchSize)
    {
        int[] sizes = [MnistPixels, .. hiddenSizes, MnistClasses];
        _ = ParameterLayout.Mlp(sizes);
        // The MLP's own check, on the batch its schedule will hold: at most the training images of Split.
        MlpClassifier.CheckFits(sizes, Math.Min(batchSize, TrainCount(MnistImages)), nameof(hiddenSizes));
    }

    /// <summary>How many training samples (the first of the seeded training order) the training loss of an evaluation is taken on.</summary>
    public const int EvaluationSampleCount = 2000;

    /// <summary>The evaluation value names of these problems (<see cref="TestProblem.Evaluate"/>).</summary>
    public const string TrainLoss = "train loss", TestLoss = "test loss", TestAccuracy = "test accuracy";

    /// <summary>The hidden layers of <c>neural:mnist-mlp</c>.</summary>
    public static IReadOnlyList<int> MnistMlpHidden { get; } = [256, 128];

    /// <summary>The seeded 80:20 split of the 10 000 MNIST t10k images (pixels in [0, 1], 10 classes).</summary>
    /// <exception cref="FileNotFoundException">A data file is missing (the message names the expected path).</exception>
    /// <exception cref="FormatException">A data file is corrupt, or images and labels disagree.</exception>
    public static (LabelledData Train, LabelledData Test) MnistSplit(int seed, string? dataDirectory = null) =>
        MnistSplit(new MersenneTwister(seed), dataDirectory);

    private static (LabelledData Train, LabelledData Test) MnistSplit(Random rng, string? dataDirectory)
    {
        string imagesPath = DataLocator.Require(dataDirectory, Path.Combine("mnist", "t10k-images-idx3-ubyte.gz"));
        string labelsPath = DataLocator.Require(dataDirectory, Path.Combine("mnist", "t10k-labels-idx1-ubyte.gz"));
        var images = IdxReader.ReadImages(imagesPath);
        var labels = IdxReader.ReadLabels(labelsPath, maxLabel: 9);
        if (images.Count != labels.Length)
            throw new FormatException($"{imagesPath} holds {images.Count} images but {labelsPath} holds {labels.Length} labels.");
        int p = images.PixelsPerImage;
        var features = new double[(long)images.Count * p];
        for (long i = 0; i < features.LongLength; i++) features[i] = images.Pixels[i] / 255.0;
        var all = new LabelledData(features, p, [.. labels.Select(b => (int)b)], 10, "MNIST t10k", validate: false);
        return Split(all, rng, "MNIST t10k");
    }

    /// <summary>
    /// A SYNTHETIC stand-in for the MNIST split (not MNIST): 10 000 "images" of 784 values in [0, 1], 10 classes, the
    /// same 80:20 seeded split. Each class has a template with 20 % of the pixels lit (value U(0.5, 1)); a sample of
    /// class c keeps each lit pixel with probability 0.9 (value + N(0, 0.1²), clipped to [0, 1]) and lights 2 % of the
    /// others at U(0, 1). Draws, in order from one <see cref="MersenneTwister"/>: the templates, then per sample its
    /// class U{0..9} and its pixels, then the split.
    /// </summary>
    public static (LabelledData Train, LabelledData Test) SyntheticMnistSplit(int seed) => SyntheticMnistSplit(new MersenneTwister(seed));

    private static (LabelledData Train, LabelledData Test) SyntheticMnistSplit(Random rng)
    {
        const int count = MnistImages, pixels = MnistPixels, classes = MnistClasses;
        var templates = new double[classes * pixels];
        for (int i = 0; i < templates.Length; i++) templates[i] = rng.NextDouble() < 0.2 ? 0.5 + 0.5 * rng.NextDouble() : 0;
        var features = new double[count * pixels];
        var labels = new int[count];
        for (int s = 0; s < count; s++)
        {
            int c = rng.Next(classes);
            labels[s] = c;
            for (int j = 0; j < pixels; j++)
            {
                double t = templates[c * pixels + j], v;
                if (t > 0) v = rng.NextDouble() < 0.9 ? Math.Clamp(t + Normal.Sample(rng, 0, 0.1), 0, 1) : 0;
                else v = rng.NextDouble() < 0.02 ? rng.NextDouble() : 0;
                features[s * pixels + j] = v;
            }
        }
        var all = new LabelledData(features, pixels, labels, classes, "SYNTHETIC stand-in (not MNIST)", validate: false);
        return Split(all, rng, "SYNTHETIC stand-in (not MNIST)");
    }

    private static int TrainCount(int count) => (int)Math.Round(TrainFraction * count, MidpointRounding.AwayFromZero);

    private static (LabelledData, LabelledData) Split(LabelledData all, Random rng, string name)
    {
        int count = all.Count;
        var order = RandomDraws.PartialPermutation(count, count, rng);
        int train = TrainCount(count);
        return (all.Subset(order[..train], $"{name}, {train} training images"), all.Subset(order[train..], $"{name}, {count - train} test images"));
    }

    /// <summary>
    /// <c>neural:mnist-mlp</c>: the 784-256-128-10 MLP with softmax cross-entropy on the MNIST split, batches of
    /// <paramref name="batchSize"/> shuffled every epoch; or, with <paramref name="synthetic"/>, on the synthetic stand-in.
    /// </summary>
    /// <param name="seed">Fixes the split, x0 and the batch order.</param>
    /// <param name="dataDirectory">The folder with <c>mnist/</c>; null: <see cref="DataLocator.Find"/>.</param>
    /// <param name="batchSize">B (default 128).</param>
    /// <param name="synthetic">Use the labelled synthetic stand-in (no data needed).</param>
    /// <param name="initialization">How x0 is drawn (He by default).</param>
    /// <param name="l2">λ of the L2 term on the weights (default 0).</param>
    /// <param name="hiddenSizes">Hidden layers (default 256, 128); smaller nets make quick notebook runs.</param>
    public static TestProblem MnistMlp(int seed, string? dataDirectory = null, int batchSize = DefaultBatchSize, bool synthetic = false,
        MlpInitialization initialization = MlpInitialization.He, double l2 = 0, IReadOnlyList<int>? hiddenSizes = null)
    {
        var rng = new MersenneTwister(seed);
        var (train, test) = synthetic ? SyntheticMnistSplit(rng) : MnistSplit(rng, dataDirectory);
        var hidden = hiddenSizes ?? MnistMlpHidden;
        var mlp = new MlpClassifier(train, hidden, new BatchSchedule(train.Count, batchSize, shuffle: true, seed), l2);
        var x0 = mlp.InitialParameters(rng, initialization);
        var trainSample = train.Subset([.. Enumerable.Range(0, Math.Min(EvaluationSampleCount, train.Count))], $"the first {Math.Min(EvaluationSampleCount, train.Count)} training images");
        return new TestProblem
        {
            Name = synthetic ? "neural:mnist-mlp-synthetic" : "neural:mnist-mlp",
            Kind = "neural-classifier",
            Seed = seed,
            Objective = mlp,
            X0 = x0,
            TargetRelevant = SparseStart.TargetRelevant(mlp.Layout.PrunableCount),
            TestAccuracy = x => mlp.Accuracy(x, test),
            Evaluate = x =>
            {
                var tr = mlp.Evaluate(Objective.AsSpan(x), trainSample);
                var te = mlp.Evaluate(Objective.AsSpan(x), test);
                return new Dictionary<string, double> { [TrainLoss] = tr.Loss, [TestLoss] = te.Loss, [TestAccuracy] = te.Accuracy };
            },
            Layout = mlp.Layout,
            Description = $"{(synthetic ? "SYNTHETIC stand-in (not MNIST data)" : "MNIST t10k")}: {train.Count} train / {test.Count} test images, " +
                          $"MLP {string.Join("-", mlp.LayerSizes)} (ReLU, softmax cross-entropy{(l2 > 0 ? $", L2 {l2:G3}" : "")}), {mlp.Dimension} parameters, " +
                          $"{initialization} initialisation, batches of {batchSize}.",
        };
    }

    /// <summary>
    /// <c>neural:a9a-logistic</c>: mini-batch logistic regression on all 32 561 rows of <c>a9a/a9a.gz</c> (123 binary
    /// features, labels ±1, no bias term as in the paper's f), test accuracy on <c>a9a/a9a.t.gz</c> (16 281 rows); x0 the
    /// paper's sparse start (T = 12 nonzero N(0,1) entries, unit norm, from a <see cref="MersenneTwister"/> seeded with the
    /// seed); batches shuffled every epoch from the seed. Without <paramref name="synthetic"/> the data are required.
    /// </summary>
    public static TestProblem A9aLogistic(int seed, string? dataDirectory = null, int batchSize = DefaultBatchSize, bool synthetic = false)
    {
        LibSvmData train, test;
        string description;
        string? trainPath = null, testPath = null;
        var rng = new MersenneTwister(seed);
        if (synthetic)
        {
            (train, test) = SyntheticA9a(rng);
            description = "SYNTHETIC stand-in (not A9A): 32 561 train / 16 281 test rows of 123 binary features, labels from a planted sparse logistic model";
        }
        else
        {
            trainPath = DataLocator.Require(dataDirectory, Path.Combine("a9a", "a9a.gz"));
            testPath = DataLocator.Require(dataDirectory, Path.Combine("a9a", "a9a.t.gz"));
            train = LibSvmReader.Read(trainPath, featureCount: 123);
            test = LibSvmReader.Read(testPath, featureCount: 123);
            description = $"A9A: all {train.Count} training rows (a9a), {test.Count} test rows (a9a.t), 123 binary features";
        }
        // A row the reader took but the loss cannot (a label other than ±1): the message names the file it came from.
        MiniBatchLogisticObjective From(LibSvmData d, string? path, BatchSchedule schedule)
        {
            try { return new MiniBatchLogisticObjective(d, schedule); }
            catch (ArgumentException ex) when (path is not null) { throw new FormatException($"{path}: {ArgumentMessages.Sentence(ex)}", ex); }
        }
        var objective = From(train, trainPath, new BatchSchedule(train.Count, batchSize, shuffle: true, seed));
        var testObjective = From(test, testPath, new BatchSchedule(test.Count, test.Count, shuffle: false));
        int[] trainSample = [.. Enumerable.Range(0, Math.Min(EvaluationSampleCount, train.Count))];
        int t = SparseStart.TargetRelevant(123);
        var x0 = SparseStart.Draw(123, t, rng);
        return new TestProblem
        {
            Name = synthetic ? "neural:a9a-logistic-synthetic" : "neural:a9a-logistic",
            Kind = "logistic",
            Seed = seed,
            Objective = objective,
            X0 = x0,
            TargetRelevant = t,
            TestAccuracy = x => MiniBatchLogisticObjective.Accuracy(Objective.AsSpan(x), test),
            Evaluate = x => new Dictionary<string, double>
            {
                [TrainLoss] = objective.BatchValue(trainSample, Objective.AsSpan(x)),
                [TestLoss] = testObjective.Value(Objective.AsSpan(x)),
                [TestAccuracy] = MiniBatchLogisticObjective.Accuracy(Objective.AsSpan(x), test),
            },
            Layout = ParameterLayout.Single(123),
            Description = $"{description}; logistic loss, batches of {batchSize}.",
        };
    }

    // Planted model: support = 10 random features, weights N(0,1)·2; rows have each feature 1 with probability 0.11
    // (A9A's density, ≈ 14 of 123), then one uniform u per row and label +1 iff u < σ(yᵀw). Train rows first, then test rows.
    private static (LibSvmData, LibSvmData) SyntheticA9a(Random rng)
    {
        const int features = 123;
        var support = RandomDraws.PartialPermutation(features, 10, rng);
        var w = new double[features];
        foreach (int s in support) w[s] = 2 * Normal.Sample(rng, 0, 1);
        LibSvmData Rows(int count)
        {
            var labels = new double[count]; var rowStart = new int[count + 1];
            var index = new List<int>(); var values = new List<double>();
            for (int i = 0; i < count; i++)
            {
                double m = 0;
                for (int j = 0; j < features; j++)
                    if (rng.NextDouble() < 0.11) { index.Add(j); values.Add(1.0); m += w[j]; }
                rowStart[i + 1] = index.Count;
                labels[i] = rng.NextDouble() < 1 / (1 + Math.Exp(-m)) ? 1 : -1;
            }
            return new LibSvmData(labels, features, rowStart, [.. index], [.. values]);
        }
        var train = Rows(32_561);
        return (train, Rows(16_281));
    }
}
