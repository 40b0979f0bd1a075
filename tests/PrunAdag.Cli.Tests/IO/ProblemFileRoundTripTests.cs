using MathNet.Numerics.LinearAlgebra;
using PrunAdag.Cli.Tests.Support;
using PrunAdag.IO;

namespace PrunAdag.Cli.Tests.IO;

public class ProblemFileRoundTripTests
{
    [Fact]
    public void Save_then_Load_returns_every_entry_bitwise()
    {
        using var tmp = new TempFolder();
        // Awkward values: non-terminating decimals, subnormals, extremes, negative zero.
        double[] awkward = [0.1, 1.0 / 3, -2.0 / 7, double.Epsilon, 1e-310, double.MaxValue, -double.MaxValue, -0.0, Math.PI * 1e20];
        var a = Matrix<double>.Build.Dense(3, 3, (i, j) => awkward[i * 3 + j]);
        var b = Vector<double>.Build.Dense([0.7, -1e-300, 123456789.123456789]);
        var x0 = Vector<double>.Build.Dense([1.0 / 9, -0.0, 5e-324]);
        string path = tmp.File("p.json");

        ProblemFile.Save(path, a, b, x0, targetRelevant: 2);
        var back = ProblemFile.Load(path);

        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 3; j++)
                Assert.True(SmallProblem.SameBits(a[i, j], back.A[i, j]), $"A[{i},{j}]: {a[i, j]:R} vs {back.A[i, j]:R}");
        for (int i = 0; i < 3; i++)
        {
            Assert.True(SmallProblem.SameBits(b[i], back.B[i]), $"b[{i}]");
            Assert.True(SmallProblem.SameBits(x0[i], back.X0[i]), $"x0[{i}]");
        }
        Assert.Equal(2, back.TargetRelevant);
        Assert.Equal("least-squares", back.Kind);
    }

    [Fact]
    public void Load_without_targetRelevant_leaves_it_null()
    {
        var p = ProblemFile.Parse("""{"kind":"least-squares","A":[[1,2],[3,4]],"b":[1,2],"x0":[0,1]}""");
        Assert.Null(p.TargetRelevant);
        Assert.Equal(2, p.Dimension);
        Assert.Equal(3.0, p.A[1, 0]); // rows are rows: A[1] = [3, 4]
    }

    [Fact]
    public void Load_ignores_unknown_keys()
    {
        var p = ProblemFile.Parse("""{"comment":"made by hand","kind":"least-squares","A":[[2]],"b":[4],"x0":[0],"extra":{"nested":[1,2]}}""");
        Assert.Equal(2.0, p.A[0, 0]);
        Assert.Equal(4.0, p.B[0]);
    }

    [Fact]
    public void ToObjective_is_half_the_squared_residual()
    {
        var p = ProblemFile.Parse("""{"kind":"least-squares","A":[[1,2],[3,4]],"b":[1,1],"x0":[0,0]}""");
        var f = p.ToObjective();
        // At x = (1, 1): Ax − b = (2, 6), f = ½(4 + 36) = 20, ∇f = Aᵀ(2, 6) = (20, 28).
        var x = Vector<double>.Build.Dense([1.0, 1.0]);
        Assert.Equal(20.0, f.Value(x));
        Assert.Equal([20.0, 28.0], f.Gradient(x).ToArray());
    }
}
