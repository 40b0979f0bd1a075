using System.Diagnostics;

namespace PrunAdag.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release --project benchmarks/PrunAdag.Benchmarks -- end-to-end-ratios [rounds]</c>: the runs of
/// <see cref="EndToEndBenchmarks"/> (K = 300 iterations of <see cref="Minimizer.Minimize"/> on the 100 × 1000
/// least-squares problem, gtol = 0) in interleaved rounds; prints each method's median time per iteration and its
/// ratio to Adagrad's in the same run.
/// </summary>
internal static class EndToEndRatios
{
    private static readonly Method[] Methods =
        [Method.Adagrad, Method.V1, Method.V2, Method.V3, Method.V4, Method.RelevantOnly, Method.FW1, Method.FW2];

    public static void Run(int rounds)
    {
        const int k = 300;
        Console.WriteLine($"# End-to-end ratios ({Isa.Describe()}): 100 × 1000 least squares, K = {k}, {rounds} interleaved rounds, medians; {Environment.ProcessorCount} cores");
        var (f, x0) = Data.LeastSquares100x1000();
        var minimizers = Methods.Select(m => Minimizer.Create(m, m.DefaultOptions with { MaxIterations = k, GradientTolerance = 0 })).ToArray();
        var times = Methods.Select(_ => new double[rounds]).ToArray();
        for (int r = -2; r < rounds; r++)
            for (int m = 0; m < Methods.Length; m++)
            {
                long start = Stopwatch.GetTimestamp();
                int iterations = minimizers[m].Minimize(f, x0).Iterations;
                if (r >= 0) times[m][r] = Stopwatch.GetElapsedTime(start).TotalMicroseconds / iterations;
            }
        double adagrad = StepPhases.Median(times[0]);
        Console.WriteLine("\n| method | µs per iteration (median) | min | ÷ Adagrad |\n|---|---:|---:|---:|");
        for (int m = 0; m < Methods.Length; m++)
        {
            double med = StepPhases.Median(times[m]);
            Console.WriteLine($"| {Methods[m]} | {med:F2} | {times[m].Min():F2} | {med / adagrad:F2} |");
        }
    }
}
