using PrunAdag.Neural;
using PrunAdag.Tests.Performance;

namespace PrunAdag.Tests.Neural;

/// <summary>
/// The matrix product is bitwise the plain triple loop in the documented order (sequential k-sum, no fused
/// multiply-add) for every shape and tail. eng/test.sh reruns these with AVX-512, AVX2 and all intrinsics off,
/// so the same assertion covers every vector width.
/// </summary>
public class GemmTests
{
    // C[i, j] = ((c0 + A[i,0]·B[0,j]) + A[i,1]·B[1,j]) + …, each product rounded (a separate multiply and add).
    private static double[] Plain(double[] a, int lda, double[] b, int ldb, double[]? c0, int ldc, int m, int n, int k)
    {
        var c = new double[m * ldc];
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++)
            {
                double s = c0 is null ? 0.0 : c0[i * ldc + j];
                for (int p = 0; p < k; p++)
                {
                    double product = a[i * lda + p] * b[p * ldb + j];
                    s += product;
                }
                c[i * ldc + j] = s;
            }
        return c;
    }

    public static TheoryData<int, int, int> Shapes => new()
    {
        { 1, 1, 1 }, { 4, 32, 7 }, { 5, 33, 9 }, { 7, 3, 5 }, { 3, 17, 4 }, { 8, 40, 1 }, { 13, 10, 128 }, { 128, 256, 37 }, { 9, 65, 64 },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Product_is_bitwise_the_plain_loop(int m, int n, int k)
    {
        var rng = new Random(m * 1000 + n * 10 + k);
        var a = BitwiseInputs.Vector(rng, m * k, 4);
        var b = BitwiseInputs.Vector(rng, k * n, 4);
        // Scale some terms up so that a fused multiply-add (one rounding) would give other bits than two roundings.
        for (int i = 0; i < a.Length; i += 3) a[i] *= 1e8;
        var c = new double[m * n];
        Gemm.Multiply(a, k, b, n, c, n, m, n, k, accumulate: false, skipZeros: false);
        BitwiseInputs.AssertBitwiseEqual(Plain(a, k, b, n, null, n, m, n, k), c, "C");
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Reading_A_through_its_transpose_and_scaling_the_sums_are_the_plain_loop_then_one_product(int m, int n, int k)
    {
        var rng = new Random(m * 7 + n * 3 + k);
        var a = BitwiseInputs.Vector(rng, m * k, 4);
        var b = BitwiseInputs.Vector(rng, k * n, 4);
        for (int i = 0; i < a.Length; i += 3) a[i] *= 1e8;
        for (int i = 1; i < a.Length; i += 4) a[i] = 0; // zero terms, so that skipping is exercised too
        var c0 = BitwiseInputs.Vector(rng, m * n, 4);
        // Aᵀ stored row-major (k × m) with a row stride above m, written by hand (no Gemm.Transpose).
        int ldt = m + 3;
        var at = new double[k * ldt];
        for (int i = 0; i < m; i++)
            for (int p = 0; p < k; p++) at[p * ldt + i] = a[i * k + p];
        const double s = 1.0 / 3.0;
        var expected = Plain(a, k, b, n, c0, n, m, n, k);
        for (int i = 0; i < expected.Length; i++) expected[i] *= s;
        foreach (bool skip in new[] { false, true })
        {
            var c = (double[])c0.Clone();
            Gemm.Multiply(at, ldt, b, n, c, n, m, n, k, accumulate: true, skipZeros: skip, transposeA: true, scale: s);
            BitwiseInputs.AssertBitwiseEqual(expected, c, $"C from Aᵀ, scaled, skip {skip}");
            var d = (double[])c0.Clone();
            Gemm.Multiply(a, k, b, n, d, n, m, n, k, accumulate: true, skipZeros: skip, scale: s);
            BitwiseInputs.AssertBitwiseEqual(expected, d, $"C from A, scaled, skip {skip}");
        }
    }

    [Fact]
    public void A_transposed_operand_is_checked_against_its_stored_shape()
    {
        // Aᵀ is k × m = 3 × 2 with row stride 2: 6 entries; 5 are too few.
        var ex = Assert.Throws<ArgumentException>(() => Gemm.Multiply(new double[5], 2, new double[6], 2, new double[4], 2, 2, 2, 3, false, false, transposeA: true));
        Assert.Contains("Aᵀ needs 6 entries", ex.Message);
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Accumulating_continues_the_sum_of_the_existing_entries(int m, int n, int k)
    {
        var rng = new Random(m + n + k);
        var a = BitwiseInputs.Vector(rng, m * k, 4);
        var b = BitwiseInputs.Vector(rng, k * n, 4);
        var c0 = BitwiseInputs.Vector(rng, m * n, 4);
        var c = (double[])c0.Clone();
        Gemm.Multiply(a, k, b, n, c, n, m, n, k, accumulate: true, skipZeros: false);
        BitwiseInputs.AssertBitwiseEqual(Plain(a, k, b, n, c0, n, m, n, k), c, "C");
    }

    [Fact]
    public void Splitting_k_into_two_accumulated_products_gives_the_same_bits()
    {
        // The chunked batch gradient relies on this: Σ over samples 0..k−1 = Σ over 0..h−1, then continued over h..k−1.
        const int m = 11, n = 19, k = 30, h = 13;
        var rng = new Random(5);
        var a = BitwiseInputs.Vector(rng, m * k, 4);
        var b = BitwiseInputs.Vector(rng, k * n, 4);
        var whole = new double[m * n];
        Gemm.Multiply(a, k, b, n, whole, n, m, n, k, false, false);
        var split = new double[m * n];
        Gemm.Multiply(a, k, b, n, split, n, m, n, h, false, false);                          // columns 0..h−1 of A (row stride k)
        Gemm.Multiply(a.AsSpan(h), k, b.AsSpan(h * n), n, split, n, m, n, k - h, true, false); // the rest
        BitwiseInputs.AssertBitwiseEqual(whole, split, "C");
    }

    [Theory]
    [InlineData(4, 24, 50)]
    [InlineData(10, 37, 33)]
    [InlineData(3, 9, 20)]
    public void Zero_skipping_gives_the_same_bits_on_sparse_inputs(int m, int n, int k)
    {
        var rng = new Random(m * n + k);
        var a = new double[m * k];
        for (int i = 0; i < a.Length; i++) a[i] = rng.Next(5) == 0 ? rng.NextDouble() : (rng.Next(2) == 0 ? 0.0 : -0.0);
        for (int p = 0; p < k; p += 7) for (int i = 0; i < m; i++) a[i * k + p] = 0; // whole zero columns
        var b = BitwiseInputs.Vector(rng, k * n, 4);
        var dense = new double[m * n]; var skipped = new double[m * n];
        Gemm.Multiply(a, k, b, n, dense, n, m, n, k, false, skipZeros: false);
        Gemm.Multiply(a, k, b, n, skipped, n, m, n, k, false, skipZeros: true);
        BitwiseInputs.AssertBitwiseEqual(dense, skipped, "C");
        BitwiseInputs.AssertBitwiseEqual(Plain(a, k, b, n, null, n, m, n, k), skipped, "C");
    }

    [Fact]
    public void Strided_operands_and_transpose()
    {
        const int m = 6, n = 10, k = 5, lda = 8, ldb = 13, ldc = 12;
        var rng = new Random(9);
        var a = BitwiseInputs.Vector(rng, m * lda, 4);
        var b = BitwiseInputs.Vector(rng, k * ldb, 4);
        var c = new double[m * ldc];
        Array.Fill(c, 42.0); // entries outside the n columns must stay untouched
        Gemm.Multiply(a, lda, b, ldb, c, ldc, m, n, k, false, false);
        var plain = Plain(a, lda, b, ldb, null, ldc, m, n, k);
        for (int i = 0; i < m; i++)
        {
            BitwiseInputs.AssertBitwiseEqual(plain.AsSpan(i * ldc, n), c.AsSpan(i * ldc, n), $"C row {i}");
            for (int j = n; j < ldc; j++) Assert.Equal(42.0, c[i * ldc + j]);
        }
        var t = new double[n * m];
        Gemm.Transpose(c, ldc, m, n, t, m);
        for (int i = 0; i < m; i++) for (int j = 0; j < n; j++) Assert.Equal(c[i * ldc + j], t[j * m + i]);
    }

    [Fact]
    public void Operands_too_short_are_reported()
    {
        var ex = Assert.Throws<ArgumentException>(() => Gemm.Multiply(new double[5], 3, new double[9], 3, new double[9], 3, 2, 3, 3, false, false));
        Assert.Contains("A needs 6 entries", ex.Message);
    }
}

/// <summary>The threaded product and the MLP give the same bits for every thread count.</summary>
public class ThreadCountTests
{
    [Theory]
    [InlineData(128, 256, 784)]
    [InlineData(130, 37, 200)] // a short last row group
    public void The_threaded_product_is_bitwise_the_serial_one(int m, int n, int k)
    {
        var rng = new Random(m + n);
        var a = BitwiseInputs.Vector(rng, m * k, 4);
        for (int i = 0; i < a.Length; i += 2) a[i] = 0; // zero skipping active too
        var b = BitwiseInputs.Vector(rng, k * n, 4);
        var serial = new double[m * n];
        Gemm.Multiply(a, k, b, n, serial, n, m, n, k, false, true);
        foreach (int threads in new[] { 2, 3, 8 })
        {
            var c = new double[m * n + 5];
            new ParallelGemm(threads).Multiply(a, k, b, n, c.AsSpan(5), n, m, n, k, false, true);
            BitwiseInputs.AssertBitwiseEqual(serial, c.AsSpan(5), $"C with {threads} threads");
        }
    }

    [Fact]
    public void The_MLP_gradient_is_bitwise_the_same_at_1_and_2_threads()
    {
        var data = MlpTestData.Random(300, 100, 10, seed: 8, zeroFraction: 0.8);
        var one = new MlpClassifier(data, [64, 32], new BatchSchedule(300, 128, seed: 2), l2: 1e-4, threads: 1);
        var two = new MlpClassifier(data, [64, 32], new BatchSchedule(300, 128, seed: 2), l2: 1e-4, threads: 2);
        var x = one.InitialParameters(4).ToArray();
        var g1 = new double[x.Length]; var g2 = new double[x.Length];
        for (int k = 0; k < 4; k++)
        {
            one.BatchGradient(k, x, g1); two.BatchGradient(k, x, g2);
            BitwiseInputs.AssertBitwiseEqual(g1, g2, $"batch {k}");
        }
        one.Gradient(x, g1); two.Gradient(x, g2);
        BitwiseInputs.AssertBitwiseEqual(g1, g2, "full gradient");
        Assert.Equal(one.Evaluate(x, data), two.Evaluate(x, data));
        int kk = 0;
        SteadyStateAllocation.AssertNone(() => two.BatchGradient(kk++, x, g2));
    }
}
