using System.Diagnostics;
using PrunAdag.Problems;

namespace PrunAdag.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release --project benchmarks/PrunAdag.Benchmarks -- iteration-parts [iterations]</c>: where one
/// iteration of the paper's 100 × 1000 least-squares problem (class A1, seed 1) goes, for every method of Table 2. Each
/// method's run is recorded (its iterates and gradients), then replayed with each part timed alone: the step (Steps 1–6,
/// or the baseline's), the gradient at the recorded iterate, the gradient norm of the stopping test, and Step 1's
/// selection by itself. Medians of three replays (after one to warm up), µs per iteration; the parts the end-to-end ratios are made of.
/// Also how far Step 1's threshold moves from one gradient to the next (the median and 95th percentile of the factor
/// between successive thresholds), which sets how often the remembered bracket misses.
/// </summary>
internal static class IterationParts
{
    public static void Run(int iterations)
    {
        Console.WriteLine($"# iteration-parts ({Isa.Describe()}): random-ls:A1 seed 1 (100 × 1000), the first {iterations} iterations " +
                          $"of each method, replayed three times after a warm-up replay; µs per iteration; load {NeuralRatios.Load()}");
        Console.WriteLine("\n| method | gradient | step | of which Step 1 (selection, T = n/10) | ‖g‖ | step ÷ Adagrad's | threshold's move, median / 95 % |\n|---|---:|---:|---:|---:|---:|---:|");
        double adagradStep = double.NaN;
        foreach (var method in new[] { Method.Adagrad, Method.V1, Method.V2, Method.V3, Method.V4, Method.FW1, Method.FW2 })
        {
            var p = RandomLeastSquares.Create(MatrixClass.A1, 1);
            int n = p.Dimension, t = Math.Max(1, n / 10);
            var options = p.OptionsFor(method) with { MaxIterations = iterations };
            var kernel = method.CreateKernel(options, ParameterLayout.Single(n));
            var x = p.X0.ToArray(); var g = new double[n];
            var xs = new double[iterations][]; var gs = new double[iterations][];
            for (int k = 0; k < iterations; k++)
            {
                p.Objective.Gradient(x, g);
                xs[k] = (double[])x.Clone(); gs[k] = (double[])g.Clone();
                kernel.Step(k, x, g, options.Delta);
            }
            var parts = new double[4][];
            for (int q = 0; q < 4; q++) parts[q] = new double[3];
            var scratch = new double[n]; var gg = new double[n];
            double sink = 0;
            for (int rep = -1; rep < 3; rep++) // one warm-up replay (the JIT's tiering), then three
            {
                // The same kernel sequence on the recorded gradients reproduces the run's iterates exactly.
                var replay = method.CreateKernel(options, ParameterLayout.Single(n));
                var xr = p.X0.ToArray();
                var hint = default(SelectionHint);
                long step = 0, grad = 0, norm = 0, find = 0;
                for (int k = 0; k < iterations; k++)
                {
                    long t0 = Stopwatch.GetTimestamp();
                    replay.Step(k, xr, gs[k], options.Delta);
                    long t1 = Stopwatch.GetTimestamp();
                    p.Objective.Gradient(xs[k], gg);
                    long t2 = Stopwatch.GetTimestamp();
                    sink += Numerics.FixedOrder.Norm(gs[k]);
                    long t3 = Stopwatch.GetTimestamp();
                    sink += RelevantSet.Find(gs[k], t, scratch, ref hint).Threshold;
                    long t4 = Stopwatch.GetTimestamp();
                    step += t1 - t0; grad += t2 - t1; norm += t3 - t2; find += t4 - t3;
                }
                double Us(long ticks) => ticks * 1e6 / Stopwatch.Frequency / iterations;
                if (rep < 0) continue;
                parts[0][rep] = Us(grad); parts[1][rep] = Us(step); parts[2][rep] = Us(find); parts[3][rep] = Us(norm);
            }
            GC.KeepAlive(sink);
            var med = parts.Select(StepPhases.Median).ToArray();
            if (method == Method.Adagrad) adagradStep = med[1];
            bool selects = method.Classifies || method == Method.FW1 || method == Method.FW2;
            string select = selects ? $"{med[2]:F2}" : "—";
            Console.WriteLine($"| {method.DisplayName} | {med[0]:F2} | {med[1]:F2} | {select} | {med[3]:F2} | {med[1] / adagradStep:F2} | {(selects ? Moves(gs, t, scratch) : "—")} |");
        }
    }

    /// <summary>The factor between successive thresholds of R_k over a gradient sequence: its median and 95th percentile.</summary>
    private static string Moves(double[][] gs, int t, double[] scratch)
    {
        var thresholds = gs.Select(g => RelevantSet.Find(g, t, scratch).Threshold).ToArray();
        var moves = thresholds.Skip(1).Zip(thresholds, (a, b) => a > 0 && b > 0 ? Math.Exp(Math.Abs(Math.Log(a / b))) : double.NaN)
            .Where(double.IsFinite).Order().ToArray();
        return moves.Length == 0 ? "—" : $"×{moves[moves.Length / 2]:F2} / ×{moves[(int)(0.95 * (moves.Length - 1))]:F2}";
    }
}
