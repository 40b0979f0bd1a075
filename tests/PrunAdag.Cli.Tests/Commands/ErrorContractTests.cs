using PrunAdag.Cli.Tests.Support;

namespace PrunAdag.Cli.Tests.Commands;

/// <summary>User errors: exit code 2, exactly one line on stderr that names the fault, nothing half-written.</summary>
public class ErrorContractTests
{
    private const string Prefix = "{\"kind\":\"least-squares\",\"A\":[[1,2,3],[4,5,6]";

    private static CliRunner.Outcome RunOn(TempFolder tmp, string problemJson, params string[] extra)
    {
        string problem = tmp.Write("problem.json", problemJson);
        return CliRunner.Run(["run", "--problem", problem, "--method", "v3", "--output", tmp.File("out.json"), .. extra]);
    }

    private static void AssertUserError(CliRunner.Outcome outcome, params string[] fragments)
    {
        Assert.Equal(2, outcome.ExitCode);
        var line = Assert.Single(outcome.StderrLines);
        foreach (var f in fragments) Assert.Contains(f, line);
        Assert.DoesNotContain("   at ", outcome.Stderr); // no stack trace
    }

    [Theory]
    [InlineData(Prefix + ",[7,8]],\"b\":[1,2,3],\"x0\":[0,0,0]}", "problem.json", "field \"A\", row 2 has 2 entries; row 0 has 3")]
    [InlineData(Prefix + ",[1,2,3],[4,5,6],[7,8]],\"b\":[1,2,3,4,5],\"x0\":[0,0,0]}", "row 4")]
    [InlineData(Prefix + "],\"b\":[1,2,3],\"x0\":[0,0,0]}", "field \"b\" has 3 entries; expected 2")]
    [InlineData(Prefix + "],\"b\":[1,2],\"x0\":[0,0,0,0]}", "field \"x0\" has 4 entries; expected 3")]
    [InlineData(Prefix + "],\"b\":[1,2],\"x0\":[0,\"NaN\",0]}", "field \"x0\", index 1 is not finite")]
    [InlineData(Prefix + "],\"b\":[1e999,2],\"x0\":[0,0,0]}", "field \"b\", index 0 = 1e999 is not finite")]
    [InlineData(Prefix + "],\"b\":[1,2],\"x0\":[0,0,0],\"targetRelevant\":5}", "field \"targetRelevant\"", "TargetRelevant")]
    [InlineData(Prefix + "],\n\"b\":[1,2],\n\"x0\":[0,0,0,}", "malformed JSON at line 3")]
    public void A_broken_problem_file_is_exit_2_with_one_line_naming_the_fault(string json, params string[] fragments)
    {
        using var tmp = new TempFolder();
        var outcome = RunOn(tmp, json);
        AssertUserError(outcome, ["problem.json", .. fragments]);
        Assert.False(File.Exists(tmp.File("out.json")));
    }

    [Fact]
    public void A_missing_problem_file_is_named()
    {
        using var tmp = new TempFolder();
        string missing = tmp.File("nope.json");
        AssertUserError(CliRunner.Run("run", "--problem", missing, "--method", "v1", "--output", tmp.File("o.json")), missing, "not found");
    }

    [Fact]
    public void T_larger_than_n_on_the_command_line_is_rejected()
    {
        using var tmp = new TempFolder();
        AssertUserError(RunOn(tmp, Prefix + "],\"b\":[1,2],\"x0\":[0,0,0]}", "--target-relevant", "4"), "TargetRelevant", "1..n = 3", "--target-relevant");
    }

    [Fact]
    public void An_unknown_method_lists_the_valid_names()
    {
        using var tmp = new TempFolder();
        string problem = SmallProblem.SaveTo(tmp);
        AssertUserError(CliRunner.Run("run", "--problem", problem, "--method", "sgd", "--output", tmp.File("o.json")),
            "sgd", "v1, v2, v3, v4, relevant-only, adagrad, fw1, fw2");
    }

    [Theory]
    [InlineData("--sigma0", "2", "--sigma0", "(0, 1)")]
    [InlineData("--sigma0", "abc", "--sigma0", "'abc' is not a number")]
    [InlineData("--max-iter", "-1", "--max-iter", "≥ 0")]
    [InlineData("--max-iter", "1.5", "--max-iter", "not an integer")]
    [InlineData("--gtol", "-1e-3", "--gtol", "≥ 0")]
    [InlineData("--tau", "0", "--tau", "> 0")]
    [InlineData("--beta", "1", "--beta", "(0, 1)")]
    [InlineData("--delta", "NaN", "--delta", "> 0")]
    [InlineData("--target-relevant", "0", "--target-relevant", "in 1..n")]
    [InlineData("--base-variant", "v7", "--base-variant", "v1, v2, v3, v4")]
    [InlineData("--max-iter", "99999999999", "--max-iter", "outside the range of a 32-bit integer")]
    [InlineData("--time-limit", "1e-300", "--time-limit", "below the clock's resolution")]
    [InlineData("--time-limit", "1e12", "--time-limit", "above the longest time span")]
    [InlineData("--time-limit", "-1", "--time-limit", "not a positive number of seconds")]
    [InlineData("--problem", "", "--problem", "the path is empty")]
    [InlineData("--output", " ", "--output", "the path is empty")]
    public void A_bad_option_value_names_the_option(string option, string value, params string[] fragments)
    {
        using var tmp = new TempFolder();
        string problem = SmallProblem.SaveTo(tmp);
        var args = new List<string> { "run", "--problem", problem, "--method", "v3", "--output", tmp.File("o.json") };
        int at = args.IndexOf(option);
        if (at >= 0) args[at + 1] = value; else args.AddRange([option, value]);
        AssertUserError(CliRunner.Run([.. args]), fragments);
    }

    [Fact]
    public void An_integer_beyond_32_bits_is_named_as_such_on_every_command()
    {
        AssertUserError(CliRunner.Run("reproduce", "least-squares", "--seeds", "99999999999"), "--seeds", "outside the range of a 32-bit integer");
    }

    [SkippableFact]
    public void A_problem_that_never_ends_is_refused_not_read_until_memory_runs_out()
    {
        Skip.IfNot(File.Exists("/dev/zero"), "needs /dev/zero");
        using var tmp = new TempFolder();
        AssertUserError(CliRunner.Run("run", "--problem", "/dev/zero", "--method", "v3", "--output", tmp.File("o.json")),
            "/dev/zero", "no end in sight");
    }

    [Fact]
    public void A_fraction_of_T_replaces_the_problem_files_T_as_a_typed_T_does()
    {
        using var tmp = new TempFolder();
        string problem = SmallProblem.SaveTo(tmp); // it sets targetRelevant
        var outcome = CliRunner.Run("run", "--problem", problem, "--method", "v3", "--output", tmp.File("o.json"), "--max-iter", "2",
            "--relevant-fraction", "0.5");
        Assert.True(outcome.ExitCode == 0, outcome.Stderr);
        var result = PrunAdag.IO.ResultFile.Load(tmp.File("o.json"));
        Assert.Equal(0.5, Assert.IsType<PrunAdagOptions>(result.Options).RelevantFraction);
        Assert.Null(((PrunAdagOptions)result.Options).TargetRelevant);
    }

    [Fact]
    public void Missing_required_options_are_named()
    {
        AssertUserError(CliRunner.Run("run", "--method", "v3"), "--problem", "--output");
    }

    [Fact]
    public void An_unknown_command_is_a_user_error()
    {
        AssertUserError(CliRunner.Run("optimise"), "optimise");
    }

    [Fact]
    public void An_output_folder_that_does_not_exist_is_reported_before_running()
    {
        using var tmp = new TempFolder();
        string problem = SmallProblem.SaveTo(tmp);
        string output = Path.Combine(tmp.Path, "missing-folder", "r.json");
        AssertUserError(CliRunner.Run("run", "--problem", problem, "--method", "v3", "--output", output), "--output", "missing-folder");
    }

    [Theory]
    [InlineData("10,abc", "entry 1 'abc' is not a number")]
    [InlineData("10,120", "outside 0..100")]
    [InlineData("...,20", "'...'")]
    public void Bad_sigmas_are_named(string sigmas, string fragment)
    {
        using var tmp = new TempFolder();
        string problem = SmallProblem.SaveTo(tmp);
        AssertUserError(CliRunner.Run("prune", "--problem", problem, "--result", tmp.File("r.json"), "--sigmas", sigmas), "--sigmas", fragment);
    }

    [Fact]
    public void Pruning_a_result_of_another_problem_is_rejected()
    {
        using var tmp = new TempFolder();
        string problem = SmallProblem.SaveTo(tmp);
        string result = tmp.File("r.json");
        Assert.Equal(0, CliRunner.Run("run", "--problem", problem, "--method", "v3", "--max-iter", "2", "--output", result).ExitCode);
        string other = tmp.Write("other.json", Prefix + "],\"b\":[1,2],\"x0\":[0,0,0]}");

        AssertUserError(CliRunner.Run("prune", "--problem", other, "--result", result), "r.json", "field \"n\" = 40", "n = 3");
    }

    // Each case edits a result file `run` wrote: the first entry of a field, or a field added.
    [Theory]
    [InlineData("v3", "\"optimisable\": \\[[0-9]+", "\"optimisable\": [41", "field \"optimisable\", index 0 = 41 is more than the n = 40 components")]
    [InlineData("v3", "\"gradNorm\": \\[[^,\\]]+", "\"gradNorm\": [-1", "field \"gradNorm\", index 0 = -1 is negative")]
    [InlineData("v3", "\"options\": \\{", "\"options\": {\"tau\": 5, ", "field \"options.tau\" is not a parameter of v3")]
    [InlineData("adagrad", "\"gradNorm\": \\[", "\"optimisable\": [1, 1], \"gradNorm\": [", "field \"optimisable\" is there, but adagrad splits no components")]
    public void A_result_file_inconsistent_with_its_method_or_n_is_refused_naming_the_field(string method, string pattern, string replace, string expected)
    {
        using var tmp = new TempFolder();
        string problem = SmallProblem.SaveTo(tmp);
        string result = tmp.File("r.json");
        Assert.Equal(0, CliRunner.Run("run", "--problem", problem, "--method", method, "--max-iter", "2", "--output", result).ExitCode);
        var find = new System.Text.RegularExpressions.Regex(pattern);
        string json = File.ReadAllText(result);
        Assert.Matches(find, json);
        File.WriteAllText(result, find.Replace(json, replace, 1));
        AssertUserError(CliRunner.Run("prune", "--problem", problem, "--result", result), "r.json", expected);
    }

    [Fact]
    public void A_malformed_result_file_is_named_with_its_field()
    {
        using var tmp = new TempFolder();
        string problem = SmallProblem.SaveTo(tmp);
        string result = tmp.Write("r.json", "{\"method\":\"v3\",\"n\":40}");
        AssertUserError(CliRunner.Run("prune", "--problem", problem, "--result", result), "r.json", "missing field \"iterations\"");
    }
}
