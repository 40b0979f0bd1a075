using System.Diagnostics;
using PrunAdag.Problems;

namespace PrunAdag.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release --project benchmarks/PrunAdag.Benchmarks -- end-to-end-ratios [rounds]</c>: whole runs of
/// <see cref="Minimizer.Minimize"/> (K = 300 iterations, gtol = 0) in interleaved rounds; prints each method's median
/// time per iteration and its ratio to Adagrad's in the same run. Two problems: the paper's A1 (random-ls:A1 seed 1,
/// 100 × 1000, its sparse unit-norm x0 and T = n/10, as in Table 2), then the 100 × 1000 problem of
/// <see cref="EndToEndBenchmarks"/> (N(0, 1) entries, x0 = 0), whose prunAdag-V3 run passes x_i through the subnormal
/// range (docs/benchmarks.md, ninth round).
/// </summary>
internal static class EndToEndRatios
{
    private static readonly Method[] Methods =
        [Method.Adagrad, Method.V1, Method.V2, Method.V3, Method.V4, Method.RelevantOnly, Method.FW1, Method.FW2];

    public static void Run(int rounds)
    {
        const int k = 300;
        Console.WriteLine($"# End-to-end ratios ({Isa.Describe()}): K = {k}, {rounds} interleaved rounds, medians; {Environment.ProcessorCount} cores");
        var a1 = RandomLeastSquares.Create(MatrixClass.A1, 1);
        var (f, x0) = Data.LeastSquares100x1000();
        Table("random-ls:A1 seed 1 (the paper's A1: 100 × 1000, N(0, 1/m) entries, its sparse x0, T = 100)", a1.Objective, a1.X0, a1.OptionsFor, k, rounds);
        Table("EndToEndBenchmarks' 100 × 1000 problem (N(0, 1) entries, x0 = 0)", f, x0, m => m.DefaultOptions, k, rounds);
    }

    private static void Table(string title, Objective f, MathNet.Numerics.LinearAlgebra.Vector<double> x0, Func<Method, MinimizerOptions> options, int k, int rounds)
    {
        var minimizers = Methods.Select(m => Minimizer.Create(m, options(m) with { MaxIterations = k, GradientTolerance = 0 })).ToArray();
        var times = Methods.Select(_ => new double[rounds]).ToArray();
        for (int r = -2; r < rounds; r++)
            for (int m = 0; m < Methods.Length; m++)
            {
                long start = Stopwatch.GetTimestamp();
                int iterations = minimizers[m].Minimize(f, x0).Iterations;
                if (r >= 0) times[m][r] = Stopwatch.GetElapsedTime(start).TotalMicroseconds / iterations;
            }
        double adagrad = StepPhases.Median(times[0]);
        Console.WriteLine($"\n{title}\n| method | µs per iteration (median) | min | ÷ Adagrad |\n|---|---:|---:|---:|");
        for (int m = 0; m < Methods.Length; m++)
        {
            double med = StepPhases.Median(times[m]);
            Console.WriteLine($"| {Methods[m]} | {med:F2} | {times[m].Min():F2} | {med / adagrad:F2} |");
        }
    }
}
