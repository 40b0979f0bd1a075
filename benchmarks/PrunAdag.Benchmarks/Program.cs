using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace PrunAdag.Benchmarks;

/// <summary>
/// Entry point: <c>dotnet run -c Release --project benchmarks/PrunAdag.Benchmarks -- --filter '*'</c>, or
/// <c>-- step-ratios [rounds]</c> for the interleaved step comparison (<see cref="StepRatios"/>).
/// Runs in process (no per-benchmark project build, which on a 2-core machine costs more than the
/// measurements) with a short job unless the command line chooses another.
/// </summary>
public static class Program
{
    public static void Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "step-ratios")
        {
            int rounds = 25;
            if (args.Length > 2 || (args.Length == 2 && (!int.TryParse(args[1], out rounds) || rounds < 1)))
            {
                Console.Error.WriteLine($"usage: step-ratios [rounds ≥ 1]; got '{string.Join(' ', args[1..])}'.");
                Environment.ExitCode = 2;
                return;
            }
            StepRatios.Run(rounds);
            return;
        }
        if (args.Length > 0 && args[0] == "step-phases")
        {
            StepPhases.Run(args.Length > 1 && int.TryParse(args[1], out int r) && r > 0 ? r : 15);
            return;
        }
        if (args.Length > 0 && args[0] == "gradient-ratios")
        {
            GradientRatios.Run(args.Length > 1 && int.TryParse(args[1], out int r) && r > 0 ? r : 15,
                args.Length > 2 ? args[2..] : null);
            return;
        }
        var config = DefaultConfig.Instance
            .AddDiagnoser(MemoryDiagnoser.Default)
            .WithOptions(ConfigOptions.JoinSummary | ConfigOptions.DisableLogFile);
        bool jobChosen = args.Contains("--job") || args.Contains("-j");
        if (!jobChosen)
            config = config.AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance));
        // "--inProcess" only with a job from the command line: on its own it adds a second, default-length job
        // next to the short one (every benchmark then ran twice).
        else if (!args.Contains("--inProcess") && !args.Contains("--noInProcess"))
            args = [.. args, "--inProcess"];
        args = args.Where(a => a != "--noInProcess").ToArray();
        if (!args.Contains("--artifacts"))
            args = [.. args, "--artifacts", Path.Combine(AppContext.BaseDirectory, "BenchmarkDotNet.Artifacts")];
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, config);
    }
}
