using MathNet.Numerics.LinearAlgebra;
using PrunAdag.Tests.Reference;

namespace PrunAdag.Tests.Performance;

/// <summary>
/// The dense products and the one-pass gradients of <see cref="DenseOperator"/> follow their documented fixed
/// summation orders bitwise (written out plainly in <see cref="FixedOrderReference"/>), whatever the thread count,
/// and are the products and gradients a straightforward evaluation gives, within rounding.
/// </summary>
public class DenseOperatorThreadingTests
{
    public static IEnumerable<object[]> Shapes() =>
    [
        [8, 70_000],   // 560 000 entries: threaded products, many column blocks, one gradient chunk
        [600, 1_000],  // 600 000 entries: threaded products, one column block, many rows
        [200, 6_003],  // 1.2 M entries: two gradient chunks, n not a multiple of 16
        [512, 8_192],  // 4.2 M entries: eight gradient chunks
        [37, 101],     // small: everything serial
    ];

    private static (DenseOperator Op, double[] A) Matrix(int m, int n)
    {
        var rng = new Random(m + n);
        var data = new double[m * n];
        for (int i = 0; i < data.Length; i++) data[i] = rng.NextDouble() - 0.5;
        return (new DenseOperator(m, n, data), data);
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Products_follow_the_fixed_order_for_any_thread_count(int m, int n)
    {
        var (op, a) = Matrix(m, n);
        var rng = new Random(1);
        var x = BitwiseInputs.Vector(rng, n, 0); var u = BitwiseInputs.Vector(rng, m, 0);
        u[1] = 0.0; // a zero weight row is skipped: it would add ±0, which changes nothing

        var axRef = new double[m];
        for (int i = 0; i < m; i++) axRef[i] = FixedOrderReference.Dot(a.AsSpan(i * n, n), x);
        var atuRef = new double[n];
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++) atuRef[j] = atuRef[j] + u[i] * a[i * n + j];

        foreach (int threads in new[] { int.MaxValue, 1, 2, 3 })
        {
            var ax = new double[m]; var atu = new double[n];
            WithThreads(threads, () => { op.Multiply(x, ax); op.TransposeMultiply(u, atu); });
            BitwiseInputs.AssertBitwiseEqual(axRef, ax, $"A·x ({threads} threads)");
            BitwiseInputs.AssertBitwiseEqual(atuRef, atu, $"Aᵀ·u ({threads} threads)");
        }
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Least_squares_gradient_follows_the_fixed_order_for_any_thread_count(int m, int n)
    {
        var (op, a) = Matrix(m, n);
        var rng = new Random(2);
        var b = BitwiseInputs.Vector(rng, m, 0); var x = BitwiseInputs.Vector(rng, n, 4);
        var f = Objective.LeastSquares(op, Vector<double>.Build.Dense(b));
        var expected = FixedOrderReference.RowGradient(a, m, n, x, (i, dot) => dot - b[i], DenseOperator.GradientChunks(m, n));
        foreach (int threads in new[] { int.MaxValue, 1, 2, 3 })
        {
            var g = new double[n];
            WithThreads(threads, () => f.Gradient(x, g));
            BitwiseInputs.AssertBitwiseEqual(expected, g, $"∇f ({threads} threads)");
        }
        // And it is Aᵀ(Ax − b), evaluated straightforwardly by MathNet, within rounding.
        var am = Matrix<double>.Build.Dense(n, m, a).Transpose(); // a is row-major: its column-major reading is Aᵀ
        var plain = am.TransposeThisAndMultiply(am * Vector<double>.Build.Dense(x) - Vector<double>.Build.Dense(b));
        AssertClose(plain.ToArray(), expected, "∇f against MathNet");
        // With one chunk the one-pass gradient is bitwise the two products of the operator.
        if (DenseOperator.GradientChunks(m, n) == 1)
        {
            var r = new double[m]; op.Multiply(x, r);
            for (int i = 0; i < m; i++) r[i] -= b[i];
            var g2 = new double[n]; op.TransposeMultiply(r, g2);
            var g = new double[n]; f.Gradient(x, g);
            // TransposeMultiply skips zero residuals, which adds ±0 nowhere: the same bits.
            BitwiseInputs.AssertBitwiseEqual(g2, g, "one-pass ∇f against Aᵀ(Ax − b) by the operator's products");
        }
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Logistic_gradient_follows_the_fixed_order_for_any_thread_count(int m, int n)
    {
        var (op, a) = Matrix(m, n);
        var rng = new Random(3);
        var z = Enumerable.Range(0, m).Select(i => rng.Next(2) == 0 ? -1.0 : 1.0).ToArray();
        var x = BitwiseInputs.Vector(rng, n, 4);
        var f = new LogisticObjective(op, Vector<double>.Build.Dense(z));
        double Coefficient(int i, double t)
        {
            double zt = z[i] * t; // −z σ(−z t)/N, written as the objective's documentation states it
            double sig = zt >= 0 ? Math.Exp(-zt) / (1 + Math.Exp(-zt)) : 1 / (1 + Math.Exp(zt));
            return -z[i] * sig * (1.0 / m);
        }
        var expected = FixedOrderReference.RowGradient(a, m, n, x, Coefficient, DenseOperator.GradientChunks(m, n));
        foreach (int threads in new[] { int.MaxValue, 1, 2 })
        {
            var g = new double[n];
            WithThreads(threads, () => f.Gradient(x, g));
            BitwiseInputs.AssertBitwiseEqual(expected, g, $"∇f ({threads} threads)");
        }
        // Straightforward: (1/N) Σ_i −z_i y_i / (1 + exp(z_i y_iᵀx)).
        var plain = new double[n];
        for (int i = 0; i < m; i++)
        {
            double t = 0;
            for (int j = 0; j < n; j++) t += a[i * n + j] * x[j];
            double w = -z[i] / (1 + Math.Exp(z[i] * t)) / m;
            for (int j = 0; j < n; j++) plain[j] += w * a[i * n + j];
        }
        AssertClose(plain, expected, "∇f against the plain sum");
    }

    private static void AssertClose(double[] expected, double[] actual, string what)
    {
        double scale = expected.Max(Math.Abs);
        for (int j = 0; j < expected.Length; j++)
            Assert.True(Math.Abs(expected[j] - actual[j]) <= 1e-11 * scale, $"{what}[{j}]: {actual[j]:R} vs {expected[j]:R}");
    }

    // The thread count changes only the speed (never the bits), so a concurrent test reading the limit is unaffected.
    private static readonly object s_limit = new();

    private static void WithThreads(int threads, Action action)
    {
        lock (s_limit)
        {
            DenseOperator.ThreadLimit = threads;
            try { action(); }
            finally { DenseOperator.ThreadLimit = int.MaxValue; }
        }
    }
}
