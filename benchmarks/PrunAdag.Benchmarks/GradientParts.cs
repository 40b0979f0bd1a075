using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using PrunAdag.Numerics;

namespace PrunAdag.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release --project benchmarks/PrunAdag.Benchmarks -- gradient-parts [rounds]</c>: the 100 × 1000
/// least-squares gradient (A on a cache-line boundary, and 8 bytes past one; x and g plain arrays, and both on a cache line
/// as <c>Minimize</c> keeps them) beside its two halves, timed one call at a time (minimum, 10th percentile and median of
/// rounds × 50 calls, interleaved), so that a disturbed moment of a shared machine spoils single calls rather than
/// whole rows: the gradient; A·x (<see cref="DenseKernels.Dots"/> over all rows); twelve eight-row
/// <see cref="DenseKernels.Dots"/> and <see cref="DenseKernels.AccumulateRows"/> calls on the same eight rows (in L1)
/// and on twelve different groups (from L2); and, on 512-bit vectors, <see cref="PeakBenchmarks.MultiplyThenAdd512"/>,
/// independent multiplies and adds held in registers, as the rate this core reaches without memory.
/// </summary>
internal static class GradientParts
{
    public static void Run(int rounds)
    {
        const int m = 100, n = 1000, groups = 12;
        var rng = new Random(7);
        // A twice: from a cache-line boundary (as the library's own matrices are stored) and 8 bytes past one (as a
        // wrapped array may be); the kernels below read the aligned copy.
        var aligned = AlignedDoubles.Allocate(m * n, out int first);
        var shifted = AlignedDoubles.Allocate(m * n + 1, out int shiftedStart);
        for (int i = 0; i < m * n; i++) aligned[first + i] = shifted[shiftedStart + 1 + i] = rng.NextDouble() - 0.5;
        var op = new DenseOperator(m, n, aligned, first);
        var b = MathNet.Numerics.LinearAlgebra.Vector<double>.Build.Dense(m, i => rng.NextDouble() - 0.5);
        var ls = new LeastSquaresObjective(op, b);
        var lsShifted = new LeastSquaresObjective(new DenseOperator(m, n, shifted, shiftedStart + 1), b);
        var x = new double[n]; for (int i = 0; i < n; i++) x[i] = 0.01 * (rng.NextDouble() - 0.5);
        var g = new double[n]; var r = new double[m]; var c = new double[DenseKernels.MaxRows];
        // x and g from a cache line, as Minimize keeps them (eleventh round); the rows below read the plain arrays.
        var xLine = AlignedDoubles.CopyOf(x); var gLine = AlignedDoubles.AllocateMemory(n);
        for (int i = 0; i < c.Length; i++) c[i] = rng.NextDouble() - 0.5;
        int rows = DenseKernels.MaxRows;
        (string Name, Action Call)[] parts =
        [
            ("least-squares gradient", () => ls.Gradient(x, g)),
            ("least-squares gradient, A 8 bytes off a cache line", () => lsShifted.Gradient(x, g)),
            ("least-squares gradient, x and g on a cache line too (as in a run)", () => ls.Gradient(xLine.Span, gLine.Span)),
            ("A·x, all 100 rows", () => op.Multiply(x, r)),
            ("Dots, 8 rows × 12, in L1", () => { for (int k = 0; k < groups; k++) DenseKernels.Dots(ref aligned[first], n, rows, n, ref x[0], r.AsSpan(0, rows)); }),
            ("Dots, 8 rows × 12, from L2", () => { for (int k = 0; k < groups; k++) DenseKernels.Dots(ref aligned[first + k * rows * n], n, rows, n, ref x[0], r.AsSpan(0, rows)); }),
            ("AccumulateRows, 8 rows × 12, in L1", () => { for (int k = 0; k < groups; k++) DenseKernels.AccumulateRows(ref aligned[first], n, c, g); }),
            ("AccumulateRows, 8 rows × 12, from L2", () => { for (int k = 0; k < groups; k++) DenseKernels.AccumulateRows(ref aligned[first + k * rows * n], n, c, g); }),
        ];
        var times = parts.Select(_ => new List<double>()).ToArray();
        for (int round = -2; round < rounds; round++)
            for (int p = 0; p < parts.Length; p++)
                for (int k = 0; k < 50; k++)
                {
                    long start = Stopwatch.GetTimestamp();
                    parts[p].Call();
                    if (round >= 0) times[p].Add(Stopwatch.GetElapsedTime(start).TotalMicroseconds);
                }
        int lanes = Vector512.IsHardwareAccelerated ? 8 : Vector256.IsHardwareAccelerated ? 4 : Vector128.IsHardwareAccelerated ? 2 : 1;
        double vectorOps = 2.0 * groups * rows * n / lanes; // one multiply and one add per lane-sized piece of a row
        Console.WriteLine($"# gradient-parts ({Isa.Describe()}): 100 × 1000, {rounds} rounds × 50 single calls, µs; load {NeuralRatios.Load()}");
        Console.WriteLine("\n| part | min | p10 | median | G vector ops/s at the minimum |\n|---|---:|---:|---:|---:|");
        for (int p = 0; p < parts.Length; p++)
        {
            var v = times[p].OrderBy(t => t).ToArray();
            string rate = p >= 3 ? $"{vectorOps / v[0] / 1e3:F2}" : "";
            Console.WriteLine($"| {parts[p].Name} | {v[0]:F1} | {v[v.Length / 10]:F1} | {v[v.Length / 2]:F1} | {rate} |");
        }
        if (Vector512.IsHardwareAccelerated)
        {
            var peak = new PeakBenchmarks();
            double best = double.MaxValue, sink = 0;
            for (int k = 0; k < 7; k++)
            {
                long start = Stopwatch.GetTimestamp();
                sink += peak.MultiplyThenAdd512();
                best = Math.Min(best, Stopwatch.GetElapsedTime(start).TotalMicroseconds);
            }
            // Per iteration: 12 multiplies, 12 adds and the add that keeps the products in the loop.
            double ops = PeakBenchmarks.Iterations * (2.0 * PeakBenchmarks.Chains + 1);
            Console.WriteLine($"\nIn registers (PeakBenchmarks.MultiplyThenAdd512, best of 7): {ops / best / 1e3:F2} G vector ops/s{(sink == 0 ? " " : "")}");
        }
    }
}
