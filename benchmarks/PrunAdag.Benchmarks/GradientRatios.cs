using System.Diagnostics;

namespace PrunAdag.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release --project benchmarks/PrunAdag.Benchmarks -- gradient-ratios [rounds]</c>: the calls of
/// <see cref="GradientBenchmarks"/> in interleaved rounds (each round times every row once, a batch of calls
/// long enough to time), so a disturbance on a shared machine hits one round of every row; prints the medians
/// and their ratios to the "before" rows of the same run.
/// </summary>
internal static class GradientRatios
{
    private static readonly (string Name, Func<GradientBenchmarks, double> Call)[] Rows =
    [
        ("StreamOnePassOverA", b => b.StreamOnePassOverA()), ("StreamOnePassOverAAllCores", b => b.StreamOnePassOverAAllCores()),
        ("DotInL1", b => b.DotInL1()), ("FixedOrderDotInL1", b => b.FixedOrderDotInL1()),
        ("LeastSquaresGradientBefore", b => b.LeastSquaresGradientBefore()),
        ("LeastSquaresGradientTwoPass", b => b.LeastSquaresGradientTwoPass()),
        ("LeastSquaresGradient", b => b.LeastSquaresGradient()),
        ("LogisticGradientBefore", b => b.LogisticGradientBefore()),
        ("LogisticGradient", b => b.LogisticGradient()),
        ("LeastSquaresGradientInARun", b => b.LeastSquaresGradientInARun()),
        ("LogisticGradientInARun", b => b.LogisticGradientInARun()),
    ];

    public static void Run(int rounds, IEnumerable<string>? shapes = null)
    {
        Console.WriteLine($"# Gradient ratios ({Isa.Describe()}): {rounds} interleaved rounds, medians per call in µs; {Environment.ProcessorCount} cores");
        foreach (string shape in shapes ?? ["100x1000", "1000x100000"])
        {
            var bench = new GradientBenchmarks { Shape = shape };
            bench.Setup();
            var parts = shape.Split('x');
            long entries = long.Parse(parts[0]) * long.Parse(parts[1]);
            int batch = (int)Math.Clamp(20_000_000 / entries, 1, 1000); // ≈ 20 M entries per timed batch
            var times = new double[Rows.Length][];
            var cpu = new double[Rows.Length][];
            for (int m = 0; m < Rows.Length; m++) { times[m] = new double[rounds]; cpu[m] = new double[rounds]; }
            double sink = 0;
            using var self = Process.GetCurrentProcess();
            for (int r = -2; r < rounds; r++)
                for (int m = 0; m < Rows.Length; m++)
                {
                    self.Refresh();
                    var cpuStart = self.TotalProcessorTime;
                    long start = Stopwatch.GetTimestamp();
                    for (int c = 0; c < batch; c++) sink += Rows[m].Call(bench);
                    double wall = Stopwatch.GetElapsedTime(start).TotalMicroseconds / batch;
                    self.Refresh();
                    if (r >= 0) { times[m][r] = wall; cpu[m][r] = (self.TotalProcessorTime - cpuStart).TotalMicroseconds / batch; }
                }
            GC.KeepAlive(sink);
            var med = times.Select(StepPhases.Median).ToArray();
            var medCpu = cpu.Select(StepPhases.Median).ToArray();
            // The CPU time (all threads of the process) is steadier than the wall clock on a loaded machine; for the
            // single-threaded shapes it is the call's own time.
            Console.WriteLine($"\n{shape} (batches of {batch} calls)\n| row | median µs | min µs | ÷ its before | median CPU µs | CPU ÷ its before |\n|---|---:|---:|---:|---:|---:|");
            for (int m = 0; m < Rows.Length; m++)
            {
                int before = m is 5 or 6 or 9 ? 4 : m is 8 or 10 ? 7 : m == 3 ? 2 : -1;
                string ratio = before >= 0 ? $"{med[m] / med[before]:F2}" : "", cpuRatio = before >= 0 ? $"{medCpu[m] / medCpu[before]:F2}" : "";
                Console.WriteLine($"| {Rows[m].Name} | {med[m]:F1} | {times[m].Min():F1} | {ratio} | {medCpu[m]:F1} | {cpuRatio} |");
            }
        }
    }
}
