using PrunAdag.Testing;

namespace PrunAdag.Notebooks.Tests;

/// <summary>
/// The checks every tutorial on MNIST shares: it runs to the end, trains on MNIST when the data folder has it, and
/// says in its output when it falls back to its synthetic stand-in. Each notebook's own claims live in its subclass.
/// </summary>
public abstract class MnistNotebookTests(NotebookFixture notebook, string mnistProblem, string syntheticProblem)
{
    protected NotebookFixture Notebook { get; } = notebook;

    [Fact]
    public void Every_cell_runs() => Notebook.AssertRanToTheEnd();

    [DataFact]
    public void The_notebook_trains_on_mnist_from_the_shared_data_folder()
    {
        // Skips (fails under CI=true) when MNIST is absent: the notebook then runs on the synthetic stand-in.
        TestData.Require(TestData.Mnist);
        Notebook.AssertItTrainedOnMnist(mnistProblem);
    }

    [SkippableFact]
    public void The_notebook_says_so_in_its_output_when_it_falls_back_to_the_synthetic_stand_in()
    {
        bool haveMnist = Notebook.AssertItSaysWhichDataItUsed(mnistProblem, syntheticProblem);
        // On the stand-in the MNIST tests of this class are skipped; this one is reported as skipped too, with the reason.
        Skip.If(!haveMnist, $"ran on the synthetic stand-in {syntheticProblem} (MNIST not found); the output says so");
    }
}
