using PrunAdag.Testing;
using PrunAdag.Neural;

namespace PrunAdag.Notebooks.Tests;

public sealed class PruningANeuralNetworkNotebook() : NotebookFixture("07-pruning-a-neural-network.ipynb");

[Collection("notebooks")]
public class PruningANeuralNetworkNotebookTests(PruningANeuralNetworkNotebook notebook)
    : MnistNotebookTests(notebook, "neural:mnist-mlp", "neural:mnist-mlp-synthetic"), IClassFixture<PruningANeuralNetworkNotebook>
{
    [Fact]
    public void Both_runs_start_from_the_same_weights_and_report_every_epoch_live()
    {
        Notebook.AssertRanToTheEnd();
        var runs = Notebook.Run.Value<MinimizationResult[]>("runs");
        Assert.Equal(["prunAdag-V3", "Adam"], runs.Select(r => r.Method.DisplayName));
        Assert.All(runs, r => Assert.Equal([0.0, 1, 2, 3, 4, 5], r.Trace.Evaluations!.Epochs));
        Assert.Equal(runs[0].Trace.Evaluations!["test accuracy"][0], runs[1].Trace.Evaluations!["test accuracy"][0]); // the same x0
        Assert.All(runs, r => Assert.InRange(r.Trace.Evaluations!.Last("test accuracy"), 0.85, 1.0));
        var train = Notebook.Run.Cells.Single(c => c.Code.Contains("Select(Train)", StringComparison.Ordinal));
        Assert.Contains("epoch 5", train.Plain + train.Html);
    }

    [DataFact]
    public void Half_of_the_weights_cost_little_and_at_90_percent_adam_keeps_more_here()
    {
        // A claim about MNIST; the synthetic stand-in is separable enough that both keep 100 % at σ = 90 %.
        TestData.Require(TestData.Mnist);
        Notebook.AssertRanToTheEnd();
        var accuracy = Notebook.Run.Value<Dictionary<string, double[]>>("accuracy"); // σ = 0, 50, 70, 80, 90, 95, 98 %
        foreach (var (method, a) in accuracy)
            Assert.True(a[0] - a[1] < 0.02, $"{method} lost {a[0] - a[1]:P1} with half of the weights pruned");
        Assert.True(accuracy["Adam"][4] > accuracy["prunAdag-V3"][4],
            $"at σ = 90 %: Adam {accuracy["Adam"][4]:P1}, prunAdag-V3 {accuracy["prunAdag-V3"][4]:P1}");
    }

    [Fact]
    public void Global_magnitude_pruning_takes_most_from_the_first_layer_and_never_touches_the_biases()
    {
        Notebook.AssertRanToTheEnd();
        var at90 = Notebook.Run.Value<Dictionary<string, LayoutSparsity>>("at90");
        foreach (var (method, s) in at90)
        {
            Assert.Equal(0.9, s.Prunable, 3);
            Assert.True(s["W1"].Sparsity > s["W2"].Sparsity, $"{method}: W1 {s["W1"].Sparsity:P1}, W2 {s["W2"].Sparsity:P1}");
            Assert.All(s.Blocks.Where(b => !b.Prunable), b => Assert.Equal(0, b.Zeros));
        }
    }
}
