using MathNet.Numerics.LinearAlgebra;
using PrunAdag.Problems;

namespace PrunAdag.Tests.Problems;

/// <summary>Reaches into a least-squares <see cref="TestProblem"/> for A and b.</summary>
internal static class ProblemAccess
{
    public static LeastSquaresObjective LeastSquares(TestProblem p) =>
        Assert.IsType<LeastSquaresObjective>(p.Objective);

    public static Matrix<double> DenseA(TestProblem p) =>
        Assert.IsType<DenseOperator>(LeastSquares(p).Operator).ToMatrix();

    /// <summary>A as an explicit matrix, column by column from products A e_j (works for matrix-free operators).</summary>
    public static Matrix<double> Explicit(ILinearOperator a)
    {
        var m = Matrix<double>.Build.Dense(a.Rows, a.Columns);
        var e = new double[a.Columns];
        var col = new double[a.Rows];
        for (int j = 0; j < a.Columns; j++)
        {
            e[j] = 1; a.Multiply(e, col); e[j] = 0;
            for (int i = 0; i < a.Rows; i++) m[i, j] = col[i];
        }
        return m;
    }
}
