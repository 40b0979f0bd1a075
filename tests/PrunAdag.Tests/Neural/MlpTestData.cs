using PrunAdag.Neural;

namespace PrunAdag.Tests.Neural;

/// <summary>Small random classification sets and a deliberately plain MLP that shares no code with the library.</summary>
internal static class MlpTestData
{
    /// <summary>Features in [0, 1) with about <paramref name="zeroFraction"/> exact zeros (like pixels), uniform labels.</summary>
    public static LabelledData Random(int samples, int features, int classes, int seed, double zeroFraction = 0.3)
    {
        var rng = new Random(seed);
        var f = new double[samples * features];
        for (int i = 0; i < f.Length; i++) f[i] = rng.NextDouble() < zeroFraction ? 0 : rng.NextDouble();
        var y = new int[samples];
        for (int i = 0; i < samples; i++) y[i] = rng.Next(classes);
        return new LabelledData(f, features, y, classes);
    }

    /// <summary>
    /// The loss and gradient written out sample by sample with nested loops (the documented order of the
    /// class remarks: sums over the inner index in increasing order, biases added after the sum, the samples'
    /// contributions added in batch order, then one multiplication by 1/|S| and + λW).
    /// </summary>
    public static (double Loss, double[] Gradient) LossAndGradient(double[] x, int[] sizes, LabelledData data, int[] samples, double l2)
    {
        int layers = sizes.Length - 1;
        var wOff = new int[layers + 1]; var bOff = new int[layers + 1];
        int at = 0;
        for (int l = 1; l <= layers; l++) { wOff[l] = at; at += sizes[l - 1] * sizes[l]; } // weights first, then the biases
        for (int l = 1; l <= layers; l++) { bOff[l] = at; at += sizes[l]; }
        var grad = new double[x.Length];
        double lossSum = 0;
        foreach (int sample in samples)
        {
            // Forward: a[0] = features; z[l][j] = (Σ_i a[l−1][i]·W_l[i,j]) + b_l[j]; hidden a = max(z, 0).
            var a = new double[layers + 1][];
            a[0] = data.Features(sample).ToArray();
            for (int l = 1; l <= layers; l++)
            {
                a[l] = new double[sizes[l]];
                for (int j = 0; j < sizes[l]; j++)
                {
                    double s = 0;
                    for (int i = 0; i < sizes[l - 1]; i++) s += a[l - 1][i] * x[wOff[l] + i * sizes[l] + j];
                    double z = s + x[bOff[l] + j];
                    a[l][j] = l < layers ? (z > 0 ? z : 0.0) : z;
                }
            }
            // Softmax cross-entropy.
            var logits = a[layers];
            int y = data.Label(sample);
            double max = logits.Max(), sum = 0;
            var e = new double[logits.Length];
            for (int c = 0; c < logits.Length; c++) { e[c] = Math.Exp(logits[c] - max); sum += e[c]; }
            lossSum += (max + Math.Log(sum)) - logits[y];
            var delta = new double[logits.Length];
            for (int c = 0; c < logits.Length; c++) delta[c] = e[c] / sum - (c == y ? 1.0 : 0.0);
            // Backward.
            for (int l = layers; l >= 1; l--)
            {
                for (int i = 0; i < sizes[l - 1]; i++)
                    for (int j = 0; j < sizes[l]; j++) grad[wOff[l] + i * sizes[l] + j] += a[l - 1][i] * delta[j];
                for (int j = 0; j < sizes[l]; j++) grad[bOff[l] + j] += delta[j];
                if (l == 1) break;
                var prev = new double[sizes[l - 1]];
                for (int i = 0; i < sizes[l - 1]; i++)
                {
                    double s = 0;
                    for (int j = 0; j < sizes[l]; j++) s += delta[j] * x[wOff[l] + i * sizes[l] + j];
                    prev[i] = a[l - 1][i] > 0 ? s : 0.0;
                }
                delta = prev;
            }
        }
        double inv = 1.0 / samples.Length;
        for (int i = 0; i < grad.Length; i++) grad[i] *= inv;
        double loss = lossSum * inv, squares = 0;
        if (l2 > 0)
            for (int l = 1; l <= layers; l++)
                for (int i = 0; i < sizes[l - 1] * sizes[l]; i++)
                {
                    double w = x[wOff[l] + i];
                    grad[wOff[l] + i] += l2 * w;
                    squares += w * w;
                }
        return (loss + (l2 > 0 ? 0.5 * l2 * squares : 0), grad);
    }
}
