namespace PrunAdag.Notebooks.Tests;

public sealed class OptimisableVsDecreasableNotebook() : NotebookFixture("02-optimisable-vs-decreasable.ipynb");

[Collection("notebooks")]
public class OptimisableVsDecreasableNotebookTests(OptimisableVsDecreasableNotebook notebook) : IClassFixture<OptimisableVsDecreasableNotebook>
{
    [Fact]
    public void Every_cell_runs() => notebook.AssertRanToTheEnd();

    [Fact]
    public void The_optimisable_set_always_holds_the_T_relevant_components_and_relevant_only_accepts_none()
    {
        notebook.AssertRanToTheEnd();
        var runs = notebook.Run.Value<MinimizationResult[]>("runs");
        Assert.Equal(new[] { Method.V1, Method.V2, Method.V3, Method.V4, Method.RelevantOnly }, runs.Select(r => r.Method));
        foreach (var run in runs)
        {
            // O_k = R_k ∪ A_k with |R_k| = T, and every component is either optimisable or decreasable.
            Assert.All(run.Trace.Optimisable!, o => Assert.True(o >= run.TargetRelevant, $"{run.Method}: |O_k| = {o} < T = {run.TargetRelevant}"));
            Assert.All(run.Trace.Optimisable!.Zip(run.Trace.Decreasable!), p => Assert.Equal(run.Dimension, p.First + p.Second));
        }
        Assert.All(runs[^1].Trace.Acceptable!, a => Assert.Equal(0, a));
        Assert.All(runs[^1].Trace.Optimisable!, o => Assert.Equal(runs[^1].TargetRelevant, o));
    }

    [Fact]
    public void A_larger_T_leaves_fewer_components_below_delta_as_the_text_says()
    {
        notebook.AssertRanToTheEnd();
        var runsT = notebook.Run.Value<MinimizationResult[]>("runsT");
        Assert.Equal(new[] { 50, 100, 200 }, runsT.Select(r => r.TargetRelevant));
        var below = runsT.Select(r => r.Trace.BelowDelta[^1]).ToArray();
        Assert.True(below[0] > below[1] && below[1] > below[2], $"final fractions below δ: {string.Join(", ", below)}");
    }
}
