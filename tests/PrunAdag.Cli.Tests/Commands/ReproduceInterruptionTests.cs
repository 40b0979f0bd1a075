using PrunAdag.Cli.Commands;
using PrunAdag.Cli.Tests.Support;

namespace PrunAdag.Cli.Tests.Commands;

public class ReproduceInterruptionTests
{
    [Fact]
    public void An_interrupted_reproduction_keeps_the_partial_csv_never_a_file_that_looks_complete_and_returns_130()
    {
        using var tmp = new TempFolder();
        using var cts = new CancellationTokenSource();
        cts.Cancel(); // what Ctrl+C does to the experiment's token
        var output = new StringWriter();
        int code = ReproduceCommand.Execute(new ReproduceCommand.Settings
        {
            Family = "least-squares", Problems = ["random-ls:A1"], Seeds = 2, MaxIterations = 20, Out = tmp.Path,
        }, output, interruptible: false, cts.Token);

        Assert.Equal(ExitCodes.Interrupted, code);
        Assert.False(File.Exists(tmp.File("results.csv")));
        Assert.Equal("experiment,problem,method,seed,sigma,achieved_sparsity,rho,omega,accuracy,iterations,final_grad_norm,stop_reason,seconds",
            File.ReadAllLines(tmp.File("results.csv.partial"))[0]);
        Assert.Contains("Incomplete", File.ReadAllText(tmp.File("table.md")));
        Assert.Contains("interrupted", output.ToString());
    }

    [Fact]
    public void An_interrupted_rerun_keeps_the_earlier_complete_run_whole_and_writes_its_own_as_partial()
    {
        using var tmp = new TempFolder();
        var settings = new ReproduceCommand.Settings { Family = "least-squares", Problems = ["random-ls:A1"], Seeds = 1, MaxIterations = 10, Out = tmp.Path };
        Assert.Equal(ExitCodes.Success, ReproduceCommand.Execute(settings, new StringWriter(), interruptible: false));
        string csv = File.ReadAllText(tmp.File("results.csv")), table = File.ReadAllText(tmp.File("table.md")), report = File.ReadAllText(tmp.File("report.html"));
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        var output = new StringWriter();
        Assert.Equal(ExitCodes.Interrupted, ReproduceCommand.Execute(settings with { Seeds = 2 }, output, interruptible: false, cts.Token));
        // The earlier run's three files, untouched and still agreeing; the interrupted one beside them.
        Assert.Equal(csv, File.ReadAllText(tmp.File("results.csv")));
        Assert.Equal(table, File.ReadAllText(tmp.File("table.md")));
        Assert.Equal(report, File.ReadAllText(tmp.File("report.html")));
        Assert.Contains("Incomplete", File.ReadAllText(tmp.File("table.partial.md")));
        Assert.True(File.Exists(tmp.File("report.partial.html")));
        Assert.True(File.Exists(tmp.File("results.csv.partial")));
        Assert.Contains("earlier complete run", output.ToString());
    }
}
