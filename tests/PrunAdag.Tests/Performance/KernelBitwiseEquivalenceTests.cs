namespace PrunAdag.Tests.Performance;

/// <summary>
/// The vectorised kernels produce bitwise the iterates, weights and set sizes of the frozen
/// straightforward kernels (<see cref="StraightforwardKernels"/>), over several iterations.
/// </summary>
public class KernelBitwiseEquivalenceTests
{
    public static TheoryData<string> Methods() => new()
    {
        "V1", "V2", "V3", "V4", "RelevantOnly-V1", "RelevantOnly-V2", "RelevantOnly-V3", "RelevantOnly-V4", "Adagrad", "FW1", "FW2",
    };

    private static readonly int[] Sizes = [1, 2, 3, 4, 5, 8, 17, 64, 1001];

    [Theory]
    [MemberData(nameof(Methods))]
    public void Random_gradients_give_bitwise_the_straightforward_iterates(string method)
    {
        foreach (int n in Sizes)
            for (int kind = 0; kind <= 4; kind++)
                foreach (int t in new[] { 1, n, Math.Max(1, n / 10), Math.Max(1, (n + 1) / 2) }.Distinct())
                {
                    var rng = new Random(n * 1000 + kind * 10 + t);
                    var x0 = BitwiseInputs.Vector(rng, n, kind);
                    var (fast, slow) = Create(method, n, t);
                    var xf = (double[])x0.Clone(); var xs = (double[])x0.Clone();
                    for (int k = 0; k < 6; k++)
                    {
                        // Alternate the input mixes so ties, zeros and sign patterns change between steps.
                        var g = BitwiseInputs.Vector(rng, n, (kind + k) % 5);
                        StepBoth(fast, slow, k, xf, xs, g, $"{method} n={n} kind={kind} T={t} k={k}");
                    }
                }
    }

    // Sums of squares that overflow (10¹⁶⁰) or lose terms to underflow (10⁻¹⁷⁰) take the scaled norms of C5.
    [Theory]
    [MemberData(nameof(Methods))]
    public void Huge_and_tiny_scales_give_bitwise_the_straightforward_iterates(string method)
    {
        foreach (double scale in new[] { 1e160, 1e-170, 1e300 })
            foreach (int n in new[] { 3, 17, 64 })
                foreach (int t in new[] { 1, Math.Max(1, n / 10), n })
                {
                    var rng = new Random(n * 31 + t);
                    var x0 = BitwiseInputs.Vector(rng, n, 4).Select(v => v * scale).ToArray();
                    var (fast, slow) = Create(method, n, t);
                    var xf = (double[])x0.Clone(); var xs = (double[])x0.Clone();
                    for (int k = 0; k < 4; k++)
                    {
                        var g = BitwiseInputs.Vector(rng, n, k % 2 == 0 ? 0 : 4).Select(v => v * scale).ToArray();
                        StepBoth(fast, slow, k, xf, xs, g, $"{method} scale={scale} n={n} T={t} k={k}");
                        Assert.True(xf.All(double.IsFinite), $"{method} scale={scale} n={n} T={t} k={k}: a non-finite iterate");
                    }
                }
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public void Least_squares_runs_give_bitwise_the_straightforward_iterates(string method)
    {
        foreach (int n in new[] { 7, 64, 203 })
        {
            var rng = new Random(n);
            int m = n / 2 + 1;
            var a = new double[m, n];
            for (int i = 0; i < m; i++) for (int j = 0; j < n; j++) a[i, j] = BitwiseInputs.Gaussian(rng);
            var b = Enumerable.Range(0, m).Select(_ => BitwiseInputs.Gaussian(rng)).ToArray();
            int t = Math.Max(1, n / 10);
            var (fast, slow) = Create(method, n, t);
            var xf = new double[n]; var xs = new double[n];
            for (int k = 0; k < 60; k++)
            {
                var g = LeastSquaresGradient(a, b, xf);
                StepBoth(fast, slow, k, xf, xs, g, $"{method} n={n} k={k}");
            }
        }
    }

    internal static void StepBoth(StepKernel fast, StepKernel slow, int k, double[] xf, double[] xs, double[] g, string where)
    {
        const double Delta = 1e-3;
        var cf = fast.Step(k, xf, g, Delta);
        var cs = slow.Step(k, xs, g, Delta);
        BitwiseInputs.AssertBitwiseEqual(xs, xf, $"x ({where})");
        Assert.True(cs.Optimisable == cf.Optimisable && cs.Acceptable == cf.Acceptable && cs.Decreasable == cf.Decreasable && cs.BelowDelta == cf.BelowDelta,
            $"counts differ ({where}): O {cs.Optimisable}/{cf.Optimisable} A {cs.Acceptable}/{cf.Acceptable} D {cs.Decreasable}/{cf.Decreasable} below {cs.BelowDelta}/{cf.BelowDelta}");
        switch (fast, slow)
        {
            case (PrunAdagKernel p, StraightforwardPrunAdagKernel q):
                BitwiseInputs.AssertBitwiseEqual(q.WO, p.OptimisationWeights, $"wO ({where})");
                BitwiseInputs.AssertBitwiseEqual(q.WD, p.DecreaseWeights, $"wD ({where})");
                break;
            case (AdagradKernel p, StraightforwardAdagradKernel q):
                BitwiseInputs.AssertBitwiseEqual(q.W, p.Weights, $"w ({where})");
                break;
        }
    }

    internal static (StepKernel Fast, StepKernel Slow) Create(string method, int n, int t)
    {
        switch (method)
        {
            case "Adagrad":
                return (new AdagradKernel(n, 0.01, 1.0), new StraightforwardAdagradKernel(n, 0.01, 1.0));
            case "FW1" or "FW2":
                bool fw1 = method == "FW1";
                double tau = fw1 ? 50.0 : 100.0;
                return (new FrankWolfeKernel(n, t, fw1 ? FrankWolfeRule.FW1 : FrankWolfeRule.FW2, tau, 0.001), new StraightforwardFrankWolfeKernel(n, t, fw1, tau, 0.001));
            default:
                bool only = method.StartsWith("RelevantOnly-", StringComparison.Ordinal);
                var variant = Enum.Parse<Variant>(only ? method["RelevantOnly-".Length..] : method);
                return (new PrunAdagKernel(n, t, variant, only, 0.01, 1.0), new StraightforwardPrunAdagKernel(n, t, variant, only));
        }
    }

    private static double[] LeastSquaresGradient(double[,] a, double[] b, double[] x)
    {
        int m = b.Length, n = x.Length;
        var r = new double[m];
        for (int i = 0; i < m; i++) { double s = -b[i]; for (int j = 0; j < n; j++) s += a[i, j] * x[j]; r[i] = s; }
        var g = new double[n];
        for (int i = 0; i < m; i++) for (int j = 0; j < n; j++) g[j] += a[i, j] * r[i];
        return g;
    }
}
