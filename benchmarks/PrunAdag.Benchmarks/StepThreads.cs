using System.Diagnostics;
using PrunAdag.Neural;

namespace PrunAdag.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release --project benchmarks/PrunAdag.Benchmarks -- step-threads [rounds]</c>: one step of Adagrad,
/// Adam and prunAdag-V3 (T = n/10), and Step 1's hinted selection alone, on vectors long enough to be cut into blocks
/// (the MLP's 234 752 weights, 10⁶, 10⁷), on one thread and on every core, in interleaved rounds (x reset before each
/// call); medians, their ratio, and minima. The bits are the same either way (ThreadedStepTests,
/// ThreadedSelectionTests); only the time moves.
/// </summary>
internal static class StepThreads
{
    public static void Run(int rounds)
    {
        Console.WriteLine($"# step-threads ({Isa.Describe()}): {rounds} interleaved rounds, medians in µs; 1 thread against {Environment.ProcessorCount}; " +
                          $"load {NeuralRatios.Load()}");
        Console.WriteLine("\n| n | step | 1 thread | all cores | speed-up | minima: 1 thread | all cores |\n|---:|---|---:|---:|---:|---:|---:|");
        foreach (int n in new[] { 234_752, 1_000_000, 10_000_000 })
        {
            var g = Data.GradientLike(n, 1); var x0 = Data.Gaussians(n, 2); var x = (double[])x0.Clone();
            var kernels = new (string Name, StepKernel Kernel)[]
            {
                ("Adagrad", new AdagradKernel(n, 0.01, 1.0)),
                ("Adam", new AdamKernel(n, new AdamParameters())),
                ("prunAdag-V3", new PrunAdagKernel(n, n / 10, Variant.V3, false, 0.01, 1.0)),
            };
            var scratch = new double[n];
            SelectionHint hint = default;
            var calls = kernels.Select(k => (k.Name, Call: (Action)(() => k.Kernel.Step(10, x, g, 1e-3))))
                .Append(("Step 1: selection (hinted)", () => RelevantSet.Find(g, n / 10, scratch, ref hint)));
            foreach (var (name, call) in calls)
            {
                var times = new[] { new double[rounds], new double[rounds] };
                for (int r = -20; r < rounds; r++) // warm-up: 40 calls, past the JIT's tiering (30 calls)
                    for (int one = 0; one < 2; one++)
                    {
                        Numerics.Parallelism.ThreadLimit = one == 0 ? 1 : int.MaxValue;
                        x0.CopyTo(x, 0);
                        long start = Stopwatch.GetTimestamp();
                        call();
                        double us = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
                        if (r >= 0) times[one][r] = us;
                    }
                Numerics.Parallelism.ThreadLimit = int.MaxValue;
                double single = StepPhases.Median(times[0]), all = StepPhases.Median(times[1]);
                Console.WriteLine($"| {n:N0} | {name} | {single:F0} | {all:F0} | {single / all:F2} | {times[0].Min():F0} | {times[1].Min():F0} |");
            }
        }
        Console.WriteLine($"# load after: {NeuralRatios.Load()}");
    }
}
