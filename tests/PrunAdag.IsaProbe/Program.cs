using System.Runtime.Intrinsics;
using System.Security.Cryptography;
using MathNet.Numerics.LinearAlgebra;
using PrunAdag;
using PrunAdag.Problems;
using PrunAdag.Problems.Classification;
using PrunAdag.Problems.DictionaryLearning;
using PrunAdag.Problems.Sparco;

// The cross-instruction-set probe: every method on a set of built-in problems, each run's bits digested.
// `PrunAdag.IsaProbe` prints four header lines, "isa: <vector width>", "threads: <n>", "platform: <runtime identifier
// and C library>" and "cpu: <vendor, family, model>", then one line per run:
// "<problem> <method> <iterations> <stop reason> <‖g_K‖ as hex bits> <SHA-256 of every result bit and of the
// result's pruning profile>".
// The test runs it once per instruction set (DOTNET_EnableAVX512=0, DOTNET_EnableAVX2=0,
// DOTNET_EnableHWIntrinsic=0) and with one processor, and requires the run lines to be identical; it also compares
// them with the lines recorded on another machine of the same platform (tests/PrunAdag.CrossIsa.Tests/reference-runs.txt).
Console.WriteLine("isa: " + (Vector512.IsHardwareAccelerated ? "512-bit" : Vector256.IsHardwareAccelerated ? "256-bit"
    : Vector128.IsHardwareAccelerated ? "128-bit" : "scalar"));
Console.WriteLine("threads: " + Environment.ProcessorCount);
Console.WriteLine("platform: " + Machine.Platform());
Console.WriteLine("cpu: " + Machine.Cpu());

int iterations = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 120;
// Every registered method, so a new one is covered as soon as it is registered.
var methods = Method.All;
foreach (var (name, problem) in Problems())
    foreach (var method in methods)
    {
        var minimizer = Minimizer.Create(method, problem.OptionsFor(method) with
        {
            // (The MLP's value would be a pass over all its training samples at every iteration: its gradients are the test.)
            MaxIterations = iterations, RecordObjective = problem.Objective.HasValue && problem.Kind != "neural-classifier", IterateEvery = 25,
        });
        var r = minimizer.Minimize(problem.Objective, problem.X0);
        // The paper's pruning measures of the result too (ρ = ‖∇f(x̄)‖, ω) at σ = 10 %, …, 90 %.
        // (For the MLP, σ = 50 % only: each σ's ρ is a gradient over all its training samples.)
        var profile = Pruning.Profile(problem.Objective, r.Solution, problem.Kind == "neural-classifier" ? [0.5] : Pruning.PaperSigmas);
        Console.WriteLine($"{name} {method} {r.Iterations} {r.StopReason} {BitConverter.DoubleToInt64Bits(r.FinalGradientNorm):X16} {Digest(r, profile)}");
    }

static IEnumerable<(string, TestProblem)> Problems()
{
    // Dense least squares with n not a multiple of 8 (or 16): the vector loops' tails take part.
    yield return ("ls-gaussian-60x1003", RandomLeastSquares.Create(MatrixClass.A1, 1, 60, 1003));
    yield return ("ls-orthonormal-40x301", RandomLeastSquares.Create(MatrixClass.A2, 2, 40, 301));
    yield return ("ls-dct-rows-50x517", RandomLeastSquares.Create(MatrixClass.A6, 3, 50, 517));
    // Above 2^20 entries: the one-pass gradient is cut into row chunks and threaded.
    yield return ("ls-gaussian-300x4001", RandomLeastSquares.Create(MatrixClass.A1, 4, 300, 4001));
    yield return ("random-ls:A4", ProblemCatalog.Create("random-ls:A4", 5));
    // n ≥ 2^16: the steps are cut into blocks that several threads share (the one-processor run takes them all alone).
    yield return ("ls-gaussian-16x70001", RandomLeastSquares.Create(MatrixClass.A1, 14, 16, 70001));
    // Matrix-free SPARCO operators: DCT and identity blocks, a product with a Gaussian ensemble, Heaviside, Gaussian.
    yield return ("sparco:3", ProblemCatalog.Create("sparco:3", 6));
    yield return ("sparco:5", ProblemCatalog.Create("sparco:5", 7));
    yield return ("sparco:9", ProblemCatalog.Create("sparco:9", 8));
    yield return ("sparco:11", ProblemCatalog.Create("sparco:11", 9));
    yield return ("sparse-coding:synthetic", SparseCodingProblem.CreateSynthetic(10));
    yield return ("classification:synthetic", ClassificationProblem.Create(ClassificationDataset.Synthetic, 11));
    yield return ("logistic-211x77", Logistic(211, 77, 12));
    // A mini-batch MLP (784-12-10 on the synthetic stand-in, batches of 64): the matrix products' column tails
    // (12 and 10 units), the bias, ReLU and sum loops, and every method's parameter layout (weights prunable).
    yield return ("neural:mnist-mlp-synthetic-784-12-10", PrunAdag.Neural.NeuralProblems.MnistMlp(13, batchSize: 64, synthetic: true, hiddenSizes: [12]));
}

// A logistic problem with Gaussian features and ±1 labels from a planted separator, started at 0.
static TestProblem Logistic(int samples, int features, int seed)
{
    var rng = new MathNet.Numerics.Random.MersenneTwister(seed);
    var y = Matrix<double>.Build.Dense(samples, features, (i, j) => MathNet.Numerics.Distributions.Normal.Sample(rng, 0, 1));
    var w = Vector<double>.Build.Dense(features, j => j % 7 == 0 ? 1.0 : 0.0);
    var z = (y * w).Map(t => t > 0 ? 1.0 : -1.0);
    return new TestProblem
    {
        Name = "logistic", Kind = "logistic", Seed = seed, Objective = Objective.Logistic(y, z),
        X0 = Vector<double>.Build.Dense(features), TargetRelevant = Math.Max(1, features / 10),
    };
}

static string Digest(MinimizationResult r, PruningProfile profile)
{
    using var h = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    void D(double v) => h.AppendData(BitConverter.GetBytes(v));
    void I(int v) => h.AppendData(BitConverter.GetBytes(v));
    I(r.Iterations); I((int)r.StopReason); I(r.TargetRelevant); D(r.FinalGradientNorm); D(r.FinalValue ?? double.NaN);
    foreach (double v in r.Solution) D(v);
    foreach (double v in r.Trace.GradientNorm) D(v);
    foreach (double v in r.Trace.BelowDelta) D(v);
    foreach (double v in r.Trace.Value ?? []) D(v);
    foreach (int v in r.Trace.Optimisable ?? []) I(v);
    foreach (int v in r.Trace.Acceptable ?? []) I(v);
    foreach (int v in r.Trace.Decreasable ?? []) I(v);
    foreach (var it in r.Trace.Iterates) { I(it.Iteration); foreach (double v in it.X) D(v); }
    foreach (var p in profile.Points) { D(p.AchievedSparsity); D(p.Rho); D(p.Omega); }
    return Convert.ToHexString(h.GetHashAndReset())[..32];
}

/// <summary>What, besides this library's code, decides a run's bits on a machine, and which CPU it is.</summary>
internal static class Machine
{
    /// <summary>
    /// The runtime identifier and, on Linux, the C library and its version: exp, log and cos (the problem generators, the
    /// logistic and softmax losses) come from the platform's C math library, so only machines that share it can share bits.
    /// </summary>
    public static string Platform()
    {
        string rid = System.Runtime.InteropServices.RuntimeInformation.RuntimeIdentifier;
        try { return $"{rid} glibc {System.Runtime.InteropServices.Marshal.PtrToStringAnsi(GnuLibcVersion())}"; }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException) { return rid; }
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "gnu_get_libc_version")]
    private static extern IntPtr GnuLibcVersion();

    /// <summary>The vendor and model of the CPU (Linux: /proc/cpuinfo), or the architecture where that is not readable.</summary>
    public static string Cpu()
    {
        const string info = "/proc/cpuinfo";
        if (!File.Exists(info)) return System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture.ToString();
        var fields = File.ReadLines(info).TakeWhile(l => l.Length > 0).Select(l => l.Split(':', 2)).Where(p => p.Length == 2)
            .GroupBy(p => p[0].Trim()).ToDictionary(g => g.Key, g => g.First()[1].Trim());
        string F(string key) => fields.TryGetValue(key, out var v) ? v : "?";
        return $"{F("model name")} (vendor {F("vendor_id")}, family {F("cpu family")}, model {F("model")})";
    }
}
