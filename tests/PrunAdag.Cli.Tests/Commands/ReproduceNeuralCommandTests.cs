using System.Globalization;
using PrunAdag.Cli.Tests.Support;

namespace PrunAdag.Cli.Tests.Commands;

/// <summary>
/// <c>prunadag reproduce neural</c> end to end on the labelled synthetic stand-in with a small network: every output, one
/// row per method × seed × σ with the accuracy filled, the per-layer sparsity, and the same results at 1 and 2 jobs.
/// </summary>
public class ReproduceNeuralCommandTests
{
    private static string[] Small(params string[] more)
    {
        var args = new List<string> { "reproduce", "neural" };
        var given = new Dictionary<string, string> { ["--problems"] = "mnist-mlp-synthetic", ["--hidden"] = "8", ["--epochs"] = "2", ["--seeds"] = "2" };
        for (int i = 0; i + 1 < more.Length; i += 2) given[more[i]] = more[i + 1];
        foreach (var (k, v) in given) { args.Add(k); args.Add(v); }
        return [.. args];
    }

    [Fact]
    public void A_run_that_diverges_says_so_in_the_csv_and_above_the_tables()
    {
        using var tmp = new TempFolder();
        var r = CliRunner.Run(Small("--seeds", "1", "--epochs", "1", "--methods", "adam,adagrad", "--option", "learning-rate=1e300", "--out", tmp.Path));
        Assert.True(r.ExitCode == 0, r.Stderr + r.Stdout);
        var rows = File.ReadAllLines(tmp.File("results.csv")).Skip(1).Select(l => l.Split(',')).ToArray();
        Assert.All(rows.Where(c => c[2] == "adam"), c => Assert.Equal("NonFiniteGradient", c[^2]));
        Assert.All(rows.Where(c => c[2] == "adagrad"), c => Assert.Equal("IterationLimit", c[^2]));
        Assert.Contains("Runs that stopped early", File.ReadAllText(tmp.File("table.md")));
        Assert.Contains("adam seed 1 on neural:mnist-mlp-synthetic: NonFiniteGradient", File.ReadAllText(tmp.File("table.md")));
        Assert.Contains("Runs that stopped early", File.ReadAllText(tmp.File("report.html")));
    }

    [Theory]
    [InlineData("--option", "epochs=3", "not a method option here")]
    [InlineData("--option", "max-iter=5", "not a method option here")]
    public void Settings_the_run_would_not_honour_are_refused(string option, string value, string expected)
    {
        var r = CliRunner.Run(Small(option, value));
        Assert.Equal(2, r.ExitCode);
        Assert.Contains(expected, r.Stderr);
    }

    [Fact]
    public void A_fraction_of_T_replaces_the_problems_T_and_a_net_too_wide_for_its_batch_is_refused_before_running()
    {
        using var tmp = new TempFolder();
        var ok = CliRunner.Run(Small("--seeds", "1", "--epochs", "1", "--methods", "v1", "--option", "relevant-fraction=0.5", "--out", tmp.Path));
        Assert.True(ok.ExitCode == 0, ok.Stderr);
        var wide = CliRunner.Run(Small("--hidden", "300000", "--batch-size", "8000", "--methods", "v1"));
        Assert.Equal(2, wide.ExitCode);
        Assert.Contains("more than the 2147483591 an array holds", wide.Stderr);
        Assert.Equal("", wide.Stdout); // before the header
    }

    [Fact]
    public void A_small_run_writes_the_csv_the_markdown_table_and_the_html_report()
    {
        using var tmp = new TempFolder();
        var r = CliRunner.Run(Small("--jobs", "2", "--out", tmp.Path));
        Assert.True(r.ExitCode == 0, r.Stderr + r.Stdout);
        var csv = File.ReadAllLines(tmp.File("results.csv"));
        Assert.Equal("experiment,problem,method,seed,sigma,achieved_sparsity,rho,omega,accuracy,iterations,final_grad_norm,stop_reason,seconds", csv[0]);
        // 8 default methods × 2 seeds × 7 σ.
        Assert.Equal(1 + 8 * 2 * 7, csv.Length);
        var rows = csv.Skip(1).Select(l => l.Split(',')).ToArray();
        Assert.All(rows, c => Assert.Equal("neural", c[0]));
        Assert.All(rows, c => Assert.Equal("neural:mnist-mlp-synthetic", c[1]));
        Assert.Equal(["0", "50", "70", "80", "90", "95", "98"], rows.Take(7).Select(c => c[4]));
        Assert.All(rows, c => Assert.InRange(double.Parse(c[8], CultureInfo.InvariantCulture), 0.0, 1.0)); // accuracy filled
        Assert.All(rows, c => Assert.True(double.Parse(c[5], CultureInfo.InvariantCulture) >= double.Parse(c[4], CultureInfo.InvariantCulture) - 1e-9)); // σ of the weights reached
        Assert.Equal(["v1", "v2", "v3", "v4", "adagrad", "adam", "masked-adam", "sfw"], rows.Select(c => c[2]).Distinct());
        // Every method, masked-adam too (E − F dense epochs, then F fine-tuning), counts the same number of batch gradients.
        Assert.Single(rows.Select(c => c[9]).Distinct());
        Assert.Contains("SYNTHETIC", r.Stdout + File.ReadAllText(tmp.File("table.md")), StringComparison.Ordinal);

        var md = File.ReadAllText(tmp.File("table.md"));
        Assert.Contains("## neural:mnist-mlp-synthetic: test accuracy (%) after pruning σ of the prunable weights", md);
        Assert.Contains("| Adam, pruned, fine-tuned (masked-adam) | 2 |", md);
        Assert.Contains("### Zeros per layer at σ = 90 %", md);
        Assert.Contains("| method | W1 | W2 | all prunable |", md);
        Assert.Contains("--hidden 8", md);
        var html = File.ReadAllText(tmp.File("report.html"));
        Assert.StartsWith("<!DOCTYPE html>", html);
        foreach (var title in new[] { "Test accuracy against σ", "Train loss against the epoch", "Test accuracy against the epoch", "|O_k| / |D_k| of prunAdag-V3", "Sparsity of each layer at σ = 90 %" })
            Assert.Contains(title, html);
        Assert.Contains("report: " + tmp.File("report.html"), r.Stdout);
    }

    [Fact]
    public void Results_do_not_depend_on_the_number_of_jobs()
    {
        using var one = new TempFolder();
        using var two = new TempFolder();
        string[] common = ["--methods", "v3,adam,masked-adam,sfw", "--seeds", "3"];
        Assert.Equal(0, CliRunner.Run(Small([.. common, "--jobs", "1", "--out", one.Path])).ExitCode);
        Assert.Equal(0, CliRunner.Run(Small([.. common, "--jobs", "2", "--out", two.Path])).ExitCode);
        static string[] WithoutSeconds(string path) => File.ReadAllLines(path).Select(l => l[..l.LastIndexOf(',')]).ToArray();
        var a = WithoutSeconds(one.File("results.csv"));
        Assert.Equal(1 + 4 * 3 * 7, a.Length);
        Assert.Equal(a, WithoutSeconds(two.File("results.csv")));
    }

    [Theory]
    [InlineData("--problems", "mnist", "mnist")]
    [InlineData("--hidden", "8,0", "--hidden")]
    [InlineData("--fine-tune-epochs", "2", "--fine-tune-epochs")]
    [InlineData("--methods", "v3,sgd", "sgd")]
    [InlineData("--option", "nothing=1", "--nothing")]
    [InlineData("--option", "tau=-1", "--tau")]
    [InlineData("--option", "step-scale", "NAME=VALUE")]
    public void Bad_values_are_one_line_errors_with_exit_code_2(string option, string value, string named)
    {
        using var tmp = new TempFolder();
        var r = CliRunner.Run(Small(option, value, "--out", tmp.Path));
        Assert.Equal(2, r.ExitCode);
        Assert.Single(r.StderrLines);
        Assert.Contains(named, r.Stderr);
        Assert.DoesNotContain("(Parameter '", r.Stderr); // .NET's suffix on ArgumentException messages; "--problems mnist" had two
    }

    // --fine-tune-epochs (default 1) is masked-adam's alone: with --epochs 1 a run of other methods was refused.
    [Fact]
    public void One_epoch_runs_without_masked_adam_and_is_refused_with_it()
    {
        using var tmp = new TempFolder();
        var ok = CliRunner.Run(Small("--epochs", "1", "--methods", "v3,sfw", "--seeds", "1", "--jobs", "1", "--out", tmp.File("ok")));
        Assert.True(ok.ExitCode == 0, ok.Stderr);
        Assert.Equal(1 + 2 * 7, File.ReadAllLines(tmp.File("ok/results.csv")).Length);

        var refused = CliRunner.Run(Small("--epochs", "1", "--methods", "v3,masked-adam", "--out", tmp.File("no")));
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("--fine-tune-epochs must be below --epochs (1) when masked-adam runs", Assert.Single(refused.StderrLines));
        Assert.False(Directory.Exists(tmp.File("no")));
    }

    // F = 0 is "train dense, then global magnitude pruning" with no fine-tuning; it failed with "Epochs must be ≥ 1; got 0"
    // (the fine-tuning options were made even when unused). Its rows are then Adam's pruned, with the dense run's record.
    [Theory]
    [InlineData("adam,masked-adam")] // the dense phase is the Adam run's
    [InlineData("masked-adam,adam")] // masked-adam trains its own dense phase first
    public void Prune_without_fine_tuning_gives_the_rows_of_adam_pruned(string methods)
    {
        using var tmp = new TempFolder();
        var r = CliRunner.Run(Small("--epochs", "1", "--methods", methods, "--fine-tune-epochs", "0", "--seeds", "1", "--jobs", "1", "--out", tmp.Path));
        Assert.True(r.ExitCode == 0, r.Stderr);
        var rows = File.ReadAllLines(tmp.File("results.csv")).Skip(1).Select(l => l.Split(',')).ToArray();
        // Every column but the method's name and the seconds: experiment, problem, seed, σ, sparsity, ρ, ω, accuracy, iterations, ‖g‖.
        static string Key(string[] c) => string.Join(",", c[..2].Concat(c[3..^1]));
        var adam = rows.Where(c => c[2] == "adam").Select(Key).ToArray();
        Assert.Equal(7, adam.Length);
        Assert.Equal(adam, rows.Where(c => c[2] == "masked-adam").Select(Key).ToArray());
        Assert.All(rows, c => Assert.NotEqual("0", c[9])); // the dense phase's iterations, not none
        string table = File.ReadAllText(tmp.File("table.md"));
        Assert.Contains("| Adam, pruned, not fine-tuned (masked-adam, F = 0) |", table); // not "fine-tuned"
        Assert.Contains("global magnitude pruning, with no fine-tuning (F = 0).", table);
        Assert.DoesNotContain("0 epoch(s)", table);
    }

    [Fact]
    public void An_option_changes_the_methods_that_take_it_and_is_stated_in_the_table()
    {
        using var plain = new TempFolder();
        using var changed = new TempFolder();
        Assert.Equal(0, CliRunner.Run(Small("--methods", "v3,adam", "--seeds", "1", "--out", plain.Path)).ExitCode);
        var r = CliRunner.Run([.. Small("--methods", "v3,adam", "--seeds", "1", "--out", changed.Path), "--option", "step-scale=0.05"]);
        Assert.True(r.ExitCode == 0, r.Stderr + r.Stdout);
        static string[] Rows(string path, string method) => File.ReadAllLines(path).Where(l => l.Split(',')[2] == method).Select(l => l[..l.LastIndexOf(',')]).ToArray();
        Assert.NotEqual(Rows(plain.File("results.csv"), "v3"), Rows(changed.File("results.csv"), "v3"));
        Assert.Equal(Rows(plain.File("results.csv"), "adam"), Rows(changed.File("results.csv"), "adam")); // Adam has no step-scale
        var md = File.ReadAllText(changed.File("table.md"));
        Assert.Contains("step-scale = 0.05", md);
        Assert.Contains("--option step-scale=0.05", md);
    }
}
