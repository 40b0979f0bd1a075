using System.Diagnostics;
using PrunAdag.Neural;

namespace PrunAdag.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release --project benchmarks/PrunAdag.Benchmarks -- neural-steps [epochs]</c>: the optimiser step's
/// share of a training iteration of the 784-256-128-10 MLP at batch 128, on the real iterate sequence. Every method is
/// created as <see cref="Minimizer"/> creates it (the MLP's layout: prunAdag's relevant set over the weights, Adagrad
/// on the biases; η = 0.01 as in <c>reproduce neural</c>), and trains from the same x0; the methods take one epoch in
/// turn, round after round, so the machine's load hits them alike. Each iteration's batch gradient and step are timed
/// apart; the table gives medians over epochs. Then prunAdag-V3's step is taken apart on the iterate it reached: the
/// selection of R_k (on one g, and on successive batches' gradients with the hint carried or none), the sums of Table 1's
/// ratio, and the whole step, beside an Adagrad step. Also counted: subnormal values in x and g (the suspected cause of a
/// slow V3 epoch).
/// </summary>
internal static class NeuralSteps
{
    public static void Run(int epochs, int threads)
    {
        // The batch gradient and the step on the same number of threads (a step of 235 k components is cut into blocks).
        Numerics.Parallelism.ThreadLimit = threads;
        var (train, _) = NeuralInputs.Split();
        var methods = new[] { Method.Adam, Method.Adagrad, Method.V1, Method.V3, Method.V4, Method.SFW };
        var runs = methods.Select(m => new Training(m, train, threads)).ToArray();
        Console.WriteLine($"# neural-steps: {epochs} rounds of one epoch per method (63 batches of 128), medians; data {NeuralInputs.Describe()}; " +
                          $"gradient and step on {threads} thread(s) of {Environment.ProcessorCount} cores; load {NeuralRatios.Load()}");
        for (int e = 0; e < epochs; e++)
            foreach (var r in runs) r.Epoch();
        Console.WriteLine("\n| method | batch gradient, ms | step, ms | step ÷ (gradient + step) | subnormal x, g at the end |\n|---|---:|---:|---:|---:|");
        foreach (var r in runs)
        {
            double grad = Median(r.GradientMs), step = Median(r.StepMs);
            Console.WriteLine($"| {r.Method.DisplayName} | {grad:F2} | {step:F3} | {step / (grad + step):P1} | {r.Subnormals()} |");
        }
        Parts(runs.Single(r => r.Method == Method.V3));
        Console.WriteLine($"# load after: {NeuralRatios.Load()}");
    }

    private static void Parts(Training v3)
    {
        var mlp = v3.Mlp;
        int n = mlp.Dimension, p = mlp.Layout.PrunableCount, t = p / 10;
        // The weights come first in the MLP's layout: R_k ranges over x[0..P), one contiguous slice.
        var g = v3.G.AsSpan(0, p).ToArray(); var gAll = v3.G; var x = v3.X; var xw = x.AsSpan(0, p).ToArray();
        var scratch = new double[p];
        var hint = new SelectionHint();
        RelevantCut cut = RelevantSet.Find(g, t, scratch, ref hint);
        var kernel = v3.Method.CreateKernel(((AdagradOptions)v3.Method.DefaultOptions.WithTargetRelevant(t)) with { StepScale = 0.01 }, mlp.Layout);
        var xs = (double[])x.Clone();
        var w = new double[n];
        // Training selects on a new batch's gradient each time: 20 batches' gradients at this iterate, copied in turn into
        // one array (kept in cache, as a gradient just computed is), with the hint carried from batch to batch or none.
        var batches = new double[20][];
        for (int j = 0; j < batches.Length; j++) { mlp.BatchGradient(5000 + j, x, w); batches[j] = w[..p]; }
        var gb = new double[p];
        int next = 0, carriedCalls = 0, carriedHeld = 0;
        var carried = new SelectionHint();
        // A remembered bracket [θ/F, θ·F] around this g's threshold, reset at every call: F = 1.25 and 1.6 keep more than
        // 4096 values (refined by radix rounds), F = 1.05 fewer (refined by SelectSmall).
        Action bracket(double f) => () =>
        {
            var h = new SelectionHint { Valid = true, Threshold = cut.Threshold * 1.01, Factor = f };
            RelevantSet.Find(g, t, scratch, ref h);
        };
        var parts = new (string Name, Action Run)[]
        {
            ("R_k: selection of the T largest |g_i| of the weights (hinted, the same g each call)", () => cut = RelevantSet.Find(g, t, scratch, ref hint)),
            ("R_k on 20 batches' gradients in turn, the hint carried (as in training)", () =>
            {
                batches[next++ % 20].CopyTo(gb, 0);
                double factor = carried.Factor; bool valid = carried.Valid;
                RelevantSet.Find(gb, t, scratch, ref carried);
                if (valid) { carriedCalls++; carriedHeld += carried.Factor <= factor ? 1 : 0; } // a missed bracket widens
            }),
            ("R_k on one g, a bracket of factor 1.05 reset each call", bracket(1.05)),
            ("R_k on one g, a bracket of factor 1.25 reset each call", bracket(1.25)),
            ("R_k on one g, a bracket of factor 1.6 reset each call", bracket(1.6)),
            ("R_k on the same, no hint (a first iteration)", () => { batches[next++ % 20].CopyTo(gb, 0); RelevantSet.Find(gb, t, scratch); }),
            ("copy of a batch's gradient alone (to subtract)", () => batches[next++ % 20].CopyTo(gb, 0)),
            ("Table 1: Σ_R g², Σ_S x² (four lanes)", () => PrunAdagVectors.SumsOverRAndS(cut, xw, g, out _, out _)),
            ("the whole V3 step as Minimizer runs it (x reset each call)", () => { x.CopyTo(xs, 0); kernel.Step(3000, xs, gAll, 1e-3); }),
            ("x reset alone (to subtract)", () => x.CopyTo(xs, 0)),
            ("Adagrad step on all n (x and w reset each call)", () => { x.CopyTo(xs, 0); w.AsSpan().Fill(0.5); AdagradKernel.StepRange(xs, gAll, w, 0.01, 1e-3); }),
            ("w reset alone (to subtract)", () => w.AsSpan().Fill(0.5)),
        };
        Console.WriteLine("\n| part of prunAdag-V3's step on the MLP (T = " + t + "), 400 calls | median µs | min µs |\n|---|---:|---:|");
        foreach (var (name, run) in parts)
        {
            var times = new List<double>();
            for (int r = 0; r < 410; r++)
            {
                long s = Stopwatch.GetTimestamp();
                run();
                if (r >= 10) times.Add(Stopwatch.GetElapsedTime(s).TotalMicroseconds);
            }
            Console.WriteLine($"| {name} | {Median(times):F0} | {times.Min():F0} |");
        }
        Console.WriteLine($"With the hint carried, the first bracket held in {carriedHeld} of {carriedCalls} calls (a miss takes a second pass, or the sampled band).");
    }

    private static double Median(List<double> v)
    {
        var s = v.Order().ToArray();
        return s.Length == 0 ? double.NaN : s.Length % 2 == 1 ? s[s.Length / 2] : (s[s.Length / 2 - 1] + s[s.Length / 2]) / 2;
    }

    private sealed class Training
    {
        private readonly StepKernel _kernel;
        private int _k;

        public Training(Method method, LabelledData train, int threads)
        {
            Method = method;
            Mlp = new MlpClassifier(train, NeuralProblems.MnistMlpHidden, new BatchSchedule(train.Count, 128, seed: 1), threads: threads);
            X = Mlp.InitialParameters(1).ToArray();
            G = new double[X.Length];
            var options = method.DefaultOptions.WithTargetRelevant(Mlp.Layout.PrunableCount / 10);
            if (options is AdagradOptions a) options = a with { StepScale = 0.01 };
            _kernel = method.CreateKernel(options, Mlp.Layout);
        }

        public Method Method { get; }
        public MlpClassifier Mlp { get; }
        public double[] X { get; }
        public double[] G { get; }
        public List<double> GradientMs { get; } = [];
        public List<double> StepMs { get; } = [];

        public void Epoch()
        {
            double grad = 0, step = 0;
            int batches = Mlp.Schedule.BatchesPerEpoch;
            for (int b = 0; b < batches; b++, _k++)
            {
                long t0 = Stopwatch.GetTimestamp();
                Mlp.BatchGradient(_k, X, G);
                long t1 = Stopwatch.GetTimestamp();
                _kernel.Step(_k, X, G, 1e-3);
                long t2 = Stopwatch.GetTimestamp();
                grad += t1 - t0; step += t2 - t1;
            }
            GradientMs.Add(grad * 1000.0 / Stopwatch.Frequency / batches);
            StepMs.Add(step * 1000.0 / Stopwatch.Frequency / batches);
        }

        public string Subnormals() =>
            $"{X.Count(double.IsSubnormal)}, {G.Count(double.IsSubnormal)}";
    }
}
