using System.Diagnostics;
using System.Runtime.Intrinsics;

namespace PrunAdag.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release --project benchmarks/PrunAdag.Benchmarks -- step-phases [rounds]</c>: a V1/V3 step
/// taken apart into its phases on the inputs of <see cref="StepBenchmarks"/>, in interleaved rounds (medians):
/// Step 1's selection (<see cref="RelevantSet.Find(ReadOnlySpan{double}, int, Span{double}, ref SelectionHint)"/>
/// with the remembered threshold, as the kernel calls it), Table 1's ‖g‖_R²/‖x‖_S² (the kernel's
/// <see cref="PrunAdagVectors.SumsOverRAndS"/>), and the whole V3 and V2 steps (V2 needs no norms, so
/// V3 − V2 ≈ the norms, and V2 − selection ≈ the step pass), beside both two-pass floors and Adagrad; at n = 1000
/// (the paper's 100 × 1000 problems, in µs) as well as the long vectors. Run it under <c>DOTNET_EnableAVX512=0</c> or
/// <c>DOTNET_EnableAVX2=0</c> (or with <c>--each-isa</c>) to see each vector width.
/// </summary>
internal static class StepPhases
{
    public static void Run(int rounds)
    {
        Numerics.Parallelism.ThreadLimit = 1; // like the floor, every phase on one thread
        Console.WriteLine($"# Step phases ({Isa.Describe()}): {rounds} interleaved rounds on one thread, medians in ms (µs at n = 1000); {Environment.ProcessorCount} cores");
        Console.WriteLine("\n| n | selection (Find) | ‖g‖_R², ‖x‖_S² sums | V2 step | V3 step | TwoPassFloor | TwoPassFloorC12 | Adagrad | V3 − selection − sums |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        // n = 1000 is the paper's 100 × 1000 problems (the end-to-end ratios); its times are in µs there, as the
        // mean of many calls per sample, each after a reset of x that is not timed.
        foreach (int n in new[] { 1000, 234_752, 1_000_000, 10_000_000 })
        {
            int calls = Math.Max(1, 200_000 / n);
            var bench = new StepBenchmarks { N = n };
            bench.Setup();
            var g = bench.Gradient; var x = bench.Iterate; // from a cache line, as in a run
            int t = n / 10;
            var scratch = new double[n];
            SelectionHint hint = default;
            RelevantCut cut = RelevantSet.Find(g.Span, t, scratch, ref hint);
            double sink = 0;
            (string Name, Action Call)[] phases =
            [
                ("select", () => { cut = RelevantSet.Find(g.Span, t, scratch, ref hint); sink += cut.Threshold; }),
                ("sums", () => { PrunAdagVectors.SumsOverRAndS(cut, x.Span, g.Span, out double a, out double b); sink += a + b; }),
                ("v2", () => { sink += bench.PrunAdagV2(); }),
                ("v3", () => { sink += bench.PrunAdagV3(); }),
                ("floor", () => { sink += bench.TwoPassFloor(); }),
                ("floorC12", () => { sink += bench.TwoPassFloorC12(); }),
                ("adagrad", () => { sink += bench.Adagrad(); }),
            ];
            var times = new double[phases.Length][];
            for (int p = 0; p < phases.Length; p++) times[p] = new double[rounds];
            for (int r = -3; r < rounds; r++)
                for (int p = 0; p < phases.Length; p++)
                {
                    long ticks = 0;
                    for (int c = 0; c < calls; c++)
                    {
                        bench.ResetIterate();
                        long start = Stopwatch.GetTimestamp();
                        phases[p].Call();
                        ticks += Stopwatch.GetTimestamp() - start;
                    }
                    if (r >= 0) times[p][r] = ticks * 1000.0 / Stopwatch.Frequency / calls;
                }
            var med = times.Select(Median).ToArray();
            double unit = n < 100_000 ? 1000 : 1; // µs at n = 1000
            string F(double ms) => (ms * unit).ToString("F3", System.Globalization.CultureInfo.InvariantCulture);
            Console.WriteLine($"| {n:N0}{(unit > 1 ? " (µs)" : "")} | {F(med[0])} | {F(med[1])} | {F(med[2])} | {F(med[3])} | {F(med[4])} | {F(med[5])} | {F(med[6])} | {F(med[3] - med[0] - med[1])} |");
            GC.KeepAlive(sink);
        }
    }

    internal static double Median(double[] v)
    {
        var s = (double[])v.Clone();
        Array.Sort(s);
        return s.Length % 2 == 1 ? s[s.Length / 2] : 0.5 * (s[s.Length / 2 - 1] + s[s.Length / 2]);
    }
}

/// <summary>Which instruction set the kernels run on in this process, and the same command at every width.</summary>
internal static class Isa
{
    /// <summary>The runtime switches that hold a child process to each narrower vector width.</summary>
    private static readonly (string Variable, string Width)[] Narrower =
        [("DOTNET_EnableAVX512", "256-bit"), ("DOTNET_EnableAVX2", "128-bit")];

    /// <summary>
    /// Runs this program with <paramref name="args"/> in this process, then in one child process per narrower width
    /// (DOTNET_EnableAVX512=0, then DOTNET_EnableAVX2=0) that the CPU would otherwise use, so one call prints every
    /// width's tables. A width the CPU lacks anyway is skipped (its tables would repeat the ones above).
    /// </summary>
    public static void ForEachWidth(string[] args, Action here)
    {
        here();
        string self = Environment.ProcessPath ?? throw new InvalidOperationException("The benchmark's own path is unknown.");
        string? entry = System.Reflection.Assembly.GetEntryAssembly()?.Location;
        bool viaDotnet = Path.GetFileNameWithoutExtension(self).Equals("dotnet", StringComparison.OrdinalIgnoreCase);
        int widest = Vector512.IsHardwareAccelerated ? 512 : Vector256.IsHardwareAccelerated ? 256 : 128;
        foreach (var (variable, width) in Narrower)
        {
            if ((variable == "DOTNET_EnableAVX512" && widest < 512) || (variable == "DOTNET_EnableAVX2" && widest < 256)) continue;
            Console.WriteLine($"\n# --- {variable}=0 ({width}) ---");
            Console.Out.Flush();
            var start = new ProcessStartInfo(self) { UseShellExecute = false };
            if (viaDotnet && entry is not null) start.ArgumentList.Add(entry);
            foreach (string a in args) start.ArgumentList.Add(a);
            start.Environment[variable] = "0";
            using var child = Process.Start(start)!;
            child.WaitForExit();
            if (child.ExitCode != 0) Environment.ExitCode = child.ExitCode;
        }
    }

    public static string Describe() =>
        Vector512.IsHardwareAccelerated ? "512-bit vectors (AVX-512)"
        : Vector256.IsHardwareAccelerated ? "256-bit vectors (AVX2)"
        : Vector128.IsHardwareAccelerated ? "128-bit vectors (SSE/NEON)"
        : "no SIMD (scalar)";
}
