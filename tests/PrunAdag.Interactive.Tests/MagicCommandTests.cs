using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.Events;

namespace PrunAdag.Interactive.Tests;

[Collection("kernel")]
public class MagicCommandTests
{
    private static async Task<string> FailureOf(Microsoft.DotNet.Interactive.CompositeKernel kernel, string code)
    {
        var r = await kernel.SendAsync(new SubmitCode(code));
        var failed = r.Events.OfType<CommandFailed>().FirstOrDefault();
        Assert.True(failed is not null, $"'{code}' should fail");
        return failed!.Message;
    }

    [Fact]
    public async Task Compare_runs_every_listed_method_and_shows_the_comparison()
    {
        using var kernel = await Kernels.CreateAsync();
        var r = await Kernels.SubmitOk(kernel, "#!prunadag compare --problem random-ls:A2 --methods v1,v2,v3,v4,adagrad,fw1,fw2 --seed 1 --max-iter 200");
        var final = r.Events.OfType<DisplayEvent>().Last();
        var comparison = Assert.IsType<PrunAdag.Charts.Comparison>(final.Value);
        Assert.Equal(["v1", "v2", "v3", "v4", "adagrad", "fw1", "fw2"], comparison.Results.Select(x => x.Method.Name));
        Assert.All(comparison.Results, x => Assert.Equal(200, x.Iterations));
        string html = final.FormattedValues.Single(v => v.MimeType == "text/html").Value;
        Assert.Contains("<td>prunAdag-V1</td>", html);
        Assert.Contains("<td>FW2</td>", html);
        Assert.Contains("random-ls:A2 (seed 1)", html);
    }

    [Fact]
    public async Task Run_runs_one_method_with_the_problem_T_and_optional_pruning_profile()
    {
        using var kernel = await Kernels.CreateAsync();
        var r = await Kernels.SubmitOk(kernel, "#!prunadag run --problem random-ls:A1 --method v4 --seed 2 --max-iter 50 --sigmas 30,70");
        var result = r.Events.OfType<DisplayEvent>().Select(e => e.Value).OfType<MinimizationResult>().Single();
        var expected = PrunAdag.Problems.ProblemCatalog.Create("random-ls:A1", 2);
        Assert.Equal(Method.V4, result.Method);
        Assert.Equal(expected.TargetRelevant, result.TargetRelevant);
        Assert.Equal(50, result.Iterations);
        var profiles = r.Events.OfType<DisplayEvent>().Select(e => e.Value).OfType<IEnumerable<PruningProfile>>().Single();
        Assert.Equal([0.3, 0.7], profiles.Single().Points.Select(p => p.TargetSparsity));
    }

    [Fact]
    public async Task The_same_seed_gives_the_same_run_as_the_api()
    {
        using var kernel = await Kernels.CreateAsync();
        var r = await Kernels.SubmitOk(kernel, "#!prunadag run --problem random-ls:A3 --method v3 --seed 5 --max-iter 40");
        var shown = r.Events.OfType<DisplayEvent>().Select(e => e.Value).OfType<MinimizationResult>().Single();
        var p = PrunAdag.Problems.ProblemCatalog.Create("random-ls:A3", 5);
        var direct = Minimizer.Create(Method.V3, new PrunAdagOptions { MaxIterations = 40, TargetRelevant = p.TargetRelevant }).Minimize(p.Objective, p.X0);
        Assert.Equal(direct.Solution.ToArray(), shown.Solution.ToArray());
    }

    [Fact]
    public async Task Method_parameters_come_from_the_registry_and_short_problem_names_resolve()
    {
        using var kernel = await Kernels.CreateAsync();
        var r = await Kernels.SubmitOk(kernel, "#!prunadag run --problem A3 --method relevant-only --seed 5 --max-iter 40 --sigma0 0.05 --base-variant v1 --target-relevant 30");
        var shown = r.Events.OfType<DisplayEvent>().Select(e => e.Value).OfType<MinimizationResult>().Single();
        var p = PrunAdag.Problems.ProblemCatalog.Create("random-ls:A3", 5);
        var direct = Minimizer.Create(Method.RelevantOnly, new RelevantOnlyOptions { MaxIterations = 40, TargetRelevant = 30, Sigma0 = 0.05, BaseVariant = Variant.V1 })
            .Minimize(p.Objective, p.X0);
        Assert.Equal(direct.Solution.ToArray(), shown.Solution.ToArray());
        Assert.Equal(30, shown.TargetRelevant);
    }

    [Fact]
    public async Task A_registered_method_and_its_parameter_work_in_the_magic_command_and_its_help()
    {
        using var kernel = await Kernels.CreateAsync();
        var help = Kernels.Plain((await Kernels.SubmitOk(kernel, "#!prunadag --help")).Events);
        Assert.Contains("test-step", help);
        Assert.Contains("--shrink", help);
        var r = await Kernels.SubmitOk(kernel, "#!prunadag compare --problem A1 --methods v3,test-step --max-iter 20 --shrink 0.3");
        var comparison = Assert.IsType<PrunAdag.Charts.Comparison>(r.Events.OfType<DisplayEvent>().Last().Value);
        var step = comparison.Results.Single(x => x.Method == PrunAdag.Tests.Shared.TestStepMethod.Method);
        Assert.Equal(0.3, Assert.IsType<PrunAdag.Tests.Shared.TestStepOptions>(step.Options).Shrink);
        Assert.Contains("TestStep", r.Events.OfType<DisplayEvent>().Last().FormattedValues.Single(v => v.MimeType == "text/html").Value);
    }

    [Fact]
    public async Task Adam_and_sfw_take_their_parameters_and_bool_ones_take_true_or_false()
    {
        using var kernel = await Kernels.CreateAsync();
        var r = await Kernels.SubmitOk(kernel, "#!prunadag compare --problem A1 --methods adam,sfw --max-iter 20 --amsgrad true --gradient-rescaling false --learning-rate 0.05");
        var runs = Assert.IsType<PrunAdag.Charts.Comparison>(r.Events.OfType<DisplayEvent>().Last().Value).Results;
        var adam = Assert.IsType<AdamOptions>(runs[0].Options);
        Assert.True(adam.Amsgrad);
        Assert.Equal(0.05, adam.LearningRate);
        var sfw = Assert.IsType<StochasticFrankWolfeOptions>(runs[1].Options);
        Assert.False(sfw.GradientRescaling);
        Assert.Equal(0.05, sfw.LearningRate);
        Assert.Contains("is not true or false", await FailureOf(kernel, "#!prunadag run --problem A1 --method adam --amsgrad maybe"));
    }

    [Fact]
    public async Task Help_lists_subcommands_and_every_option()
    {
        using var kernel = await Kernels.CreateAsync();
        var r = await Kernels.SubmitOk(kernel, "#!prunadag --help");
        string text = Kernels.Plain(r.Events);
        foreach (var word in new[] { "run", "compare", "problems", "plotly", "--problem", "--method", "--methods", "--seed", "--max-iter", "--target-relevant", "--gtol", "--sigma0", "--tau", "--beta", "--base-variant", "--delta", "--sigmas", "--help" })
            Assert.Contains(word, text);
        Assert.Contains("random-ls:A2", text);
    }

    [Fact]
    public async Task Unknown_option_is_rejected_naming_it()
    {
        using var kernel = await Kernels.CreateAsync();
        string message = await FailureOf(kernel, "#!prunadag run --problem random-ls:A1 --colour red");
        Assert.Contains("--colour", message);
    }

    [Theory]
    [InlineData("#!prunadag run --problem random-ls:A1 --method v9", "Unknown method 'v9'")]
    [InlineData("#!prunadag compare --problem random-ls:A1 --methods v1,bogus", "Unknown method 'bogus'")]
    [InlineData("#!prunadag run --problem nowhere:1", "Unknown problem 'nowhere:1'")]
    [InlineData("#!prunadag run --problem random-ls:A1 --seed one", "--seed expects an integer; got 'one'")]
    [InlineData("#!prunadag run --problem random-ls:A1 --max-iter -5", "--max-iter must be ≥ 0")]
    [InlineData("#!prunadag run --method v3", "needs --problem")]
    [InlineData("#!prunadag run --problem random-ls:A1 --methods v1,v2", "use #!prunadag compare")]
    [InlineData("#!prunadag run --problem random-ls:A1 --sigmas 30,150", "percentages in [0, 100]")]
    [InlineData("#!prunadag compare --problem random-ls:A1 --methods v3,adagrad,V3", "names v3 twice")]
    [InlineData("#!prunadag run --problem random-ls:A1 --method v3 --tau 5", "--tau does not apply to v3")]
    [InlineData("#!prunadag run --problem random-ls:A1 --sigma0 2", "--sigma0 (ς) must be in (0, 1)")]
    [InlineData("#!prunadag compare --problem random-ls:A1 --methods v1,v1", "names v1 twice")]
    [InlineData("#!prunadag run --problem mnist", "ambiguous")]
    // The host's parser drops these silently; the command names each (the run would otherwise use defaults).
    [InlineData("#!prunadag run --problem random-ls:A2 --max-iter", "--max-iter needs a value")]
    [InlineData("#!prunadag run --problem random-ls:A2 --seed --max-iter 5", "--seed needs a value")]
    [InlineData("#!prunadag run --problem random-ls:A2 --max-iter 10 --max-iter 20", "--max-iter is given twice")]
    [InlineData("#!prunadag run --problem random-ls:A2 --method v3 --method v1", "--method is given twice")]
    [InlineData("#!prunadag run --problem random-ls:A2 extra-word", "Unexpected 'extra-word'")]
    [InlineData("#!prunadag run --problem random-ls:A2 -x 5", "Unexpected '-x'")]
    [InlineData("#!prunadag comapre --problem random-ls:A2", "Unknown subcommand 'comapre'")]
    [InlineData("#!prunadag frobnicate", "Unknown subcommand 'frobnicate'")]
    // Options that fit no run of this problem: one line, not a stack trace.
    [InlineData("#!prunadag run --problem random-ls:A2 --target-relevant 5000", "TargetRelevant (T) must be in 1..n = 1000")]
    [InlineData("#!prunadag run --problem random-ls:A2 --relevant-fraction 0.5 --target-relevant 10", "not both")]
    public async Task Bad_values_fail_with_a_specific_message(string code, string expected)
    {
        using var kernel = await Kernels.CreateAsync();
        string message = await FailureOf(kernel, code);
        Assert.Contains(expected, message);
        Assert.DoesNotContain("(Parameter '", message); // .NET's suffix: "Unknown problem 'nowhere:1'" carried it
        Assert.DoesNotContain("   at ", message);        // no stack trace
    }

    [Fact]
    public async Task A_data_backed_problem_without_its_data_is_one_line_saying_where_to_turn()
    {
        string? before = Environment.GetEnvironmentVariable(PrunAdag.Data.DataLocator.EnvironmentVariable);
        string empty = Directory.CreateTempSubdirectory().FullName;
        Environment.SetEnvironmentVariable(PrunAdag.Data.DataLocator.EnvironmentVariable, empty);
        try
        {
            using var kernel = await Kernels.CreateAsync();
            string message = await FailureOf(kernel, "#!prunadag run --problem classification:mnist --max-iter 3");
            Assert.Contains("--problem classification:mnist", message);
            Assert.Contains(PrunAdag.Data.DataLocator.EnvironmentVariable, message);
            Assert.DoesNotContain("   at ", message);
        }
        finally { Environment.SetEnvironmentVariable(PrunAdag.Data.DataLocator.EnvironmentVariable, before); Directory.Delete(empty); }
    }

    [Fact]
    public async Task Quoted_values_and_negative_numbers_are_values()
    {
        using var kernel = await Kernels.CreateAsync();
        await Kernels.SubmitOk(kernel, "#!prunadag compare --problem random-ls:A1 --methods \"v3,adagrad\" --seed -1 --max-iter 3");
    }

    [Fact]
    public async Task Problems_lists_the_catalogue()
    {
        using var kernel = await Kernels.CreateAsync();
        var r = await Kernels.SubmitOk(kernel, "#!prunadag problems");
        Assert.All(PrunAdag.Problems.ProblemCatalog.Names, n => Assert.Contains(n, Kernels.Plain(r.Events)));
    }
}
