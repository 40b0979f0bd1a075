namespace PrunAdag.Notebooks.Tests;

public sealed class PruningAClassifierNotebook() : NotebookFixture("05-pruning-a-classifier.ipynb");

[Collection("notebooks")]
public class PruningAClassifierNotebookTests(PruningAClassifierNotebook notebook) : IClassFixture<PruningAClassifierNotebook>
{
    [Fact]
    public void Every_cell_runs() => notebook.AssertRanToTheEnd();

    [Fact]
    public void The_notebook_trains_on_mnist_from_the_shared_data_folder()
    {
        notebook.AssertRanToTheEnd();
        Assert.True(notebook.Run.Value<bool>("haveMnist"),
            "The notebook did not find mnist/t10k-images-idx3-ubyte.gz: set PRUNADAG_DATA or put the shared data folder at <repo>/../shared/data "
            + $"(it fell back to the synthetic stand-in; data folder found: {notebook.Run.Value<string?>("dataFolder") ?? "none"}).");
        Assert.Equal("classification:mnist", notebook.Run.Value<PrunAdag.Problems.TestProblem>("problem").Name);
    }

    [Fact]
    public void At_90_percent_sparsity_prunAdag_keeps_its_accuracy_better_than_adagrad()
    {
        notebook.AssertRanToTheEnd();
        var accuracy = notebook.Run.Value<Dictionary<string, double>>("accuracyAt90");
        var unpruned = notebook.Run.Value<Dictionary<string, double>>("unprunedAccuracy");
        double DropOf(string m) => unpruned[m] - accuracy[m];
        foreach (var m in new[] { "prunAdag-V3", "prunAdag-V4" })
        {
            Assert.True(accuracy[m] > accuracy["Adagrad"] + 0.10, $"{m}: {accuracy[m]:P1} vs Adagrad {accuracy["Adagrad"]:P1} at σ = 90%");
            Assert.True(DropOf(m) < 0.05, $"{m} lost {DropOf(m):P1} of accuracy at σ = 90%");
        }
    }
}
