using MathNet.Numerics.LinearAlgebra;
using PrunAdag.Problems.DictionaryLearning;
using PrunAdag.Tests.Data;

namespace PrunAdag.Tests.Problems.DictionaryLearning;

public class DictionaryCacheTests : IDisposable
{
    private readonly TempFiles _tmp = new();
    public void Dispose() => _tmp.Dispose();

    [Fact]
    public void Computes_once_then_reads_the_bitwise_identical_matrix()
    {
        int calls = 0;
        var m = Matrix<double>.Build.Dense(3, 2, [1.5, -2, Math.PI, 1e-300, 0, -0.0]);
        var a = DictionaryCache.GetOrCompute(_tmp.Folder, "key A", () => { calls++; return m; });
        var b = DictionaryCache.GetOrCompute(_tmp.Folder, "key A", () => { calls++; return m * 2; });
        Assert.Equal(1, calls);
        Assert.Equal(m.ToColumnMajorArray().Select(BitConverter.DoubleToInt64Bits), b.ToColumnMajorArray().Select(BitConverter.DoubleToInt64Bits));
        Assert.Same(m, a);
    }

    [Fact]
    public void A_corrupted_file_fails_its_checksum_and_is_recomputed()
    {
        var m = Matrix<double>.Build.Dense(2, 2, [1.0, 2, 3, 4]);
        var path = DictionaryCache.PathFor(_tmp.Folder, "k");
        DictionaryCache.Write(path, "k", m);
        var bytes = File.ReadAllBytes(path);
        bytes[40] ^= 0x10;
        File.WriteAllBytes(path, bytes);
        var ex = Assert.Throws<FormatException>(() => DictionaryCache.Read(path, "k"));
        Assert.Contains(path, ex.Message);
        Assert.Contains("checksum", ex.Message);
        var again = DictionaryCache.GetOrCompute(_tmp.Folder, "k", () => m);
        Assert.Equal(m, DictionaryCache.Read(path, "k"));
        Assert.Same(m, again);
    }

    [Fact]
    public void A_file_for_another_key_is_rejected()
    {
        var path = Path.Combine(_tmp.Folder, "x.bin");
        DictionaryCache.Write(path, "iterations=5", Matrix<double>.Build.Dense(1, 1, 1.0));
        Assert.Throws<FormatException>(() => DictionaryCache.Read(path, "iterations=6"));
    }

    // The cache saves the next run a K-SVD (about a minute); a folder it cannot write used to throw away this run's
    // computed dictionary with the exception.
    [Fact]
    public void A_cache_that_cannot_be_written_still_returns_the_computed_matrix()
    {
        string file = Path.Combine(_tmp.Folder, "a-file");
        File.WriteAllText(file, "not a folder");
        string under = Path.Combine(file, "cache"); // a folder below a file cannot be created on any file system
        var m = Matrix<double>.Build.Dense(2, 2, [1.0, 2, 3, 4]);
        int calls = 0;
        Assert.Same(m, DictionaryCache.GetOrCompute(under, "k", () => { calls++; return m; }));
        Assert.Same(m, DictionaryCache.GetOrCompute(under, "k", () => { calls++; return m; }));
        Assert.Equal(2, calls); // nothing cached, computed each time
        Assert.Equal(["a-file"], Directory.GetFileSystemEntries(_tmp.Folder).Select(Path.GetFileName));
        Assert.Equal("not a folder", File.ReadAllText(file));
    }
}
