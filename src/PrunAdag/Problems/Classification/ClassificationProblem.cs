using MathNet.Numerics.Distributions;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Random;
using PrunAdag.Data;

namespace PrunAdag.Problems.Classification;

/// <summary>The data sets of the paper's classification experiment (docs/algorithm.md, E4) available here.</summary>
public enum ClassificationDataset
{
    /// <summary>MNIST even (+1) vs odd (−1): 1000 random images of t10k, 784 pixel features.</summary>
    Mnist,
    /// <summary>A9A (LIBSVM, UCI Adult): 1000 random rows of <c>a9a</c>, 123 binary features, labels ±1 as given.</summary>
    A9a,
    /// <summary>REGED0: all 500 labelled rows, 999 features, labels ±1 as given.</summary>
    Reged0,
    /// <summary>A synthetic stand-in needing no data: 1000 samples, 200 features, 10 informative, labels from a planted sparse logistic model.</summary>
    Synthetic,
}

/// <summary>A normalised train/test split.</summary>
/// <param name="TrainFeatures">Training samples (rows), min–max normalised.</param>
/// <param name="TrainLabels">Training labels ±1.</param>
/// <param name="TestFeatures">Test samples, normalised with the training minima and maxima (so values may leave [0, 1]).</param>
/// <param name="TestLabels">Test labels ±1.</param>
public sealed record ClassificationSplit(Matrix<double> TrainFeatures, Vector<double> TrainLabels, Matrix<double> TestFeatures, Vector<double> TestLabels);

/// <summary>
/// The paper's logistic-regression problems (docs/algorithm.md, E4; labels ±1, C9):
/// f(x) = (1/N) Σ log(1 + exp(−z_i y_iᵀx)) on the training part of a seeded 70:30 split, no bias term
/// (the paper's f has none), features min–max normalised.
/// </summary>
/// <remarks>
/// One <see cref="MersenneTwister"/> seeded with the seed draws, in order: (synthetic only: the planted model
/// and the data, see <see cref="ClassificationDataset.Synthetic"/>); the sample subset (first 1000 entries of a
/// random permutation of all rows, MNIST and A9A only; REGED0 keeps its 500 rows in file order); a random
/// permutation of the selected samples whose first round(0.7·N) entries (700 of 1000, 350 of 500) are the
/// training part, the rest the test part; x0.
/// x0 follows the random least-squares convention (T = max(1, ⌊n/10⌋) nonzero N(0,1) entries on a random
/// support, unit norm) because the paper states one start rule for all experiments.
/// MNIST labels: even digits are +1, odd digits −1 (the paper only says "even vs odd").
/// </remarks>
public static class ClassificationProblem
{
    /// <summary>Samples drawn from MNIST and A9A (the paper's 1000).</summary>
    public const int SampleCount = 1000;

    /// <summary>Fraction of samples used for training.</summary>
    public const double TrainFraction = 0.7;

    /// <summary>Builds the problem, named <c>classification:mnist</c> etc.</summary>
    /// <param name="dataset">The data set.</param>
    /// <param name="seed">Fully determines sampling, split and x0.</param>
    /// <param name="dataDirectory">The folder with <c>mnist/</c>, <c>a9a/</c>, <c>reged0/</c>; null: <see cref="DataLocator.Find"/>.
    /// Unused for <see cref="ClassificationDataset.Synthetic"/>.</param>
    /// <exception cref="FileNotFoundException">A data file is missing (the message names the expected path).</exception>
    /// <exception cref="FormatException">A data file is corrupt.</exception>
    public static TestProblem Create(ClassificationDataset dataset, int seed, string? dataDirectory = null)
    {
        var rng = new MersenneTwister(seed);
        var split = Prepare(dataset, rng, dataDirectory, out string description);
        int n = split.TrainFeatures.ColumnCount;
        int t = SparseStart.TargetRelevant(n);
        var x0 = SparseStart.Draw(n, t, rng);
        var testX = split.TestFeatures; var testY = split.TestLabels;
        return new TestProblem
        {
            Name = $"classification:{dataset.ToString().ToLowerInvariant()}",
            Kind = "logistic",
            Seed = seed,
            Objective = Objective.Logistic(split.TrainFeatures, split.TrainLabels),
            X0 = x0,
            TargetRelevant = t,
            TestAccuracy = x => LogisticObjective.Accuracy(x, testX, testY),
            Description = $"{description}; {split.TrainFeatures.RowCount} train / {testX.RowCount} test samples, min–max normalised, logistic loss.",
        };
    }

    /// <summary>The normalised split <see cref="Create"/> uses (same seed, same split).</summary>
    public static ClassificationSplit Split(ClassificationDataset dataset, int seed, string? dataDirectory = null) =>
        Prepare(dataset, new MersenneTwister(seed), dataDirectory, out _);

    private static ClassificationSplit Prepare(ClassificationDataset dataset, Random rng, string? dataDirectory, out string description)
    {
        Matrix<double> x; double[] z;
        switch (dataset)
        {
            case ClassificationDataset.Mnist:
            {
                var images = IdxReader.ReadImages(DataLocator.Require(dataDirectory, Path.Combine("mnist", "t10k-images-idx3-ubyte.gz")));
                var labels = IdxReader.ReadLabels(DataLocator.Require(dataDirectory, Path.Combine("mnist", "t10k-labels-idx1-ubyte.gz")), maxLabel: 9);
                if (labels.Length != images.Count)
                    throw new FormatException($"MNIST t10k: {images.Count} images but {labels.Length} labels.");
                var rows = RandomDraws.PartialPermutation(images.Count, Math.Min(SampleCount, images.Count), rng);
                int p = images.PixelsPerImage;
                x = Matrix<double>.Build.Dense(rows.Length, p, (i, j) => images.Pixels[(long)rows[i] * p + j]);
                z = rows.Select(r => labels[r] % 2 == 0 ? 1.0 : -1.0).ToArray();
                description = "MNIST t10k even (+1) vs odd (−1), 1000 random images";
                break;
            }
            case ClassificationDataset.A9a:
            {
                var d = LibSvmReader.Read(DataLocator.Require(dataDirectory, Path.Combine("a9a", "a9a.gz")), featureCount: 123);
                var rows = RandomDraws.PartialPermutation(d.Count, Math.Min(SampleCount, d.Count), rng);
                x = d.ToDense(rows);
                z = rows.Select(r => d.Labels[r]).ToArray();
                description = "A9A (a9a training file), 1000 random rows, 123 binary features";
                break;
            }
            case ClassificationDataset.Reged0:
            {
                var d = DenseTextReader.Read(DataLocator.Require(dataDirectory, Path.Combine("reged0", "reged0_train.data.gz")),
                                             DataLocator.Require(dataDirectory, Path.Combine("reged0", "reged0_train.targets")));
                x = d.Features; z = d.Labels;
                description = "REGED0, all 500 labelled rows, 999 features";
                break;
            }
            case ClassificationDataset.Synthetic:
                (x, z) = Synthetic(rng);
                description = "SYNTHETIC stand-in (not paper data): 1000 samples, 200 N(0,1) features, 10 informative, labels from a planted sparse logistic model";
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(dataset), dataset, "Unknown data set.");
        }
        for (int i = 0; i < z.Length; i++)
            if (z[i] != 1 && z[i] != -1)
                throw new FormatException($"{dataset}: sample {i} has label {z[i]}; expected −1 or +1.");

        int count = z.Length;
        var order = RandomDraws.PartialPermutation(count, count, rng);
        int train = (int)Math.Round(TrainFraction * count, MidpointRounding.AwayFromZero);
        var trainRows = order[..train]; var testRows = order[train..];
        var trainX = Matrix<double>.Build.Dense(trainRows.Length, x.ColumnCount, (i, j) => x[trainRows[i], j]);
        var testX = Matrix<double>.Build.Dense(testRows.Length, x.ColumnCount, (i, j) => x[testRows[i], j]);
        MinMaxNormalise(trainX, testX);
        return new ClassificationSplit(trainX, Vector<double>.Build.Dense(trainRows.Select(r => z[r]).ToArray()),
                                       testX, Vector<double>.Build.Dense(testRows.Select(r => z[r]).ToArray()));
    }

    /// <summary>
    /// Min–max normalisation per feature with the training minima/maxima: (v − min)/(max − min); a feature that is
    /// constant on the training part maps to 0 in both parts (it carries no information the model could learn).
    /// </summary>
    internal static void MinMaxNormalise(Matrix<double> train, Matrix<double> test)
    {
        for (int j = 0; j < train.ColumnCount; j++)
        {
            double lo = double.PositiveInfinity, hi = double.NegativeInfinity;
            for (int i = 0; i < train.RowCount; i++) { lo = Math.Min(lo, train[i, j]); hi = Math.Max(hi, train[i, j]); }
            double range = hi - lo;
            for (int i = 0; i < train.RowCount; i++) train[i, j] = range > 0 ? (train[i, j] - lo) / range : 0;
            for (int i = 0; i < test.RowCount; i++) test[i, j] = range > 0 ? (test[i, j] - lo) / range : 0;
        }
    }

    // Planted model: support = first 10 of a random permutation of 0..199, weights N(0,1)·2 on it; then the
    // 1000×200 features N(0,1) row by row; then per sample one uniform u and z = +1 iff u < σ(yᵀw).
    private static (Matrix<double>, double[]) Synthetic(Random rng)
    {
        const int samples = 1000, features = 200, informative = 10;
        var support = RandomDraws.PartialPermutation(features, informative, rng);
        var w = new double[features];
        foreach (int s in support) w[s] = 2 * Normal.Sample(rng, 0, 1);
        var x = Matrix<double>.Build.Dense(samples, features);
        for (int i = 0; i < samples; i++)
            for (int j = 0; j < features; j++) x[i, j] = Normal.Sample(rng, 0, 1);
        var z = new double[samples];
        for (int i = 0; i < samples; i++)
        {
            double m = 0;
            foreach (int s in support) m += x[i, s] * w[s];
            z[i] = rng.NextDouble() < 1 / (1 + Math.Exp(-m)) ? 1 : -1;
        }
        return (x, z);
    }
}
