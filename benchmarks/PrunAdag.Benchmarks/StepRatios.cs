using System.Diagnostics;

namespace PrunAdag.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release --project benchmarks/PrunAdag.Benchmarks -- step-ratios [rounds]</c>: the same calls as
/// <see cref="StepBenchmarks"/>, interleaved. Each round resets x and calls every method once, so a disturbance
/// on a shared machine hits one round of every method instead of all iterations of one; the ratios of the
/// per-method medians are then steadier than ratios of BenchmarkDotNet means taken minutes apart.
/// Ratios are given against the fused single-pass floor, the two-pass floor (the least work of any V1/V3
/// iteration, <see cref="StepBenchmarks.TwoPassFloor"/>), the same with the two roots, one product and one division of C12
/// (<see cref="StepBenchmarks.TwoPassFloorC12"/>) and Adagrad. Everything runs on one thread: the floors are
/// one-thread passes, so a step threaded over blocks (<c>step-threads</c> measures that) would not be compared like
/// with like.
/// </summary>
internal static class StepRatios
{
    private static readonly (string Name, Func<StepBenchmarks, double> Call)[] Methods =
    [
        ("FusedPassFloor", b => b.FusedPassFloor()), ("TwoPassFloor", b => b.TwoPassFloor()), ("TwoPassFloorC12", b => b.TwoPassFloorC12()), ("Adagrad", b => b.Adagrad()),
        ("PrunAdagV1", b => b.PrunAdagV1()), ("PrunAdagV2", b => b.PrunAdagV2()), ("PrunAdagV3", b => b.PrunAdagV3()),
        ("PrunAdagV4", b => b.PrunAdagV4()), ("RelevantOnlyV3", b => b.RelevantOnlyV3()),
        ("FrankWolfeFW1", b => b.FrankWolfeFW1()), ("FrankWolfeFW2", b => b.FrankWolfeFW2()),
    ];

    public static void Run(int rounds)
    {
        Numerics.Parallelism.ThreadLimit = 1;
        Console.WriteLine($"# Step ratios on {Isa.Describe()}: {rounds} interleaved rounds on one thread, medians (and minima) in ms; {Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription}");
        foreach (int n in new[] { 234_752, 1_000_000, 10_000_000 }) // the MLP's weights (issue: the neural step share), then the sizes
        {
            var bench = new StepBenchmarks { N = n };
            bench.Setup();
            var times = new double[Methods.Length][];
            for (int m = 0; m < Methods.Length; m++) times[m] = new double[rounds];
            for (int r = -3; r < rounds; r++) // three warm-up rounds
                for (int m = 0; m < Methods.Length; m++)
                {
                    bench.ResetIterate();
                    long start = Stopwatch.GetTimestamp();
                    Methods[m].Call(bench);
                    if (r >= 0) times[m][r] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                }
            double floor = StepPhases.Median(times[0]), twoPass = StepPhases.Median(times[1]), c12 = StepPhases.Median(times[2]), adagrad = StepPhases.Median(times[3]);
            Console.WriteLine($"\nn = {n:N0}\n| method | median ms | min ms | ÷ floor | ÷ two-pass floor | ÷ C12 floor | ÷ Adagrad |\n|---|---:|---:|---:|---:|---:|---:|");
            for (int m = 0; m < Methods.Length; m++)
            {
                double med = StepPhases.Median(times[m]);
                Console.WriteLine($"| {Methods[m].Name} | {med:F3} | {times[m].Min():F3} | {med / floor:F2} | {med / twoPass:F2} | {med / c12:F2} | {med / adagrad:F2} |");
            }
        }
    }
}
