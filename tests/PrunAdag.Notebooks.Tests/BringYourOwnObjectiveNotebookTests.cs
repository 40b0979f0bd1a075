namespace PrunAdag.Notebooks.Tests;

public sealed class BringYourOwnObjectiveNotebook() : NotebookFixture("06-bring-your-own-objective.ipynb");

[Collection("notebooks")]
public class BringYourOwnObjectiveNotebookTests(BringYourOwnObjectiveNotebook notebook) : IClassFixture<BringYourOwnObjectiveNotebook>
{
    [Fact]
    public void Every_cell_runs() => notebook.AssertRanToTheEnd();

    [Fact]
    public void The_wrong_gradient_is_flagged_in_the_V_block_only_and_the_fixed_one_passes()
    {
        notebook.AssertRanToTheEnd();
        var wrong = notebook.Run.Value<GradientCheckReport>("wrongCheck");
        var fixedCheck = notebook.Run.Value<GradientCheckReport>("fixedCheck");
        int uBlock = 30 * 6; // U is 30 × 6, stored first in x.
        Assert.False(wrong.Passed);
        Assert.All(wrong.Flagged, c => Assert.True(c.Index >= uBlock, $"component {c.Index} of the U block was flagged"));
        Assert.True(wrong.Flagged.Count >= 100, $"only {wrong.Flagged.Count} of the 120 V components were flagged");
        Assert.True(fixedCheck.Passed, fixedCheck.ToString());
        Assert.Contains("class=\"prunadag-chart\"", notebook.Run.Cells.Single(c => c.Code.TrimEnd().EndsWith("wrongCheck", StringComparison.Ordinal)).Html);
    }

    [Fact]
    public void Half_pruned_V4_factors_fit_M_ten_times_better_than_adagrads()
    {
        notebook.AssertRanToTheEnd();
        var fit = notebook.Run.Value<Dictionary<string, double>>("fitErrorAt50");
        Assert.True(fit["prunAdag-V4"] * 10 < fit["Adagrad"], $"relative fit errors at σ = 50%: V4 {fit["prunAdag-V4"]:E3}, Adagrad {fit["Adagrad"]:E3}");
    }
}
