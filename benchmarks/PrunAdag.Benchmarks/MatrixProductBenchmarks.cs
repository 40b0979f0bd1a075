using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using PrunAdag.Neural;

namespace PrunAdag.Benchmarks;

/// <summary>
/// The matrix products of the 784-256-128-10 MLP at batch 128, C = A·B row-major, by every candidate: the core's
/// <see cref="Gemm"/> (dense, and skipping zero inputs), MathNet's managed provider (one thread), and OpenBLAS's
/// <c>cblas_dgemm</c> from Debian's <c>libopenblas0</c> called directly (1 and 2 threads; MathNet's own OpenBLAS
/// provider needs its native wrapper, which no package ships for Linux: see <c>gemm-check</c>).
/// A is realistic: MNIST pixels (≈ 81 % zeros) for the first layer, ReLU activations (≈ 50 % zeros) for the others.
/// The GFLOP/s column counts 2·m·n·k (dense-equivalent) per call; compare it with <see cref="PeakBenchmarks"/>.
/// </summary>
[Config(typeof(GflopsConfig))]
[MemoryDiagnoser]
public class MatrixProductBenchmarks
{
    /// <summary>name m×k×n: forward layers, and the first layer's weight gradient (a₀ᵀ·∂z₁, k = the batch).</summary>
    [Params("fwd1 128x784x256", "fwd2 128x256x128", "fwd3 128x128x10", "dW1 784x128x256")]
    public string Shape = "";

    private int _m, _n, _k;
    private double[] _a = [], _b = [], _c = [];
    private MathNet.Numerics.LinearAlgebra.Matrix<double> _ma = null!, _mb = null!, _mc = null!;

    [GlobalSetup]
    public void Setup()
    {
        (_m, _k, _n) = ParseShape(Shape);
        var rng = new Random(1);
        _a = Shape.StartsWith("fwd1", StringComparison.Ordinal) ? NeuralInputs.PixelBatch(128)
           : Shape.StartsWith("dW1", StringComparison.Ordinal) ? NeuralInputs.Transposed(NeuralInputs.PixelBatch(128), 128, 784)
           : Enumerable.Range(0, _m * _k).Select(_ => Math.Max(0, Data.Gaussian(rng))).ToArray(); // ReLU activations
        _b = Enumerable.Range(0, _k * _n).Select(_ => Data.Gaussian(rng) * 0.05).ToArray();
        _c = new double[_m * _n];
        // MathNet is column-major: C = A·B row-major is Cᵀ = Bᵀ·Aᵀ, i.e. the same arrays read as column-major Bᵀ (n×k) and Aᵀ (k×m).
        _ma = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.Dense(_n, _k, (double[])_b.Clone());
        _mb = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.Dense(_k, _m, (double[])_a.Clone());
        _mc = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.Dense(_n, _m);
        MathNet.Numerics.Control.UseManaged();
        MathNet.Numerics.Control.MaxDegreeOfParallelism = 1;
    }

    internal static (int M, int K, int N) ParseShape(string shape)
    {
        var dims = shape.Split(' ')[1].Split('x').Select(int.Parse).ToArray();
        return (dims[0], dims[1], dims[2]);
    }

    [Benchmark(Baseline = true)]
    public void Kernel() => Gemm.Multiply(_a, _k, _b, _n, _c, _n, _m, _n, _k, accumulate: false, skipZeros: false);

    [Benchmark]
    public void KernelSkippingZeros() => Gemm.Multiply(_a, _k, _b, _n, _c, _n, _m, _n, _k, accumulate: false, skipZeros: true);

    [Benchmark]
    public void MathNetManaged() => _ma.Multiply(_mb, _mc);

    [Benchmark]
    public void OpenBlas1Thread() { OpenBlas.SetThreads(1); OpenBlas.Multiply(_a, _b, _c, _m, _n, _k); }

    [Benchmark]
    public void OpenBlas2Threads() { OpenBlas.SetThreads(2); OpenBlas.Multiply(_a, _b, _c, _m, _n, _k); }
}

/// <summary>
/// The machine's double-precision arithmetic peak on one core, from register-resident loops of independent
/// operations: 512-bit multiply then add (the core kernel's arithmetic, two roundings) and 512-bit fused
/// multiply-add (what OpenBLAS uses). Both do <see cref="Pairs"/> multiply–add pairs, 2 flops each.
/// </summary>
[Config(typeof(GflopsConfig))]
public class PeakBenchmarks
{
    public const long Iterations = 2_000_000;
    public const int Chains = 12;
    public static readonly long Pairs = Iterations * Chains * Vector512<double>.Count;

    [Benchmark(Baseline = true)]
    public double MultiplyThenAdd512()
    {
        var x = Vector512.Create(1.0000001); var y = Vector512.Create(0.9999999);
        Vector512<double> s0 = x, s1 = x, s2 = x, s3 = x, s4 = x, s5 = x, s6 = x, s7 = x, s8 = x, s9 = x, s10 = x, s11 = x;
        for (long i = 0; i < Iterations; i++)
        {
            s0 += x * y; s1 += x * y; s2 += x * y; s3 += x * y; s4 += x * y; s5 += x * y;
            s6 += x * y; s7 += x * y; s8 += x * y; s9 += x * y; s10 += x * y; s11 += x * y;
            x += y; // keeps the products from being hoisted out of the loop
        }
        return (s0 + s1 + s2 + s3 + s4 + s5 + s6 + s7 + s8 + s9 + s10 + s11).GetElement(0);
    }

    [Benchmark]
    public double FusedMultiplyAdd512()
    {
        var x = Vector512.Create(1.0000001); var y = Vector512.Create(0.9999999);
        Vector512<double> s0 = x, s1 = x, s2 = x, s3 = x, s4 = x, s5 = x, s6 = x, s7 = x, s8 = x, s9 = x, s10 = x, s11 = x;
        for (long i = 0; i < Iterations; i++)
        {
            s0 = Vector512.FusedMultiplyAdd(x, y, s0); s1 = Vector512.FusedMultiplyAdd(x, y, s1); s2 = Vector512.FusedMultiplyAdd(x, y, s2);
            s3 = Vector512.FusedMultiplyAdd(x, y, s3); s4 = Vector512.FusedMultiplyAdd(x, y, s4); s5 = Vector512.FusedMultiplyAdd(x, y, s5);
            s6 = Vector512.FusedMultiplyAdd(x, y, s6); s7 = Vector512.FusedMultiplyAdd(x, y, s7); s8 = Vector512.FusedMultiplyAdd(x, y, s8);
            s9 = Vector512.FusedMultiplyAdd(x, y, s9); s10 = Vector512.FusedMultiplyAdd(x, y, s10); s11 = Vector512.FusedMultiplyAdd(x, y, s11);
            x += y;
        }
        return (s0 + s1 + s2 + s3 + s4 + s5 + s6 + s7 + s8 + s9 + s10 + s11).GetElement(0);
    }
}

/// <summary>Debian's OpenBLAS (<c>libopenblas.so.0</c>, package <c>libopenblas0</c>) called directly.</summary>
internal static class OpenBlas
{
    private const string Library = "libopenblas.so.0";
    private const int RowMajor = 101, NoTrans = 111;

    [DllImport(Library, EntryPoint = "cblas_dgemm")]
    private static extern void Dgemm(int order, int transA, int transB, int m, int n, int k, double alpha,
        double[] a, int lda, double[] b, int ldb, double beta, double[] c, int ldc);

    [DllImport(Library, EntryPoint = "openblas_set_num_threads")]
    private static extern void SetNumThreads(int threads);

    [DllImport(Library, EntryPoint = "openblas_get_corename")]
    private static extern IntPtr CoreName();

    private static int s_threads = -1;

    public static void SetThreads(int threads)
    {
        if (threads == s_threads) return;
        SetNumThreads(threads);
        s_threads = threads;
    }

    public static string Core => Marshal.PtrToStringAnsi(CoreName()) ?? "?";

    /// <summary>C = A·B, row-major (m×k)(k×n).</summary>
    public static void Multiply(double[] a, double[] b, double[] c, int m, int n, int k) =>
        Dgemm(RowMajor, NoTrans, NoTrans, m, n, k, 1.0, a, k, b, n, 0.0, c, n);
}

/// <summary>A GFLOP/s column: the flops of one call divided by its mean time.</summary>
public sealed class GflopsConfig : ManualConfig
{
    public GflopsConfig() => AddColumn(new GflopsColumn());

    private sealed class GflopsColumn : IColumn
    {
        public string Id => nameof(GflopsColumn);
        public string ColumnName => "GFLOP/s";
        public bool AlwaysShow => true;
        public ColumnCategory Category => ColumnCategory.Custom;
        public int PriorityInCategory => 0;
        public bool IsNumeric => true;
        public UnitType UnitType => UnitType.Dimensionless;
        public string Legend => "Floating-point operations per second (2 per multiply–add; dense-equivalent for the products)";
        public bool IsAvailable(Summary summary) => true;
        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) => GetValue(summary, benchmarkCase);

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase)
        {
            var report = summary[benchmarkCase];
            if (report?.ResultStatistics is not { } stats) return "-";
            double? flops = Flops(benchmarkCase);
            return flops is { } f ? (f / stats.Mean).ToString("F2", System.Globalization.CultureInfo.InvariantCulture) : "-";
        }

        private static double? Flops(BenchmarkCase c)
        {
            var type = c.Descriptor.Type;
            if (type == typeof(PeakBenchmarks)) return 2.0 * PeakBenchmarks.Pairs;
            if (type == typeof(MlpBenchmarks))
                return c.Descriptor.WorkloadMethod.Name.StartsWith("BatchGradient", StringComparison.Ordinal) ? MlpBenchmarks.FlopsPerBatchGradient : null;
            var shape = c.Parameters.Items.FirstOrDefault(p => p.Name == nameof(MatrixProductBenchmarks.Shape))?.Value as string;
            if (shape is null) return null;
            var (m, k, n) = MatrixProductBenchmarks.ParseShape(shape);
            return 2.0 * m * n * k;
        }
    }
}
