using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Random;
using PrunAdag.Data;

namespace PrunAdag.Problems.DictionaryLearning;

/// <summary>Settings of the MNIST dictionary behind <see cref="SparseCodingProblem"/>.</summary>
public sealed record SparseCodingSettings
{
    /// <summary>Training images Y (the paper's 784 × 4000), the first of a permutation of t10k seeded by <see cref="KSvdSettings.Seed"/>.</summary>
    public int TrainingImages { get; init; } = 4000;

    /// <summary>K-SVD settings: K = 1000 atoms, s = 10 nonzeros per image, 5 iterations, seed 0 by default
    /// (about 35 s on two busy cores; the paper used KSVD-Box v13 defaults, which it does not list).</summary>
    public KSvdSettings KSvd { get; init; } = new();

    /// <summary>The cache key: every setting the dictionary depends on.</summary>
    public string CacheKey =>
        $"ksvd v2 mnist-t10k images={TrainingImages} pixels/255 atoms={KSvd.Atoms} sparsity={KSvd.Sparsity} iterations={KSvd.Iterations} seed={KSvd.Seed}";
}

/// <summary>
/// The paper's sparse-coding experiment (docs/algorithm.md, E3): min_x ½‖D x − y‖² for an MNIST image y
/// (784 pixels scaled to [0, 1]) and a 784 × 1000 K-SVD dictionary D with unit-norm atoms, learned once per
/// setting and cached.
/// </summary>
/// <remarks>
/// The dictionary does not depend on the problem seed (it is learned once from its own seed); the problem seed
/// draws, in order, y (uniformly among the t10k images not used for training) and x0 (T = 100 nonzeros, unit norm).
/// </remarks>
public static class SparseCodingProblem
{
    /// <summary>
    /// Builds the MNIST problem <c>sparse-coding:mnist</c>; when the MNIST files are not found, returns the
    /// synthetic stand-in <c>sparse-coding:synthetic</c> (its Name and Description say so).
    /// </summary>
    /// <param name="seed">Picks y and x0.</param>
    /// <param name="dataDirectory">Folder with <c>mnist/</c>; null: <see cref="DataLocator.Find"/>.</param>
    /// <param name="cacheDirectory">Dictionary cache folder; null: <see cref="DictionaryCache.DefaultDirectory"/>.</param>
    /// <param name="settings">Dictionary settings; null: the defaults.</param>
    /// <param name="cancellationToken">Cancels dictionary learning.</param>
    public static TestProblem Create(int seed, string? dataDirectory = null, string? cacheDirectory = null,
        SparseCodingSettings? settings = null, CancellationToken cancellationToken = default)
    {
        string imagesPath, why;
        try
        {
            imagesPath = DataLocator.Require(dataDirectory, Path.Combine("mnist", "t10k-images-idx3-ubyte.gz"));
        }
        catch (FileNotFoundException e)
        {
            why = e.Message;
            return CreateSynthetic(seed, why);
        }
        settings ??= new SparseCodingSettings();
        settings.KSvd.Validate();
        var images = IdxReader.ReadImages(imagesPath);
        int p = images.PixelsPerImage;
        if (settings.TrainingImages < settings.KSvd.Atoms || settings.TrainingImages >= images.Count)
            throw new ArgumentOutOfRangeException(nameof(settings), settings.TrainingImages, $"TrainingImages must be in [K = {settings.KSvd.Atoms}, {images.Count - 1}].");

        // Training images: first TrainingImages of a permutation seeded by the dictionary seed.
        var order = RandomDraws.PartialPermutation(images.Count, images.Count, new MersenneTwister(settings.KSvd.Seed));
        var training = order[..settings.TrainingImages];
        var dictionary = DictionaryCache.GetOrCompute(cacheDirectory, settings.CacheKey, () =>
        {
            var y = Matrix<double>.Build.Dense(p, training.Length, (i, j) => images.Pixels[(long)training[j] * p + i] / 255.0);
            return KSvd.Learn(y, settings.KSvd, cancellationToken).Dictionary;
        });

        var rng = new MersenneTwister(seed);
        var heldOut = order[settings.TrainingImages..];
        Array.Sort(heldOut);
        int index = heldOut[rng.Next(heldOut.Length)];
        var target = images.Image(index, 1 / 255.0);
        int n = dictionary.ColumnCount, t = SparseStart.TargetRelevant(n);
        return new TestProblem
        {
            Name = "sparse-coding:mnist",
            Kind = "least-squares",
            Seed = seed,
            Objective = Objective.LeastSquares(dictionary, target),
            X0 = SparseStart.Draw(n, t, rng),
            TargetRelevant = t,
            Description = $"MNIST t10k image {index} (pixels/255) coded in a {p}×{n} K-SVD dictionary ({settings.CacheKey}).",
        };
    }

    /// <summary>
    /// The synthetic stand-in <c>sparse-coding:synthetic</c> (not paper data): D is 784 × 1000 with N(0,1) entries and
    /// unit-norm columns, x* has 10 N(0,1) nonzeros on a random support, y = D x*. Draw order: D (column by column),
    /// the support, the values, x0.
    /// </summary>
    public static TestProblem CreateSynthetic(int seed) => CreateSynthetic(seed, null);

    private static TestProblem CreateSynthetic(int seed, string? reason)
    {
        const int p = 784, n = 1000, nonzeros = 10;
        var rng = new MersenneTwister(seed);
        var d = Sparco.GaussianEnsemble.Create(p, n, mode: 2, rng);
        var support = RandomDraws.PartialPermutation(n, nonzeros, rng);
        var values = RandomDraws.Normals(nonzeros, rng);
        var xStar = new double[n];
        for (int i = 0; i < nonzeros; i++) xStar[support[i]] = values[i];
        var y = new double[p];
        d.Multiply(xStar, y);
        int t = SparseStart.TargetRelevant(n);
        return new TestProblem
        {
            Name = "sparse-coding:synthetic",
            Kind = "least-squares",
            Seed = seed,
            Objective = Objective.LeastSquares(d, Vector<double>.Build.Dense(y)),
            X0 = SparseStart.Draw(n, t, rng),
            TargetRelevant = t,
            Solution = Vector<double>.Build.Dense(xStar),
            Description = "SYNTHETIC stand-in (not paper data): random 784×1000 unit-column Gaussian dictionary, planted 10-sparse code, y = D x*"
                          + (reason is null ? "." : $"; used because MNIST was not found: {reason}"),
        };
    }
}
