using PrunAdag.Experiments;

namespace PrunAdag.Notebooks.Tests;

public sealed class RandomLeastSquaresNotebook() : NotebookFixture("03-random-least-squares.ipynb");

[Collection("notebooks")]
public class RandomLeastSquaresNotebookTests(RandomLeastSquaresNotebook notebook) : IClassFixture<RandomLeastSquaresNotebook>
{
    [Fact]
    public void Every_cell_runs() => notebook.AssertRanToTheEnd();

    [Fact]
    public void The_table_covers_A1_to_A6_and_the_seven_methods()
    {
        notebook.AssertRanToTheEnd();
        var results = notebook.Run.Value<ExperimentResults>("results");
        Assert.True(results.Completed);
        Assert.Equal(6 * 2 * 7, results.Records.Count);
        string markdown = notebook.Run.Cells.Single(c => c.Code.Contains("ExperimentTables.ToMarkdown", StringComparison.Ordinal)).Markdown;
        foreach (var cls in new[] { "A1", "A2", "A3", "A4", "A5", "A6" }) Assert.Contains($"## random-ls:{cls}", markdown);
        foreach (var m in new[] { "prunAdag-V1", "prunAdag-V4", "Adagrad", "FW2" }) Assert.Contains($"| {m} |", markdown);
    }

    [Fact]
    public void On_most_classes_V3_pruned_by_30_percent_keeps_a_gradient_a_hundred_times_smaller_than_adagrad()
    {
        notebook.AssertRanToTheEnd();
        var results = notebook.Run.Value<ExperimentResults>("results");
        double MeanRho(string problem, Method m) => results.Records.Where(r => r.Problem == problem && r.Method == m)
            .Average(r => r.Profile.Points.Single(p => Math.Abs(p.TargetSparsity - 0.3) < 1e-9).Rho);
        var wins = results.Plan.Problems.Where(p => MeanRho(p, Method.V3) * 100 < MeanRho(p, Method.Adagrad)).ToArray();
        Assert.True(wins.Length >= 4, $"V3 beat Adagrad by 100× at σ = 30% only on {string.Join(", ", wins)}");
    }

    [Fact]
    public void The_magic_command_cell_shows_the_four_methods()
    {
        notebook.AssertRanToTheEnd();
        string html = notebook.Run.Cells.Single(c => c.Code.StartsWith("#!prunadag compare", StringComparison.Ordinal)).Html;
        foreach (var m in new[] { "prunAdag-V3", "prunAdag-V4", "Adagrad", "FW1" }) Assert.Contains($"<td>{m}</td>", html);
    }
}
