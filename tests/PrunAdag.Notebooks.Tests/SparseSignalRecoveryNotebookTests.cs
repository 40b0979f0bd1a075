using PrunAdag.Experiments;

namespace PrunAdag.Notebooks.Tests;

public sealed class SparseSignalRecoveryNotebook() : NotebookFixture("04-sparse-signal-recovery.ipynb");

[Collection("notebooks")]
public class SparseSignalRecoveryNotebookTests(SparseSignalRecoveryNotebook notebook) : IClassFixture<SparseSignalRecoveryNotebook>
{
    [Fact]
    public void Every_cell_runs() => notebook.AssertRanToTheEnd();

    [Theory]
    [InlineData("sparco:3")]
    [InlineData("sparco:5")]
    public void PrunAdag_pruned_by_30_percent_keeps_a_gradient_ten_times_smaller_than_adagrad(string problem)
    {
        notebook.AssertRanToTheEnd();
        var results = notebook.Run.Value<ExperimentResults>("results");
        double Rho(Method m) => results.Records.Single(r => r.Problem == problem && r.Method == m)
            .Profile.Points.Single(p => Math.Abs(p.TargetSparsity - 0.3) < 1e-9).Rho;
        foreach (var m in new[] { Method.V3, Method.V4 })
            Assert.True(Rho(m) * 10 < Rho(Method.Adagrad), $"{problem}: ρ({m}) = {Rho(m):E3}, ρ(Adagrad) = {Rho(Method.Adagrad):E3} at σ = 30%");
    }

    [Fact]
    public void Sparco_7_is_left_out_to_keep_the_notebook_fast()
    {
        notebook.AssertRanToTheEnd();
        Assert.Equal(new[] { "sparco:3", "sparco:5", "sparco:9", "sparco:11" }, notebook.Run.Value<ExperimentResults>("results").Plan.Problems);
    }
}
