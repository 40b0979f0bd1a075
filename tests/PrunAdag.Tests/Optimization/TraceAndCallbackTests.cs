using MathNet.Numerics.LinearAlgebra;
using PrunAdag.Tests.Reference;

namespace PrunAdag.Tests.Optimization;

/// <summary>What the trace, the callback and the progress reports expose along a run.</summary>
public class TraceAndCallbackTests
{
    [Fact]
    public void Callback_set_sizes_are_those_of_the_classification_that_produced_x_k()
    {
        var (f, x0) = Cases.Problem("ls-20x40");
        var seen = new List<(int O, int A, int D)>();
        var r = Minimizer.Create(Method.V1, new PrunAdagOptions { TargetRelevant = 5, MaxIterations = 40 })
            .Minimize(f, Vector<double>.Build.Dense(x0), s => { seen.Add((s.Optimisable, s.Acceptable, s.Decreasable)); return true; });
        Assert.Equal((0, 0, 0), seen[0]);
        for (int k = 1; k < seen.Count; k++)
            Assert.Equal((r.Trace.Optimisable![k - 1], r.Trace.Acceptable![k - 1], r.Trace.Decreasable![k - 1]), seen[k]);
        Assert.Contains(r.Trace.Acceptable!, a => a > 0);
    }

    [Fact]
    public void IterateEvery_keeps_every_m_th_iterate_and_the_last_one()
    {
        var (f, x0) = Cases.Problem("ls-10x12");
        var all = Minimizer.Create(Method.V3, new PrunAdagOptions { TargetRelevant = 3, MaxIterations = 7, IterateEvery = 1 }).Minimize(f, Vector<double>.Build.Dense(x0));
        var (g, _) = Cases.Problem("ls-10x12");
        var some = Minimizer.Create(Method.V3, new PrunAdagOptions { TargetRelevant = 3, MaxIterations = 7, IterateEvery = 3 }).Minimize(g, Vector<double>.Build.Dense(x0));
        Assert.Equal([0, 3, 6, 7], some.Trace.Iterates.Select(s => s.Iteration).ToArray());
        foreach (var s in some.Trace.Iterates) Assert.Equal(all.Trace.Iterates[s.Iteration].X, s.X);
        Assert.Equal(all.Solution, all.Trace.Iterates[^1].X);
        var (h, _) = Cases.Problem("ls-10x12");
        Assert.Empty(Minimizer.Create(Method.V3, new PrunAdagOptions { TargetRelevant = 3, MaxIterations = 7 }).Minimize(h, Vector<double>.Build.Dense(x0)).Trace.Iterates);
    }

    private sealed class Collect : IProgress<IterationProgress>
    {
        public List<IterationProgress> Reports { get; } = [];
        public void Report(IterationProgress value) => Reports.Add(value);
    }

    [Fact]
    public void Progress_ends_with_one_final_report_of_the_last_iterate()
    {
        var (f, x0) = Cases.Problem("ls-10x12");
        var progress = new Collect();
        var r = Minimizer.Create(Method.V3, new PrunAdagOptions { TargetRelevant = 3, MaxIterations = 25, ProgressInterval = TimeSpan.Zero })
            .Minimize(f, Vector<double>.Build.Dense(x0), progress: progress);
        var last = progress.Reports[^1];
        Assert.True(last.IsFinal);
        Assert.Single(progress.Reports, p => p.IsFinal);
        Assert.Equal(25, last.Iteration);
        Assert.Equal(r.FinalGradientNorm, last.GradientNorm);
        Assert.Null(last.EstimatedRemaining);
        // With a zero interval every iterate 0..24 is reported before the final one.
        Assert.Equal(Enumerable.Range(0, 25), progress.Reports.Where(p => !p.IsFinal).Select(p => p.Iteration));
    }

    [Fact]
    public void Result_metadata_names_the_method_T_and_the_objective()
    {
        var (f, x0) = Cases.Problem("ls-10x12");
        var r = Minimizer.Create(Method.V4, new PrunAdagOptions { TargetRelevant = 3, MaxIterations = 2 }).Minimize(f, Vector<double>.Build.Dense(x0));
        Assert.Equal(Method.V4, r.Method);
        Assert.Equal(3, r.TargetRelevant);
        Assert.Equal(12, r.Dimension);
        Assert.Equal(f.Name, r.ObjectiveName);
        Assert.Equal(f.Value(r.Solution), r.FinalValue);
    }

    [Theory]
    [InlineData(1, 1)] [InlineData(9, 1)] [InlineData(10, 1)] [InlineData(25, 2)] [InlineData(1000, 100)]
    public void Default_T_is_max_1_floor_n_over_10(int n, int t)
    {
        var f = Objective.Create(n, (x, g) => x.CopyTo(g));
        int T(Method m) => Minimizer.Create(m, m.DefaultOptions with { MaxIterations = 0 }).Minimize(f, Vector<double>.Build.Dense(n, 1.0)).TargetRelevant;
        Assert.Equal(t, T(Method.V3));
        Assert.Equal(t, T(Method.RelevantOnly));
        Assert.Equal(t, T(Method.FW1));
        Assert.Equal(n, T(Method.Adagrad));
    }

    [Theory]
    [InlineData(Variant.V1)] [InlineData(Variant.V2)] [InlineData(Variant.V4)]
    public void Minimizer_Create_passes_the_relevant_only_base_variant(Variant baseVariant)
    {
        var (fRef, x0) = Cases.Problem("ls-20x40");
        var reference = new ReferencePrunAdag(ReferencePrunAdag.Kind.RelevantOnly, 4, 0.01, 1.0, baseVariant).Run(fRef, x0, 30);
        var (fLib, _) = Cases.Problem("ls-20x40");
        var r = Minimizer.Create(Method.RelevantOnly, new RelevantOnlyOptions { TargetRelevant = 4, BaseVariant = baseVariant, MaxIterations = 30 })
            .Minimize(fLib, Vector<double>.Build.Dense(x0));
        Cases.AssertBitwise(reference.FinalX, r.Solution.ToArray(), "x_30");
    }

    [Fact]
    public void Minimizer_Create_takes_only_the_methods_own_options_type()
    {
        var ex = Assert.Throws<ArgumentException>(() => Minimizer.Create(Method.FW1, new PrunAdagOptions()));
        Assert.Equal("options", ex.ParamName);
        Assert.Contains("fw1 takes FrankWolfeOptions; got PrunAdagOptions", ex.Message);
        Assert.Throws<ArgumentException>(() => Minimizer.Create(Method.RelevantOnly, new PrunAdagOptions()));
        Assert.Throws<ArgumentException>(() => Minimizer.Create(Method.Adagrad, new PrunAdagOptions()));
        var m = Minimizer.Create(Method.FW2);
        Assert.Same(Method.FW2.DefaultOptions, m.Options);
    }
}
