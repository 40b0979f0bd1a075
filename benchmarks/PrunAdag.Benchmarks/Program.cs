using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace PrunAdag.Benchmarks;

/// <summary>
/// Entry point: <c>dotnet run -c Release --project benchmarks/PrunAdag.Benchmarks -- --filter '*' --job short</c>.
/// Runs in process (no per-benchmark project build, which on a 2-core machine costs more than the
/// measurements) with a short job unless the command line chooses another.
/// </summary>
public static class Program
{
    public static void Main(string[] args)
    {
        var config = DefaultConfig.Instance
            .AddDiagnoser(MemoryDiagnoser.Default)
            .WithOptions(ConfigOptions.JoinSummary | ConfigOptions.DisableLogFile);
        if (!args.Contains("--job") && !args.Contains("-j"))
            config = config.AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance));
        if (!args.Contains("--inProcess") && !args.Contains("--noInProcess"))
            args = [.. args, "--inProcess"];
        args = args.Where(a => a != "--noInProcess").ToArray();
        if (!args.Contains("--artifacts"))
            args = [.. args, "--artifacts", Path.Combine(AppContext.BaseDirectory, "BenchmarkDotNet.Artifacts")];
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, config);
    }
}
