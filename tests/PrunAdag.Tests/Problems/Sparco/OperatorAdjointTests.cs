using MathNet.Numerics.Random;
using PrunAdag.Problems;
using PrunAdag.Problems.Sparco;

namespace PrunAdag.Tests.Problems.Sparco;

public class OperatorAdjointTests
{
    public static TheoryData<string> Operators => new() { "dct", "identity", "heaviside", "transposed-dct", "concat", "product", "gauss0", "gauss2", "gauss4" };

    private static ILinearOperator Build(string name)
    {
        var rng = new MersenneTwister(7);
        return name switch
        {
            "dct" => new DctOperator(64),
            "identity" => new IdentityOperator(17),
            "heaviside" => new HeavisideOperator(50),
            "transposed-dct" => new TransposedOperator(new DctOperator(33)),
            "concat" => new ConcatenatedOperator(new TransposedOperator(new DctOperator(32)), new IdentityOperator(32)),
            "product" => new ProductOperator(GaussianEnsemble.Create(10, 32, 2, rng), new ConcatenatedOperator(new DctOperator(32), new IdentityOperator(32))),
            "gauss0" => GaussianEnsemble.Create(12, 40, 0, rng),
            "gauss2" => GaussianEnsemble.Create(12, 40, 2, rng),
            "gauss4" => GaussianEnsemble.Create(12, 40, 4, rng),
            _ => throw new ArgumentException(name),
        };
    }

    [Theory, MemberData(nameof(Operators))]
    public void Dot_product_test_holds(string name)
    {
        var a = Build(name);
        var rng = new Random(1);
        for (int trial = 0; trial < 5; trial++)
        {
            var x = Enumerable.Range(0, a.Columns).Select(_ => rng.NextDouble() - 0.5).ToArray();
            var y = Enumerable.Range(0, a.Rows).Select(_ => rng.NextDouble() - 0.5).ToArray();
            var ax = new double[a.Rows]; var aty = new double[a.Columns];
            a.Multiply(x, ax); a.TransposeMultiply(y, aty);
            double lhs = ax.Zip(y, (p, q) => p * q).Sum(), rhs = x.Zip(aty, (p, q) => p * q).Sum();
            Assert.True(Math.Abs(lhs - rhs) <= 1e-12 * (1 + Math.Abs(lhs)), $"{name}: <Ax,y> = {lhs}, <x,Aᵀy> = {rhs}");
        }
    }

    [Fact]
    public void Dct_operator_matches_the_cosine_formula()
    {
        const int n = 24;
        var c = ProblemAccess.Explicit(new DctOperator(n));
        for (int k = 0; k < n; k++)
            for (int j = 0; j < n; j++)
            {
                double w = k == 0 ? Math.Sqrt(1.0 / n) : Math.Sqrt(2.0 / n);
                Assert.Equal(w * Math.Cos(Math.PI * (2 * j + 1) * k / (2.0 * n)), c[k, j], 13);
            }
    }

    [Fact]
    public void Heaviside_operator_is_the_lower_triangular_all_ones_matrix()
    {
        var h = ProblemAccess.Explicit(new HeavisideOperator(9));
        for (int i = 0; i < 9; i++)
            for (int j = 0; j < 9; j++) Assert.Equal(i >= j ? 1.0 : 0.0, h[i, j]);
    }

    [Fact]
    public void Gaussian_mode_4_has_orthonormal_rows_and_mode_2_unit_columns()
    {
        var rng = new MersenneTwister(3);
        var g4 = GaussianEnsemble.Create(20, 50, 4, rng).ToMatrix();
        Assert.True((g4 * g4.Transpose() - MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.DenseIdentity(20)).Enumerate().Max(Math.Abs) < 1e-12);
        var g2 = GaussianEnsemble.Create(20, 50, 2, rng).ToMatrix();
        for (int j = 0; j < 50; j++) Assert.Equal(1.0, g2.Column(j).L2Norm(), 13);
    }

    [Theory]
    [InlineData(0)] [InlineData(2)] [InlineData(4)]
    public void Gaussian_ensembles_are_determined_by_the_generator_state(int mode)
    {
        var a = GaussianEnsemble.Create(6, 15, mode, new MersenneTwister(11)).ToMatrix();
        var b = GaussianEnsemble.Create(6, 15, mode, new MersenneTwister(11)).ToMatrix();
        var c = GaussianEnsemble.Create(6, 15, mode, new MersenneTwister(12)).ToMatrix();
        Assert.Equal(a.ToColumnMajorArray(), b.ToColumnMajorArray());
        Assert.NotEqual(a.ToColumnMajorArray(), c.ToColumnMajorArray());
    }
}
