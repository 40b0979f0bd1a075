using System.Runtime.InteropServices;
using MathNet.Numerics.LinearAlgebra;
using PrunAdag.Numerics;
using PrunAdag.Problems;
using PrunAdag.Tests.Performance;

namespace PrunAdag.Tests.Numerics;

/// <summary>
/// The library keeps the matrices it allocates, and a run's iterate, gradient and weights, on a cache-line boundary
/// (speed only), and where they start in memory changes no bit of any product, gradient or step: the test command runs
/// these at every vector width.
/// </summary>
public class AlignedStorageTests
{
    private static long AddressOf(double[] array, int index)
    {
        var handle = GCHandle.Alloc(array, GCHandleType.Pinned);
        try { return handle.AddrOfPinnedObject() + index * sizeof(double); }
        finally { handle.Free(); }
    }

    [Theory]
    [InlineData(0)] [InlineData(1)] [InlineData(1000)] [InlineData(100_000)]
    public void Allocate_puts_the_first_entry_on_a_cache_line_with_room_for_all(int length)
    {
        for (int repeat = 0; repeat < 20; repeat++)
        {
            int offset = AlignedDoubles.NextPageOffset;
            var array = AlignedDoubles.Allocate(length, out int start);
            Assert.InRange(start, 0, 511);
            Assert.True(array.Length - start >= length, $"{array.Length - start} doubles from index {start}; {length} needed.");
            Assert.Equal(0, AddressOf(array, start) % 64);
            Assert.Equal(offset, AddressOf(array, start) % 4096);
            Assert.All(array, v => Assert.Equal(0.0, v));
        }
    }

    [Fact]
    public void Successive_arrays_start_an_eighth_of_a_page_apart()
    {
        // x, g and the weights of one run are allocated one after another on one thread: eight such arrays take eight
        // different offsets within a 4 KB page, 512 bytes apart, so no two of them alias in their low 12 bits.
        var offsets = Enumerable.Range(0, 8).Select(_ =>
        {
            var m = AlignedDoubles.AllocateMemory(1000);
            return AddressOf(m.Span) % 4096;
        }).OrderBy(o => o).ToArray();
        Assert.Equal(Enumerable.Range(0, 8).Select(k => 512L * k).ToArray(), offsets);
    }

    [Fact]
    public void The_library_s_own_matrices_start_on_a_cache_line()
    {
        var fromMathNet = new DenseOperator(Matrix<double>.Build.Dense(3, 16, (i, j) => i + j));
        var drawn = RandomLeastSquares.DrawMatrix(MatrixClass.A1, 10, 40, new MathNet.Numerics.Random.MersenneTwister(1), out int start, out _);
        Assert.Equal(0, AddressOf(drawn, start) % 64);
        // Row(0) is a span over the operator's storage (pinned, so its address stays put): that of entry (0, 0).
        long rowAddress = System.Runtime.CompilerServices.Unsafe.ByteOffset(
            ref System.Runtime.CompilerServices.Unsafe.NullRef<double>(), ref MemoryMarshal.GetReference(fromMathNet.Row(0)));
        Assert.Equal(0, rowAddress % 64);
    }

    [Theory]
    [InlineData(7, 1000)] [InlineData(9, 1001)] [InlineData(12, 24)] [InlineData(3, 16)] [InlineData(17, 40)]
    public void Products_and_the_gradient_do_not_depend_on_where_A_starts(int m, int n)
    {
        var rng = new Random(m * 1000 + n);
        var values = BitwiseInputs.Vector(rng, m * n, 4);
        var x = BitwiseInputs.Vector(rng, n, 4); var u = BitwiseInputs.Vector(rng, m, 4);
        var b = Vector<double>.Build.Dense(BitwiseInputs.Vector(rng, m, 4));
        var wrapped = new DenseOperator(m, n, (double[])values.Clone());
        var expectedAx = new double[m]; var expectedAtu = new double[n]; var expectedGradient = new double[n];
        wrapped.Multiply(x, expectedAx); wrapped.TransposeMultiply(u, expectedAtu);
        new LeastSquaresObjective(wrapped, b).Gradient(x, expectedGradient);
        for (int shift = 0; shift < 8; shift++)
        {
            var storage = AlignedDoubles.Allocate(m * n + shift, out int start);
            values.CopyTo(storage, start + shift);
            var op = new DenseOperator(m, n, storage, start + shift);
            var ax = new double[m]; var atu = new double[n]; var gradient = new double[n];
            op.Multiply(x, ax); op.TransposeMultiply(u, atu);
            new LeastSquaresObjective(op, b).Gradient(x, gradient);
            BitwiseInputs.AssertBitwiseEqual(expectedAx, ax, $"A·x, A {shift * 8} bytes past a cache line");
            BitwiseInputs.AssertBitwiseEqual(expectedAtu, atu, $"Aᵀu, A {shift * 8} bytes past a cache line");
            BitwiseInputs.AssertBitwiseEqual(expectedGradient, gradient, $"gradient, A {shift * 8} bytes past a cache line");
            Assert.Equal(values[(m - 1) * n], op.Row(m - 1)[0]);
        }
    }

    private static long AddressOf(ReadOnlySpan<double> span) =>
        System.Runtime.CompilerServices.Unsafe.ByteOffset(ref System.Runtime.CompilerServices.Unsafe.NullRef<double>(), ref MemoryMarshal.GetReference(span));

    public static TheoryData<string> RunMethods() => ["v1", "v3", "relevant-only", "adagrad", "fw2"];

    [Theory]
    [MemberData(nameof(RunMethods))]
    public void A_run_keeps_x_and_g_on_a_cache_line_and_its_bits_do_not_depend_on_it(string name)
    {
        // The same iterations by hand on plain arrays 8 bytes past a cache line: the same bits at every iterate.
        var method = Method.Parse(name);
        var p = RandomLeastSquares.Create(MatrixClass.A1, 3, m: 20, n: 203);
        var options = p.OptionsFor(method) with { MaxIterations = 40, GradientTolerance = 0 };
        int n = p.Dimension;
        var xStore = AlignedDoubles.Allocate(n + 1, out int xs); var gStore = AlignedDoubles.Allocate(n + 1, out int gs);
        var x = xStore.AsSpan(xs + 1, n); var g = gStore.AsSpan(gs + 1, n);
        p.X0.ToArray().CopyTo(x);
        var kernel = method.CreateKernel(options, ParameterLayout.Single(n));
        var expected = new List<double[]>();
        for (int k = 0; k < 40; k++)
        {
            p.Objective.Gradient(x, g);
            expected.Add(x.ToArray());
            kernel.Step(k, x, g, options.Delta);
        }
        expected.Add(x.ToArray());
        var seen = new List<double[]>();
        var result = Minimizer.Create(method, options).Minimize(p.Objective, p.X0, state =>
        {
            Assert.Equal(0, AddressOf(state.X) % 64);
            Assert.Equal(0, AddressOf(state.Gradient) % 64);
            seen.Add(state.X.ToArray());
            return true;
        });
        Assert.Equal(40, result.Iterations);
        seen.Add(result.Solution.ToArray());
        for (int k = 0; k <= 40; k++) BitwiseInputs.AssertBitwiseEqual(expected[k], seen[k], $"{name}, x_{k}");
    }

    [Fact]
    public void The_optimisers_weights_start_on_a_cache_line()
    {
        var prunAdag = new PrunAdagKernel(1001, 100, Variant.V3, false, 0.01, 1.0);
        var adagrad = new AdagradKernel(1001, 0.01, 1.0);
        var adam = (PrunAdag.Neural.AdamKernel)Method.Adam.CreateKernel(Method.Adam.DefaultOptions, ParameterLayout.Single(1001));
        Assert.Equal(0, AddressOf(prunAdag.OptimisationWeights) % 64);
        Assert.Equal(0, AddressOf(prunAdag.DecreaseWeights) % 64);
        Assert.Equal(0, AddressOf(adagrad.Weights) % 64);
        Assert.Equal(0, AddressOf(adam.FirstMoment) % 64);
        Assert.Equal(0, AddressOf(adam.SecondMoment) % 64);
    }
}
