namespace PrunAdag.Notebooks.Tests;

public sealed class GettingStartedNotebook() : NotebookFixture("01-getting-started.ipynb");

[Collection("notebooks")]
public class GettingStartedNotebookTests(GettingStartedNotebook notebook) : IClassFixture<GettingStartedNotebook>
{
    [Fact]
    public void Every_cell_runs() => notebook.AssertRanToTheEnd();

    [Fact]
    public void Pruning_30_percent_of_the_V3_solution_leaves_a_gradient_far_below_adagrads()
    {
        notebook.AssertRanToTheEnd();
        double v3 = notebook.Run.Value<double>("rhoV3At30"), adagrad = notebook.Run.Value<double>("rhoAdagradAt30");
        Assert.True(v3 < adagrad / 100, $"ρ(V3) = {v3:E3} is not 100 times below ρ(Adagrad) = {adagrad:E3} at σ = 30%");
    }
}
