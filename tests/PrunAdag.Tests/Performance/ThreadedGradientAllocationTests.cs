namespace PrunAdag.Tests.Performance;

/// <summary>The threaded dense gradients (≥ 2²⁰ entries: several row chunks) allocate nothing per call once warm, like the serial ones.</summary>
public class ThreadedGradientAllocationTests
{
    [Fact]
    public void Threaded_least_squares_gradient_allocates_no_bytes()
    {
        const int m = 120, n = 10_000; // 1.2 M entries: two row chunks, threaded
        var rng = new Random(3);
        var data = new double[m * n];
        for (int i = 0; i < data.Length; i++) data[i] = rng.NextDouble() - 0.5;
        var b = MathNet.Numerics.LinearAlgebra.Vector<double>.Build.Dense(m, i => rng.NextDouble());
        var f = Objective.LeastSquares(new DenseOperator(m, n, data), b);
        var x = BitwiseInputs.Vector(rng, n, 0); var g = new double[n];
        // The calling thread's count: it does the setup of every product (the helpers only run the arithmetic).
        SteadyStateAllocation.AssertNone(() => f.Gradient(x, g));
    }

    [Fact]
    public void Threaded_logistic_gradient_allocates_no_bytes()
    {
        const int m = 120, n = 10_000;
        var rng = new Random(4);
        var data = new double[m * n];
        for (int i = 0; i < data.Length; i++) data[i] = rng.NextDouble() - 0.5;
        var labels = MathNet.Numerics.LinearAlgebra.Vector<double>.Build.Dense(m, i => i % 3 == 0 ? 1.0 : -1.0);
        var f = new LogisticObjective(new DenseOperator(m, n, data), labels);
        var x = BitwiseInputs.Vector(rng, n, 0); var g = new double[n];
        SteadyStateAllocation.AssertNone(() => f.Gradient(x, g));
    }

    [Fact]
    public void Threaded_products_allocate_no_bytes()
    {
        const int m = 60, n = 10_000; // 600 000 entries: threaded A·x (row blocks) and Aᵀ·u (column blocks)
        var rng = new Random(5);
        var data = new double[m * n];
        for (int i = 0; i < data.Length; i++) data[i] = rng.NextDouble() - 0.5;
        var op = new DenseOperator(m, n, data);
        var x = BitwiseInputs.Vector(rng, n, 0); var ax = new double[m]; var g = new double[n];
        SteadyStateAllocation.AssertNone(() => { op.Multiply(x, ax); op.TransposeMultiply(ax, g); });
    }
}
