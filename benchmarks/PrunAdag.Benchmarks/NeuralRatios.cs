using System.Diagnostics;
using PrunAdag.Neural;

namespace PrunAdag.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release --project benchmarks/PrunAdag.Benchmarks -- neural-ratios [rounds] [--threads N]</c>:
/// one training epoch (63 batches of 128 of the 8000 training images) of the 784-256-128-10 MLP, ours (on N threads, and on one) with Adam, with
/// prunAdag-V3 (the MLP's layout: relevant set over the weights, Adagrad on the biases; η = 0.01) and with SFW, against PyTorch's CPU epoch
/// with <c>torch.optim.Adam</c> (<c>benchmarks/torch/mlp_epoch.py --serve</c>, float32 and float64, N threads,
/// default 2), interleaved round by round so that a shared machine's load hits every contender alike; medians.
/// The PyTorch rows are skipped when no Python with torch is found (<c>/usr/bin/python3</c>, then <c>python3</c>).
/// </summary>
internal static class NeuralRatios
{
    public static void Run(int rounds, int threads)
    {
        var (train, _) = NeuralInputs.Split();
        var mlp = new MlpClassifier(train, NeuralProblems.MnistMlpHidden, new BatchSchedule(train.Count, 128, seed: 1), threads: threads);
        var serial = new MlpClassifier(train, NeuralProblems.MnistMlpHidden, new BatchSchedule(train.Count, 128, seed: 1), threads: 1);
        var x0 = mlp.InitialParameters(1).ToArray();
        int n = x0.Length, t = mlp.Layout.PrunableCount / 10, batches = mlp.Schedule.BatchesPerEpoch;
        var g = new double[n];
        var contenders = new List<(string Name, Func<double> Epoch)>();
        // Each contender keeps its own state across rounds (as a real run does).
        // The kernels as Minimizer creates them for the MLP (its layout; η = 0.01 as in `prunadag reproduce neural`).
        StepKernel Kernel(Method m)
        {
            var o = m.DefaultOptions.WithTargetRelevant(t);
            if (o is AdagradOptions a) o = a with { StepScale = 0.01 };
            return m.CreateKernel(o, mlp.Layout);
        }
        foreach (var (name, make, objective) in new (string, Func<StepKernel>, MlpClassifier)[]
        {
            ($"ours, Adam ({threads} threads)", () => Kernel(Method.Adam), mlp),
            ("ours, Adam (1 thread)", () => Kernel(Method.Adam), serial),
            ($"ours, prunAdag-V3 ({threads} threads)", () => Kernel(Method.V3), mlp),
            ("ours, prunAdag-V3 (1 thread)", () => Kernel(Method.V3), serial),
            ($"ours, SFW ({threads} threads)", () => Kernel(Method.SFW), mlp),
        })
        {
            var localX = (double[])x0.Clone();
            StepKernel? local = null;
            int localK = 0;
            contenders.Add((name, () =>
            {
                local ??= make();
                // The step on as many threads as the gradient (a step of 235 k components is cut into blocks).
                Numerics.Parallelism.ThreadLimit = objective.Threads;
                long start = Stopwatch.GetTimestamp();
                for (int b = 0; b < batches; b++, localK++)
                {
                    objective.BatchGradient(localK, localX, g);
                    local.Step(localK, localX, g, 1e-3);
                }
                double seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
                Numerics.Parallelism.ThreadLimit = int.MaxValue;
                return seconds;
            }));
        }
        var gradientOnly = (double[])x0.Clone();
        int gk = 0;
        contenders.Add(($"ours, gradients only, no step ({threads} threads)", () =>
        {
            long start = Stopwatch.GetTimestamp();
            for (int b = 0; b < batches; b++, gk++) mlp.BatchGradient(gk, gradientOnly, g);
            return Stopwatch.GetElapsedTime(start).TotalSeconds;
        }));
        var torch = new List<Process>();
        string? python = FindTorch();
        if (python is not null)
            foreach (string dtype in new[] { "float32", "float64" })
            {
                var p = StartTorch(python, dtype, threads);
                if (p is null) continue;
                torch.Add(p);
                string header = p.StandardOutput.ReadLine() ?? "";
                contenders.Add(($"PyTorch Adam ({dtype}, {threads} threads)", () =>
                {
                    p.StandardInput.WriteLine("epoch");
                    p.StandardInput.Flush();
                    return double.Parse(p.StandardOutput.ReadLine() ?? "NaN", System.Globalization.CultureInfo.InvariantCulture);
                }));
                Console.WriteLine(header);
            }
        else Console.WriteLine("# PyTorch not found (no python3 with torch): its rows are skipped.");

        Console.WriteLine($"# neural-ratios: {rounds} interleaved rounds (one epoch each), medians in s; data {NeuralInputs.Describe()}; " +
                          $"{Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription}; load {Load()}");
        var times = contenders.Select(_ => new List<double>()).ToArray();
        for (int r = -1; r < rounds; r++) // one warm-up round
            for (int c = 0; c < contenders.Count; c++)
            {
                double s = contenders[c].Epoch();
                if (r >= 0) times[c].Add(s);
            }
        int torchAdam = contenders.FindIndex(c => c.Name.StartsWith("PyTorch Adam (float32", StringComparison.Ordinal));
        double ours = Median(times[0]);
        Console.WriteLine($"\n| epoch of | median s | min s | ÷ ours, Adam |{(torchAdam >= 0 ? " ÷ PyTorch Adam float32 |" : "")}\n|---|---:|---:|---:|{(torchAdam >= 0 ? "---:|" : "")}");
        for (int c = 0; c < contenders.Count; c++)
        {
            double med = Median(times[c]);
            Console.WriteLine($"| {contenders[c].Name} | {med:F3} | {times[c].Min():F3} | {med / ours:F2} |{(torchAdam >= 0 ? $" {med / Median(times[torchAdam]):F2} |" : "")}");
        }
        Console.WriteLine($"# load after: {Load()}");
        foreach (var p in torch)
        {
            p.StandardInput.WriteLine("quit");
            p.WaitForExit(10_000);
        }
    }

    private static string? FindTorch()
    {
        foreach (var py in new[] { "/usr/bin/python3", "python3" })
        {
            try
            {
                using var p = Process.Start(new ProcessStartInfo(py, ["-c", "import torch"]) { RedirectStandardError = true, RedirectStandardOutput = true });
                if (p is null) continue;
                p.WaitForExit(60_000);
                if (p.ExitCode == 0) return py;
            }
            catch (System.ComponentModel.Win32Exception) { }
        }
        return null;
    }

    private static Process? StartTorch(string python, string dtype, int threads)
    {
        string script = Path.Combine(RepositoryRoot(), "benchmarks", "torch", "mlp_epoch.py");
        var args = new List<string> { script, "--serve", "--dtype", dtype, "--threads", threads.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        if (PrunAdag.Data.DataLocator.Find() is { } data && NeuralInputs.RealData) { args.Add("--data"); args.Add(data); }
        var psi = new ProcessStartInfo(python, args) { RedirectStandardInput = true, RedirectStandardOutput = true };
        return Process.Start(psi);
    }

    private static string RepositoryRoot()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "Directory.Build.props")) && Directory.Exists(Path.Combine(d.FullName, "benchmarks"))) return d.FullName;
        return Directory.GetCurrentDirectory();
    }

    internal static string Load()
    {
        try { return string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)); }
        catch (IOException) { return "?"; }
    }

    private static double Median(List<double> v)
    {
        var s = v.Order().ToArray();
        return s.Length % 2 == 1 ? s[s.Length / 2] : 0.5 * (s[s.Length / 2 - 1] + s[s.Length / 2]);
    }
}
