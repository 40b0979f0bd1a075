using System.Diagnostics;
using PrunAdag.Neural;

namespace PrunAdag.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release --project benchmarks/PrunAdag.Benchmarks -- mlp-phases [rounds]</c>: the batch gradient of
/// the 784-256-128-10 MLP at batch 128 (one thread) taken apart: the whole <see cref="MlpClassifier.BatchGradient"/>
/// beside each of its matrix products and transposes run alone on operands of the same shapes (the real first batch
/// of pixels; activations with the ReLU's share of zeros), so the part of the time outside the products shows; rows
/// marked "before" are the work the earlier gradient also did (a transposed copy of the activations, three O(n)
/// passes). Medians of interleaved rounds.
/// </summary>
internal static class MlpPhases
{
    public static void Run(int rounds)
    {
        var (train, _) = NeuralInputs.Split();
        const int batch = 128;
        var mlp = new MlpClassifier(train, [256, 128], batch, seed: 1);
        var x = mlp.InitialParameters(1).AsArray();
        var g = new double[mlp.Dimension];
        var samples = Enumerable.Range(0, batch).ToArray();
        var rng = new Random(7);
        double[] Relu(int count) => Enumerable.Range(0, count).Select(_ => rng.NextDouble() < 0.5 ? 0.0 : rng.NextDouble()).ToArray();
        double[] Dense(int count) => Enumerable.Range(0, count).Select(_ => rng.NextDouble() - 0.5).ToArray();
        var a0 = NeuralInputs.PixelBatch(batch); var a0t = NeuralInputs.Transposed(a0, batch, 784);
        double[] w1 = Dense(784 * 256), w2 = Dense(256 * 128), w3 = Dense(128 * 10);
        double[] a1 = Relu(batch * 256), a2 = Relu(batch * 128), d3 = Dense(batch * 10), d2 = Dense(batch * 128), d1 = Dense(batch * 256);
        double[] z1 = new double[batch * 256], z2 = new double[batch * 128], z3 = new double[batch * 10];
        double[] t = new double[784 * batch], w2t = new double[128 * 256], w3t = new double[10 * 128], gw1 = new double[784 * 256], gw2 = new double[256 * 128], gw3 = new double[128 * 10];
        var parts = new (string Name, Action Run)[]
        {
            ("whole batch gradient", () => mlp.BatchGradient(samples, x, g)),
            ("fwd1 a0·W1 (skip zeros)", () => Gemm.Multiply(a0, 784, w1, 256, z1, 256, batch, 256, 784, false, true)),
            ("fwd2 a1·W2", () => Gemm.Multiply(a1, 256, w2, 128, z2, 128, batch, 128, 256, false, false)),
            ("fwd3 a2·W3", () => Gemm.Multiply(a2, 128, w3, 10, z3, 10, batch, 10, 128, false, false)),
            ("dW3 a2ᵀ·d3 (A read through its transpose)", () => Gemm.Multiply(a2, 128, d3, 10, gw3, 10, 128, 10, batch, false, false, transposeA: true)),
            ("d2 = d3·W3ᵀ", () => Gemm.Multiply(d3, 10, w3t, 128, d2, 128, batch, 128, 10, false, false)),
            ("dW2 a1ᵀ·d2 (A read through its transpose)", () => Gemm.Multiply(a1, 256, d2, 128, gw2, 128, 256, 128, batch, false, false, transposeA: true)),
            ("d1 = d2·W2ᵀ", () => Gemm.Multiply(d2, 128, w2t, 256, d1, 256, batch, 256, 128, false, false)),
            ("dW1 a0ᵀ·d1 (skip zeros, A read through its transpose)", () => Gemm.Multiply(a0, 784, d1, 256, gw1, 256, 784, 256, batch, false, true, transposeA: true)),
            ("dW1 from an explicit copy of a0ᵀ (skip zeros), before", () => Gemm.Multiply(a0t, batch, d1, 256, gw1, 256, 784, 256, batch, false, true)),
            ("transpose a0 (128×784), before", () => Gemm.Transpose(a0, 784, batch, 784, t, batch)),
            ("transpose W2, W3", () => { Gemm.Transpose(w2, 128, 256, 128, w2t, 256); Gemm.Transpose(w3, 10, 128, 10, w3t, 128); }),
            ("O(n) passes of the earlier gradient (copy x, clear the sums, scale them), before", () => { x.AsSpan().CopyTo(g); Array.Clear(g); for (int i = 0; i < g.Length; i++) g[i] = x[i] * 0.5; }),
        };
        var times = parts.Select(_ => new List<double>()).ToArray();
        for (int r = 0; r < rounds; r++)
            for (int i = 0; i < parts.Length; i++)
            {
                for (int rep = 0; rep < 5; rep++)
                {
                    long s = Stopwatch.GetTimestamp();
                    parts[i].Run();
                    if (r > 0) times[i].Add(Stopwatch.GetElapsedTime(s).TotalMicroseconds);
                }
            }
        Console.WriteLine($"# mlp-phases: {rounds} rounds; data {NeuralInputs.Describe()}; load {NeuralRatios.Load()}\n\n| part | median µs |\n|---|---:|");
        double sum = 0;
        for (int i = 0; i < parts.Length; i++)
        {
            var s = times[i].Order().ToArray(); double med = s[s.Length / 2];
            if (i > 0 && !parts[i].Name.EndsWith("before")) sum += med;
            Console.WriteLine($"| {parts[i].Name} | {med:F0} |");
        }
        Console.WriteLine($"| sum of today's products (the rest of the gradient is element-wise work and the input gather) | {sum:F0} |");
    }
}
