using PrunAdag.Problems;
using PrunAdag.Problems.DictionaryLearning;
using PrunAdag.Tests.Data;
using PrunAdag.Testing;

namespace PrunAdag.Tests.Problems.DictionaryLearning;

public class SparseCodingProblemTests : IDisposable
{
    private readonly TempFiles _cache = new();
    public void Dispose() => _cache.Dispose();

    // Small settings so the test learns in about a second; the defaults are 4000 images, K = 1000, 5 iterations.
    private static readonly SparseCodingSettings Small = new()
    {
        TrainingImages = 300,
        KSvd = new KSvdSettings { Atoms = 100, Sparsity = 5, Iterations = 2, Seed = 1 },
    };

    [DataFact]
    public void Mnist_problem_codes_one_image_in_a_cached_unit_atom_dictionary()
    {
        string data = TestData.Require("mnist/t10k-images-idx3-ubyte.gz");
        var p = SparseCodingProblem.Create(3, data, _cache.Folder, Small);
        Assert.Equal("sparse-coding:mnist", p.Name);
        var ls = Assert.IsType<LeastSquaresObjective>(p.Objective);
        Assert.Equal((784, 100), (ls.Operator.Rows, ls.Operator.Columns));
        var d = Assert.IsType<DenseOperator>(ls.Operator).ToMatrix();
        for (int j = 0; j < 100; j++) Assert.Equal(1.0, d.Column(j).L2Norm(), 12);
        Assert.All(ls.B, v => Assert.InRange(v, 0, 1));
        Assert.Equal(10, p.TargetRelevant);
        Assert.Single(Directory.GetFiles(_cache.Folder));

        // A second build reads the cache (same dictionary, same seed: same problem); another seed, another image.
        var q = SparseCodingProblem.Create(3, data, _cache.Folder, Small);
        Assert.Equal(d.ToColumnMajorArray(), Assert.IsType<DenseOperator>(((LeastSquaresObjective)q.Objective).Operator).ToMatrix().ToColumnMajorArray());
        Assert.Equal(ls.B.ToArray(), ((LeastSquaresObjective)q.Objective).B.ToArray());
        var r = SparseCodingProblem.Create(4, data, _cache.Folder, Small);
        Assert.NotEqual(ls.B.ToArray(), ((LeastSquaresObjective)r.Objective).B.ToArray());
    }

    [Fact]
    public void Without_mnist_the_synthetic_stand_in_is_returned_and_labelled()
    {
        var missing = Path.Combine(_cache.Folder, "no-data");
        var p = SparseCodingProblem.Create(2, missing, _cache.Folder);
        Assert.Equal("sparse-coding:synthetic", p.Name);
        Assert.Contains("SYNTHETIC", p.Description);
        Assert.Contains(missing, p.Description);
        Assert.True(p.Objective.Value(p.Solution!) < 1e-20);
        Assert.Equal(10, p.Solution!.Enumerate().Count(v => v != 0));
        Assert.Equal(ProblemCatalog.Create("sparse-coding:synthetic", 2).X0.ToArray(), p.X0.ToArray());
    }
}
