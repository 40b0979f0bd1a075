using PrunAdag.Problems;

namespace PrunAdag.Tests.Problems;

public class RandomLeastSquaresDeterminismTests
{
    public static TheoryData<MatrixClass> Classes => new() { MatrixClass.A1, MatrixClass.A2, MatrixClass.A3, MatrixClass.A4, MatrixClass.A5, MatrixClass.A6, MatrixClass.A5ZeroOne };

    [Theory, MemberData(nameof(Classes))]
    public void Same_seed_gives_a_bitwise_identical_instance(MatrixClass cls)
    {
        var p = RandomLeastSquares.Create(cls, 42);
        var q = RandomLeastSquares.Create(cls, 42);
        Assert.Equal(ProblemAccess.DenseA(p).ToColumnMajorArray(), ProblemAccess.DenseA(q).ToColumnMajorArray());
        Assert.Equal(ProblemAccess.LeastSquares(p).B.ToArray(), ProblemAccess.LeastSquares(q).B.ToArray());
        Assert.Equal(p.X0.ToArray(), q.X0.ToArray());
        Assert.Equal(p.Solution!.ToArray(), q.Solution!.ToArray());
    }

    [Theory, MemberData(nameof(Classes))]
    public void Different_seeds_give_different_instances(MatrixClass cls)
    {
        var p = RandomLeastSquares.Create(cls, 1);
        var q = RandomLeastSquares.Create(cls, 2);
        Assert.NotEqual(p.X0.ToArray(), q.X0.ToArray());
        Assert.NotEqual(p.Solution!.ToArray(), q.Solution!.ToArray());
        Assert.NotEqual(ProblemAccess.DenseA(p).ToColumnMajorArray(), ProblemAccess.DenseA(q).ToColumnMajorArray());
    }
}
