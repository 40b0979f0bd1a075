using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace PrunAdag.Benchmarks;

/// <summary>
/// Entry point: <c>dotnet run -c Release --project benchmarks/PrunAdag.Benchmarks -- --filter '*'</c>, or
/// <c>-- step-ratios [rounds] [--each-isa]</c> for the interleaved step comparison (<see cref="StepRatios"/>),
/// <c>-- step-phases [rounds] [--each-isa]</c> for a V1/V3 step taken apart (<see cref="StepPhases"/>),
/// <c>-- gradient-ratios [rounds] [--each-isa]</c> for the gradients before and after (<see cref="GradientRatios"/>).
/// <c>-- end-to-end-ratios [rounds] [--each-isa]</c> for whole runs against Adagrad (<see cref="EndToEndRatios"/>),
/// <c>--each-isa</c> runs the command again in a child process at each narrower vector width (AVX-512 off, AVX2 off).
/// <c>-- neural-ratios [rounds] [--threads N]</c> for the MLP epoch against PyTorch (<see cref="NeuralRatios"/>),
/// <c>-- neural-steps [epochs] [--threads N]</c> for the optimisers' step share of an MLP training iteration (<see cref="NeuralSteps"/>),
/// <c>-- step-threads [rounds]</c> for the steps of long vectors on one thread and on all (<see cref="StepThreads"/>),
/// <c>-- iteration-parts [iterations]</c> for where a 100 × 1000 least-squares iteration goes (<see cref="IterationParts"/>),
/// <c>-- gradient-parts [rounds]</c> for the 100 × 1000 gradient beside its halves and the core's in-register rate (<see cref="GradientParts"/>),
/// <c>-- subnormals [rounds]</c> for what subnormal components of x cost the gradient and which runs hold them (<see cref="Subnormals"/>),
/// <c>-- mlp-phases [rounds]</c> for the MLP batch gradient beside each of its products (<see cref="MlpPhases"/>),
/// <c>-- gemm-check</c> for which matrix-product providers load and which give reproducible bits (<see cref="GemmCheck"/>).
/// Runs in process (no per-benchmark project build, which on a 2-core machine costs more than the
/// measurements) with a short job unless the command line chooses another.
/// </summary>
public static class Program
{
    public static void Main(string[] args)
    {
        if (args.Length > 0 && args[0] is "step-ratios" or "step-phases" or "gradient-ratios" or "end-to-end-ratios")
        {
            // [rounds] [--each-isa]: --each-isa repeats the command in child processes at each narrower vector width.
            bool eachIsa = args.Contains("--each-isa");
            var rest = args[1..].Where(a => a != "--each-isa").ToArray();
            int rounds = args[0] == "step-ratios" ? 25 : 15;
            if (rest.Length > 1 || (rest.Length == 1 && (!int.TryParse(rest[0], out rounds) || rounds < 1)))
            {
                Console.Error.WriteLine($"usage: {args[0]} [rounds ≥ 1] [--each-isa]; got '{string.Join(' ', args[1..])}'.");
                Environment.ExitCode = 2;
                return;
            }
            Action run = args[0] switch
            {
                "step-ratios" => () => StepRatios.Run(rounds),
                "step-phases" => () => StepPhases.Run(rounds),
                "end-to-end-ratios" => () => EndToEndRatios.Run(rounds),
                _ => () => GradientRatios.Run(rounds, Environment.GetEnvironmentVariable("PRUNADAG_BENCH_SHAPES")?.Split(',')),
            };
            if (eachIsa) Isa.ForEachWidth([args[0], rounds.ToString(System.Globalization.CultureInfo.InvariantCulture)], run);
            else run();
            return;
        }
        if (args.Length > 0 && args[0] == "neural-ratios")
        {
            if (CountAndThreads(args, "rounds", 7, 1, 2) is var (rounds, threads)) NeuralRatios.Run(rounds, threads);
            return;
        }
        if (args.Length > 0 && args[0] == "neural-steps")
        {
            if (CountAndThreads(args, "epochs", 5, 1, 1) is var (epochs, threads)) NeuralSteps.Run(epochs, threads);
            return;
        }
        if (args.Length > 0 && args[0] == "step-threads")
        {
            if (OneCount(args, "rounds", 11, 1) is int rounds) StepThreads.Run(rounds);
            return;
        }
        if (args.Length > 0 && args[0] == "iteration-parts")
        {
            if (OneCount(args, "iterations", 3000, 10) is int iterations) IterationParts.Run(iterations);
            return;
        }
        if (args.Length > 0 && args[0] == "gradient-parts")
        {
            if (OneCount(args, "rounds", 40, 1) is int rounds) GradientParts.Run(rounds);
            return;
        }
        if (args.Length > 0 && args[0] == "subnormals")
        {
            if (OneCount(args, "rounds", 15, 1) is int rounds) Subnormals.Run(rounds);
            return;
        }
        if (args.Length > 0 && args[0] == "mlp-phases")
        {
            if (OneCount(args, "rounds", 21, 2) is int rounds) MlpPhases.Run(rounds);
            return;
        }
        if (args.Length > 0 && args[0] == "gemm-check")
        {
            GemmCheck.Run();
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

    // "<command> [count ≥ min] [--threads N ≥ 1]": the count and the threads, or null after a usage line (exit code 2).
    private static (int Count, int Threads)? CountAndThreads(string[] args, string name, int fallback, int min, int threads)
    {
        int count = fallback;
        bool counted = false;
        for (int i = 1; i < args.Length; i++)
        {
            if (args[i] == "--threads" && i + 1 < args.Length && int.TryParse(args[i + 1], out threads) && threads >= 1) { i++; continue; }
            if (!counted && int.TryParse(args[i], out count) && count >= min) { counted = true; continue; }
            Console.Error.WriteLine($"usage: {args[0]} [{name} ≥ {min}] [--threads N ≥ 1]; got '{string.Join(' ', args[1..])}'.");
            Environment.ExitCode = 2;
            return null;
        }
        return (count, threads);
    }

    // "<command> [count ≥ min]": the count, or null after a usage line (exit code 2).
    private static int? OneCount(string[] args, string name, int fallback, int min)
    {
        int value = fallback;
        if (args.Length <= 2 && (args.Length == 1 || (int.TryParse(args[1], out value) && value >= min))) return value;
        Console.Error.WriteLine($"usage: {args[0]} [{name} ≥ {min}]; got '{string.Join(' ', args[1..])}'.");
        Environment.ExitCode = 2;
        return null;
    }
}
