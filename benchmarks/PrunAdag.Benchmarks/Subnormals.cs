using System.Diagnostics;
using PrunAdag.Neural;
using PrunAdag.Problems;

namespace PrunAdag.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release --project benchmarks/PrunAdag.Benchmarks -- subnormals [rounds]</c>: what subnormal
/// components of x cost and where runs produce them. First, the 100 × 1000 least-squares gradient of
/// <see cref="EndToEndBenchmarks"/> at an x with none, one and ten subnormal entries (interleaved rounds, medians):
/// each A_ij·x_j with a subnormal result takes a microcode assist on x86 cores. Then a census: how many iterates
/// hold a subnormal x_i in the first 300 iterations of the end-to-end problems (every iterate) and in the seed-1
/// runs of Table 2's classes (every 10th iterate). Rule (17) shrinks a decreasable x_i toward 0 and can pass it
/// through the subnormal range (docs/benchmarks.md, ninth round).
/// </summary>
internal static class Subnormals
{
    public static void Run(int rounds)
    {
        Console.WriteLine($"# Subnormal x_i ({Isa.Describe()}): {rounds} interleaved rounds, medians; load {NeuralRatios.Load()}");
        var (f, x0) = Data.LeastSquares100x1000();
        var rng = new Random(5);
        var dense = Enumerable.Range(0, f.Dimension).Select(_ => rng.NextDouble() - 0.5).ToArray();
        double[] With(int count)
        {
            var x = (double[])dense.Clone();
            for (int i = 0; i < count; i++) x[97 * i + 13] = 1e-310 * (i % 2 == 0 ? 1 : -1);
            return x;
        }
        (string Name, double[] X)[] cases = [("no subnormal x_j", With(0)), ("one subnormal x_j", With(1)), ("ten subnormal x_j", With(10))];
        var g = new double[f.Dimension];
        var times = cases.Select(_ => new double[rounds]).ToArray();
        const int calls = 200;
        for (int r = -2; r < rounds; r++)
            for (int c = 0; c < cases.Length; c++)
            {
                long start = Stopwatch.GetTimestamp();
                for (int q = 0; q < calls; q++) f.Gradient(cases[c].X, g);
                if (r >= 0) times[c][r] = Stopwatch.GetElapsedTime(start).TotalMicroseconds / calls;
            }
        double none = StepPhases.Median(times[0]);
        Console.WriteLine("\n100 × 1000 least-squares gradient\n| x | µs per gradient (median) | min | − none |\n|---|---:|---:|---:|");
        for (int c = 0; c < cases.Length; c++)
            Console.WriteLine($"| {cases[c].Name} | {StepPhases.Median(times[c]):F2} | {times[c].Min():F2} | {StepPhases.Median(times[c]) - none:F2} |");

        Console.WriteLine("\nIterates holding a subnormal x_i\n| problem | method | iterations | iterates looked at | with a subnormal x_i | most at once |\n|---|---|---:|---:|---:|---:|");
        Method[] methods = [Method.V1, Method.V2, Method.V3, Method.V4, Method.FW1, Method.FW2];
        var a1 = RandomLeastSquares.Create(MatrixClass.A1, 1);
        foreach (var m in methods)
            Census("A1 seed 1, K = 300 (end-to-end)", m, a1.Objective, a1.X0, a1.OptionsFor(m) with { MaxIterations = 300, GradientTolerance = 0 }, every: 1);
        foreach (var m in methods)
            Census("EndToEndBenchmarks' problem, K = 300", m, f, x0, m.DefaultOptions with { MaxIterations = 300, GradientTolerance = 0 }, every: 1);
        foreach (var cls in new[] { MatrixClass.A1, MatrixClass.A2, MatrixClass.A3, MatrixClass.A4, MatrixClass.A5, MatrixClass.A6 })
        {
            var p = RandomLeastSquares.Create(cls, 1);
            foreach (var m in methods) Census($"{cls} seed 1 (Table 2's run)", m, p.Objective, p.X0, p.OptionsFor(m), every: 10);
        }
        NeuralCensus();
    }

    /// <summary>The MLP of <c>reproduce neural</c> (MNIST if PRUNADAG_DATA holds it, else the synthetic stand-in), default epochs, every 63rd iterate (once per epoch).</summary>
    private static void NeuralCensus()
    {
        string? data = Environment.GetEnvironmentVariable("PRUNADAG_DATA");
        var p = NeuralProblems.MnistMlp(1, data, synthetic: data is null);
        foreach (var m in new[] { Method.V1, Method.V3, Method.Adam })
            Census($"{p.Name} seed 1 ({(data is null ? "synthetic" : "MNIST")}), 5 epochs", m, p.Objective, p.X0, p.OptionsFor(m) with { Epochs = 5 }, every: 63);
    }

    private static void Census(string problem, Method method, Objective f, MathNet.Numerics.LinearAlgebra.Vector<double> x0, MinimizerOptions options, int every)
    {
        var r = Minimizer.Create(method, options with { IterateEvery = every }).Minimize(f, x0);
        var counts = r.Trace.Iterates.Select(s => s.X.Count(v => double.IsSubnormal(v))).ToArray();
        Console.WriteLine($"| {problem} | {method.DisplayName} | {r.Iterations} | {counts.Length} | {counts.Count(c => c > 0)} | {counts.Max()} |");
    }
}
