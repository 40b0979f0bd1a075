namespace PrunAdag.Tests.Performance;

/// <summary>The threaded products of <see cref="DenseOperator"/> equal a single-thread row-by-row evaluation bitwise.</summary>
public class DenseOperatorThreadingTests
{
    [Theory]
    [InlineData(8, 70_000)]   // 560 000 entries: above the threading threshold, many column blocks
    [InlineData(600, 1_000)]  // 600 000 entries: above the threshold, one column block, many rows
    public void Threaded_products_equal_the_serial_evaluation(int m, int n)
    {
        var rng = new Random(m + n);
        var data = new double[m * n];
        for (int i = 0; i < data.Length; i++) data[i] = rng.NextDouble() - 0.5;
        var op = new DenseOperator(m, n, data);
        var x = BitwiseInputs.Vector(rng, n, 0); var u = BitwiseInputs.Vector(rng, m, 0);
        u[1] = 0.0; // a zero weight row is skipped by both paths

        var ax = new double[m]; op.Multiply(x, ax);
        var atu = new double[n]; op.TransposeMultiply(u, atu);

        // Serial reference with the same primitives in the same order: r_i = Dot(row_i, x); g += row_i · u_i for i = 0..m−1.
        var axRef = new double[m];
        for (int i = 0; i < m; i++) axRef[i] = System.Numerics.Tensors.TensorPrimitives.Dot(op.Row(i), x);
        var atuRef = new double[n];
        for (int i = 0; i < m; i++)
            if (u[i] != 0) System.Numerics.Tensors.TensorPrimitives.MultiplyAdd(op.Row(i), u[i], atuRef, atuRef);
        BitwiseInputs.AssertBitwiseEqual(axRef, ax, "A·x");
        BitwiseInputs.AssertBitwiseEqual(atuRef, atu, "Aᵀ·u");
    }
}
