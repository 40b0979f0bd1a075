using System.Security.Cryptography;
using PrunAdag.Neural;

namespace PrunAdag.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release --project benchmarks/PrunAdag.Benchmarks -- gemm-check</c>: which matrix-product
/// providers load here, and whether their results are bitwise the documented order (sequential k-sum, separate
/// multiply and add). Prints a SHA-256 of each product's bits for the first layer's product at batch 128: run it
/// again with <c>DOTNET_EnableAVX512=0</c>, <c>DOTNET_EnableAVX2=0</c>, <c>DOTNET_EnableHWIntrinsic=0</c> or
/// <c>OPENBLAS_CORETYPE=Haswell</c> (OpenBLAS's kernel for another CPU) to see which hashes change across machines.
/// </summary>
internal static class GemmCheck
{
    public static void Run()
    {
        const int m = 128, k = 784, n = 256;
        var a = NeuralInputs.PixelBatch(m);
        var rng = new Random(1);
        var b = Enumerable.Range(0, k * n).Select(_ => Data.Gaussian(rng) * 0.05).ToArray();
        Console.WriteLine($"# gemm-check: C = A·B, {m}×{k} MNIST pixels ({NeuralInputs.Describe()}) times {k}×{n} N(0, 0.05²)");

        var plain = new double[m * n];
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++)
            {
                double s = 0;
                for (int p = 0; p < k; p++) { double t = a[i * k + p] * b[p * n + j]; s += t; }
                plain[i * n + j] = s;
            }
        Report("plain scalar loop (the documented order)", plain, plain);

        var c = new double[m * n];
        Gemm.Multiply(a, k, b, n, c, n, m, n, k, false, false);
        Report("core Gemm", c, plain);
        Gemm.Multiply(a, k, b, n, c, n, m, n, k, false, true);
        Report("core Gemm, zero skipping", c, plain);

        MathNet.Numerics.Control.UseManaged();
        var ma = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.Dense(n, k, (double[])b.Clone()); // column-major Bᵀ
        var mb = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.Dense(k, m, (double[])a.Clone()); // column-major Aᵀ
        var mc = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.Dense(n, m);
        foreach (int threads in new[] { 1, Environment.ProcessorCount })
        {
            MathNet.Numerics.Control.MaxDegreeOfParallelism = threads;
            ma.Multiply(mb, mc);
            Report($"MathNet managed provider, {threads} thread(s)", mc.AsColumnMajorArray() ?? mc.ToColumnMajorArray(), plain);
        }

        try
        {
            bool loaded = MathNet.Numerics.Control.TryUseNativeOpenBLAS();
            Console.WriteLine($"MathNet.Numerics.Providers.OpenBLAS 5.0.0: TryUseNativeOpenBLAS() = {loaded}");
            if (!loaded)
            {
                try { MathNet.Numerics.Control.UseNativeOpenBLAS(); }
                catch (Exception ex) { Console.WriteLine($"  UseNativeOpenBLAS(): {ex.GetType().Name}: {ex.Message.Split('\n')[0]}"); }
            }
        }
        finally { MathNet.Numerics.Control.UseManaged(); }

        try
        {
            Console.WriteLine($"Debian OpenBLAS (libopenblas.so.0) loads; kernel for core '{OpenBlas.Core}'");
            foreach (int threads in new[] { 1, 2 })
            {
                OpenBlas.SetThreads(threads);
                OpenBlas.Multiply(a, b, c, m, n, k);
                Report($"OpenBLAS cblas_dgemm, {threads} thread(s)", c, plain);
            }
        }
        catch (DllNotFoundException ex) { Console.WriteLine($"Debian OpenBLAS does not load ({ex.Message.Split('\n')[0]}); apt-get install libopenblas0."); }
    }

    private static void Report(string what, double[] c, double[] plain)
    {
        int differ = 0;
        double worst = 0;
        for (int i = 0; i < c.Length; i++)
        {
            if (BitConverter.DoubleToInt64Bits(c[i]) != BitConverter.DoubleToInt64Bits(plain[i])) differ++;
            worst = Math.Max(worst, Math.Abs(c[i] - plain[i]) / Math.Max(1e-300, Math.Abs(plain[i])));
        }
        var bytes = new byte[c.Length * 8];
        Buffer.BlockCopy(c, 0, bytes, 0, bytes.Length);
        string hash = Convert.ToHexString(SHA256.HashData(bytes))[..16];
        Console.WriteLine($"{what,-48} sha256 {hash}  entries differing from the plain loop: {differ,6} of {c.Length} (largest relative difference {worst:G3})");
    }
}
