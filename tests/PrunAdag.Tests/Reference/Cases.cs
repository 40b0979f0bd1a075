namespace PrunAdag.Tests.Reference;

/// <summary>Shared helpers: the random problem grid and bitwise comparisons.</summary>
public static class Cases
{
    public const int Iterations = 80;

    /// <summary>The problems of the grid: name → (objective factory, x0). A new objective per call (objectives keep scratch).</summary>
    public static (Objective F, double[] X0) Problem(string name) => name switch
    {
        "ls-8x1" => (Fixtures.RandomLeastSquares(8, 1, 11), [0.7]),
        "ls-6x5" => (Fixtures.RandomLeastSquares(6, 5, 12), Fixtures.RandomStart(5, 12)),
        "ls-10x12" => (Fixtures.RandomLeastSquares(10, 12, 13), Fixtures.RandomStart(12, 13)),
        "ls-20x40" => (Fixtures.RandomLeastSquares(20, 40, 14), Fixtures.RandomStart(40, 14)),
        "tied-12" => Fixtures.TiedSeparable(6, 15),
        _ => throw new ArgumentException(name),
    };

    public static readonly string[] ProblemNames = ["ls-8x1", "ls-6x5", "ls-10x12", "ls-20x40", "tied-12"];

    /// <summary>(kind, base variant) pairs: V1..V4 and relevant-only on each base V1..V4.</summary>
    public static IEnumerable<(ReferencePrunAdag.Kind Kind, Variant Base)> Configurations()
    {
        yield return (ReferencePrunAdag.Kind.V1, Variant.V1);
        yield return (ReferencePrunAdag.Kind.V2, Variant.V2);
        yield return (ReferencePrunAdag.Kind.V3, Variant.V3);
        yield return (ReferencePrunAdag.Kind.V4, Variant.V4);
        foreach (var v in new[] { Variant.V1, Variant.V2, Variant.V3, Variant.V4 })
            yield return (ReferencePrunAdag.Kind.RelevantOnly, v);
    }

    /// <summary>Problem × T ∈ {1, ⌊n/3⌋ rounded up to odd, n} × configuration × η (η = 0.7 and 1.6 on one problem besides the paper's 1).</summary>
    public static IEnumerable<object[]> Grid()
    {
        foreach (var p in ProblemNames)
        {
            int n = Problem(p).X0.Length;
            foreach (int t in new[] { 1, Math.Max(1, n / 3) | 1, n }.Distinct()) // odd middle T so the twins of tied-12 straddle the cut
                foreach (var (kind, bv) in Configurations())
                {
                    yield return [p, t, kind, bv, 1.0];
                    if (p == "ls-10x12") { yield return [p, t, kind, bv, 0.7]; yield return [p, t, kind, bv, 1.6]; }
                }
        }
    }

    /// <summary>The library's minimizer for a reference configuration (relevant-only takes its base variant; V1–V4 are their own method).</summary>
    public static Minimizer Minimizer(int t, ReferencePrunAdag.Kind kind, Variant bv, double eta, int maxIterations = Iterations)
    {
        var common = new PrunAdagOptions { TargetRelevant = t, StepScale = eta, MaxIterations = maxIterations, IterateEvery = 1 };
        return kind == ReferencePrunAdag.Kind.RelevantOnly
            ? PrunAdag.Minimizer.Create(Method.RelevantOnly, new RelevantOnlyOptions { TargetRelevant = t, StepScale = eta, MaxIterations = maxIterations, IterateEvery = 1, BaseVariant = bv })
            : PrunAdag.Minimizer.Create(Method.Parse(bv.ToString()), common);
    }

    public static void AssertBitwise(double expected, double actual, string what)
    {
        if (BitConverter.DoubleToInt64Bits(expected) != BitConverter.DoubleToInt64Bits(actual))
            Assert.Fail($"{what}: expected {expected:R}, got {actual:R} (not bitwise equal).");
    }

    public static void AssertBitwise(IReadOnlyList<double> expected, IReadOnlyList<double> actual, string what)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (int i = 0; i < expected.Count; i++) AssertBitwise(expected[i], actual[i], $"{what}[{i}]");
    }
}
