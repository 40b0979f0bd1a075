using PrunAdag.Data;
using Xunit;

namespace PrunAdag.Testing;

/// <summary>
/// A test that reads the real data files (MNIST, a9a, REGED0). It calls <see cref="TestData.Require"/>, which
/// skips the test with a one-line reason when a file is absent, or fails it when <c>CI=true</c> (CI always has
/// the data folder, so a missing file there is a fault).
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class DataFactAttribute : SkippableFactAttribute;

/// <summary>The theory form of <see cref="DataFactAttribute"/>.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class DataTheoryAttribute : SkippableTheoryAttribute;

/// <summary>
/// Finds the data folder exactly as the program does (<see cref="DataLocator.Find"/>: <c>PRUNADAG_DATA</c>, else the
/// first <c>shared/data</c> folder above the test binaries or the current folder) and requires files inside it.
/// Tests that need no data never call it.
/// </summary>
public static class TestData
{
    /// <summary>True when the environment says this is a CI run (<c>CI=true</c>): missing data then fails.</summary>
    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The data folder holding every file of <paramref name="relativePaths"/> (paths with '/' separators, e.g.
    /// <c>mnist/t10k-images-idx3-ubyte.gz</c>). When one is absent the test is skipped, or failed under CI.
    /// Call it only from a <see cref="DataFactAttribute"/> or <see cref="DataTheoryAttribute"/> test.
    /// </summary>
    public static string Require(params string[] relativePaths)
    {
        if (relativePaths.Length == 0) throw new ArgumentException("Name at least one data file.", nameof(relativePaths));
        string? root = DataLocator.Find();
        foreach (var relative in relativePaths)
        {
            if (root is not null && System.IO.File.Exists(Path.Combine(root, relative))) continue;
            string where = root is null ? "no data folder found" : $"not in {root}";
            string reason = $"needs {relative} ({where}): set {DataLocator.EnvironmentVariable} or put the data folder at ../shared/data";
            if (IsCi) Assert.Fail($"CI=true but the test data is missing: {reason}.");
            Skip.If(true, reason);
        }
        return root!;
    }

    /// <summary>The full path of one data file, after <see cref="Require"/> on it.</summary>
    public static string File(string relativePath) => Path.Combine(Require(relativePath), relativePath);

    // The files each data set's tests need (the paths the library reads, see PrunAdag.Data.DataSets).
    /// <summary>MNIST t10k images and labels.</summary>
    public static readonly string[] Mnist = ["mnist/t10k-images-idx3-ubyte.gz", "mnist/t10k-labels-idx1-ubyte.gz"];

    /// <summary>The a9a training file.</summary>
    public static readonly string[] A9a = ["a9a/a9a.gz"];

    /// <summary>The a9a test file (read by neural:a9a-logistic).</summary>
    public static readonly string[] A9aTest = ["a9a/a9a.t.gz"];

    /// <summary>REGED0's data and targets.</summary>
    public static readonly string[] Reged0 = ["reged0/reged0_train.data.gz", "reged0/reged0_train.targets"];

    /// <summary>Every file the program reads.</summary>
    public static string[] All => [.. Mnist, .. A9a, .. A9aTest, .. Reged0];
}
