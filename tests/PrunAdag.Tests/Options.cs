namespace PrunAdag.Tests;

/// <summary>Options of any method with the settings the tests share (T, and τ for Frank–Wolfe), through the method registry.</summary>
internal static class Options
{
    public static MinimizerOptions For(Method method, int? t = null, double? tau = null)
    {
        var o = method.DefaultOptions.WithTargetRelevant(t);
        return tau is not null && o is FrankWolfeOptions fw ? fw with { Tau = tau } : o;
    }
}

/// <summary>prunAdag by variant, as the tests' hand-worked cases name it.</summary>
internal static class PrunAdagFor
{
    /// <summary>V1–V4 (<paramref name="relevantOnly"/> false) or relevant-only with <paramref name="variant"/> as its base variant.</summary>
    public static Minimizer Variant(Variant variant, PrunAdagOptions o, bool relevantOnly = false) => relevantOnly
        ? Minimizer.Create(Method.RelevantOnly, new RelevantOnlyOptions
        {
            BaseVariant = variant, TargetRelevant = o.TargetRelevant, Sigma0 = o.Sigma0, StepScale = o.StepScale,
            MaxIterations = o.MaxIterations, GradientTolerance = o.GradientTolerance, Delta = o.Delta,
            RecordObjective = o.RecordObjective, IterateEvery = o.IterateEvery, TimeLimit = o.TimeLimit, ProgressInterval = o.ProgressInterval,
        })
        : Minimizer.Create(Method.Parse(variant.ToString()), o);
}
