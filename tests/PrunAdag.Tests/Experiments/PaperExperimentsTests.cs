using PrunAdag.Experiments;

namespace PrunAdag.Tests.Experiments;

public class PaperExperimentsTests
{
    [Fact]
    public void Least_squares_plan_has_the_six_classes_seven_methods_and_the_papers_frank_wolfe_settings()
    {
        var p = PaperExperiments.Plan("least-squares", seeds: 3).Plan;
        Assert.Equal(["random-ls:A1", "random-ls:A2", "random-ls:A3", "random-ls:A4", "random-ls:A5", "random-ls:A6"], p.Problems);
        Assert.Equal(7, p.Methods.Count);
        Assert.Equal([1, 2, 3], p.Seeds);
        Assert.Equal(10_000, p.MaxIterations);
        var instance = ExperimentRunnerTests.SmallProblem("x", 1);
        var fw1 = Assert.IsType<FrankWolfeOptions>(p.Options!(Method.FW1, instance));
        var fw2 = Assert.IsType<FrankWolfeOptions>(p.Options!(Method.FW2, instance));
        Assert.Equal(50, fw1.Tau);   // docs/algorithm.md, B2: random least squares τ1 = 50
        Assert.Equal(100, fw2.Tau);  // τ2 = 100
        Assert.Equal(0.001, fw2.Beta);
        Assert.Equal(instance.TargetRelevant, fw1.TargetRelevant);
        Assert.Equal(instance.TargetRelevant, Assert.IsType<PrunAdagOptions>(p.Options!(Method.V3, instance)).TargetRelevant);
        Assert.All(p.Methods, m => Assert.Equal(10_000, p.Options!(m, instance).MaxIterations));
    }

    [Fact]
    public void Classification_uses_2000_iterations_the_table_4_sigmas_and_beta_one_half()
    {
        var p = PaperExperiments.Plan("classification", seeds: 1).Plan;
        Assert.Equal(2_000, p.MaxIterations);
        Assert.Equal([0.65, 0.70, 0.75, 0.80, 0.85, 0.90, 0.95], p.Sigmas);
        var fw2 = Assert.IsType<FrankWolfeOptions>(p.Options!(Method.FW2, ExperimentRunnerTests.SmallProblem("x", 1)));
        Assert.Equal(0.5, fw2.Beta);
    }

    [Fact]
    public void Missing_data_is_replaced_by_the_labelled_synthetic_stand_in_with_a_note()
    {
        var empty = Directory.CreateTempSubdirectory().FullName;
        var plan = PaperExperiments.Plan("classification", seeds: 1, dataDirectory: empty);
        Assert.Equal(["classification:synthetic"], plan.Plan.Problems);
        Assert.Equal(3, plan.Notes.Count);
        Assert.All(plan.Notes, n => Assert.Contains("synthetic", n));
    }

    [Fact]
    public void A_problem_missing_any_one_of_its_files_runs_its_stand_in_and_the_note_names_that_file()
    {
        // The planners only look for the files; their contents are never read here.
        var data = Directory.CreateTempSubdirectory().FullName;
        void Put(string relative) { Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(data, relative))!); File.WriteAllBytes(Path.Combine(data, relative), [0]); }
        Put("mnist/t10k-images-idx3-ubyte.gz");   // no labels
        Put("a9a/a9a.gz");                        // no a9a.t.gz
        Put("reged0/reged0_train.data.gz");       // no targets
        var paper = PaperExperiments.Plan("classification", seeds: 1, dataDirectory: data);
        Assert.Equal(["classification:synthetic", "classification:a9a"], paper.Plan.Problems); // a9a reads a9a.gz alone
        Assert.Equal(2, paper.Notes.Count);
        Assert.Contains("mnist/t10k-labels-idx1-ubyte.gz", paper.Notes[0]);
        Assert.Contains("reged0/reged0_train.targets", paper.Notes[1]);
        Assert.DoesNotContain("reged0_train.data.gz", paper.Notes[1]);
        Assert.Equal(["sparse-coding:mnist"], PaperExperiments.Plan("sparse-coding", seeds: 1, dataDirectory: data).Plan.Problems); // the images alone
        var neural = NeuralExperiments.Plan(seeds: 1, problems: ["mnist-mlp", "a9a-logistic"], dataDirectory: data);
        Assert.Equal(["neural:mnist-mlp-synthetic", "neural:a9a-logistic-synthetic"], neural.Plan.Problems);
        Assert.Contains("mnist/t10k-labels-idx1-ubyte.gz", neural.Notes[0]);
        Assert.Contains("a9a/a9a.t.gz", neural.Notes[1]);
        Directory.Delete(data, recursive: true);
    }

    [Fact]
    public void Every_data_backed_problem_lists_the_files_its_loader_reads()
    {
        Assert.Equal(["mnist/t10k-images-idx3-ubyte.gz", "mnist/t10k-labels-idx1-ubyte.gz"], PrunAdag.Data.DataSets.NeededBy("classification:mnist"));
        Assert.Equal(["mnist/t10k-images-idx3-ubyte.gz"], PrunAdag.Data.DataSets.NeededBy("sparse-coding:mnist"));
        Assert.Equal(["a9a/a9a.gz"], PrunAdag.Data.DataSets.NeededBy("classification:a9a"));
        Assert.Equal(["reged0/reged0_train.data.gz", "reged0/reged0_train.targets"], PrunAdag.Data.DataSets.NeededBy("classification:reged0"));
        Assert.Equal(["mnist/t10k-images-idx3-ubyte.gz", "mnist/t10k-labels-idx1-ubyte.gz"], PrunAdag.Data.DataSets.NeededBy("neural:mnist-mlp"));
        Assert.Equal(["a9a/a9a.gz", "a9a/a9a.t.gz"], PrunAdag.Data.DataSets.NeededBy("neural:a9a-logistic"));
        Assert.Empty(PrunAdag.Data.DataSets.NeededBy("random-ls:A1"));
    }

    [Fact]
    public void A_problem_named_twice_under_two_spellings_is_refused_naming_both()
    {
        var e = Assert.Throws<ArgumentException>(() => PaperExperiments.Plan("least-squares", seeds: 1, problems: ["A1", "random-ls:A1"]));
        Assert.Contains("names random-ls:A1 twice (as 'A1' and as 'random-ls:A1')", e.Message);
        var n = Assert.Throws<ArgumentException>(() => NeuralExperiments.Plan(seeds: 1, problems: ["mnist-mlp-synthetic", "neural:mnist-mlp-synthetic"]));
        Assert.Contains("twice", n.Message);
        // Two problems that both fall back to one stand-in are two problems asked for, run once.
        var empty = Directory.CreateTempSubdirectory().FullName;
        Assert.Equal(["classification:synthetic"], PaperExperiments.Plan("classification", seeds: 1, problems: ["mnist", "a9a"], dataDirectory: empty).Plan.Problems);
    }

    [Fact]
    public void The_neural_plan_refuses_settings_it_would_ignore_or_take_twice()
    {
        var hidden = Assert.Throws<ArgumentException>(() => NeuralExperiments.Plan(seeds: 1, problems: ["a9a-logistic-synthetic"], hiddenSizes: [16]));
        Assert.Equal("hiddenSizes", hidden.ParamName);
        Assert.Contains("mnist-mlp", hidden.Message);
        Assert.Single(NeuralExperiments.Plan(seeds: 1, problems: ["mnist-mlp-synthetic"], hiddenSizes: [16]).Plan.Problems); // with the MLP it applies
        var twice = Assert.Throws<FormatException>(() => NeuralExperiments.Plan(seeds: 1, problems: ["mnist-mlp-synthetic"],
            overrides: [new("step-scale", "0.1"), new("step-scale", "0.2")]));
        Assert.Contains("step-scale is given 2 times (0.1, 0.2)", twice.Message);
    }

    [Fact]
    public void The_paper_families_refuse_masked_adam()
    {
        var e = Assert.Throws<ArgumentException>(() => PaperExperiments.Plan("least-squares", seeds: 1, methods: [Method.V3, Method.MaskedAdam]));
        Assert.Equal("methods", e.ParamName);
        Assert.Contains("neural experiment only", e.Message);
        Assert.DoesNotContain(Method.MaskedAdam, PaperExperiments.Methods);
        Assert.Equal(Method.All.Count - 1, PaperExperiments.Methods.Count);
    }

    [Fact]
    public void Unknown_family_or_problem_names_the_valid_ones()
    {
        var e1 = Assert.Throws<ArgumentException>(() => PaperExperiments.Plan("table9"));
        Assert.Contains("least-squares", e1.Message);
        var e2 = Assert.Throws<ArgumentException>(() => PaperExperiments.Plan("least-squares", problems: ["random-ls:A9"]));
        Assert.Contains("random-ls:A1", e2.Message);
    }

    // F is masked-adam's alone (trains dense for epochs − F epochs, then fine-tunes F): other methods take any epochs.
    [Fact]
    public void The_fine_tuning_epochs_bound_the_epochs_only_when_masked_adam_runs()
    {
        var plan = NeuralExperiments.Plan(seeds: 1, methods: [Method.V3, Method.Adam], problems: ["mnist-mlp-synthetic"], epochs: 1, fineTuneEpochs: 1).Plan;
        Assert.Equal(1, plan.Epochs);
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() =>
            NeuralExperiments.Plan(seeds: 1, methods: [Method.V3, Method.MaskedAdam], problems: ["mnist-mlp-synthetic"], epochs: 1, fineTuneEpochs: 1));
        Assert.Equal("fineTuneEpochs", ex.ParamName);
        Assert.Contains("masked-adam", ex.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => NeuralExperiments.Plan(seeds: 1, epochs: 3, fineTuneEpochs: 3)); // the default methods hold it
        Assert.Throws<ArgumentOutOfRangeException>(() => NeuralExperiments.Plan(seeds: 1, methods: [Method.V3], epochs: 3, fineTuneEpochs: -1));
        Assert.Equal(2, NeuralExperiments.Plan(seeds: 1, methods: [Method.MaskedAdam], problems: ["mnist-mlp-synthetic"], epochs: 3, fineTuneEpochs: 2).Plan.FineTuneEpochs);
    }

    [Fact]
    public void An_unknown_neural_problem_names_the_valid_ones_once_under_its_own_parameter()
    {
        var ex = Assert.Throws<ArgumentException>(() => NeuralExperiments.Plan(seeds: 1, problems: ["mnist"]));
        Assert.Equal("problems", ex.ParamName);
        Assert.Contains("Unknown problem 'mnist'. Valid names: neural:mnist-mlp", ex.Message);
        Assert.DoesNotContain("(Parameter 'name')", ex.Message); // the catalogue's parameter, carried into the message before
    }
}
