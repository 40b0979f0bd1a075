using PrunAdag.Cli.Commands;
using PrunAdag.Cli.Tests.Support;
using PrunAdag.IO;

namespace PrunAdag.Cli.Tests.Commands;

public class RunInterruptionTests
{
    [Fact]
    public void A_cancelled_run_still_writes_its_partial_result_and_returns_130()
    {
        using var tmp = new TempFolder();
        string problemPath = SmallProblem.SaveTo(tmp), resultPath = tmp.File("r.json");
        using var cts = new CancellationTokenSource();
        cts.Cancel(); // what Ctrl+C does to the run's token

        int code = RunCommand.Execute(problemPath, Method.V3, resultPath, _ => new PrunAdagOptions { MaxIterations = 1000 },
            TextWriter.Null, interruptible: false, cts.Token);

        Assert.Equal(ExitCodes.Interrupted, code);
        var r = ResultFile.Load(resultPath);
        Assert.Equal(StopReason.Cancelled, r.StopReason);
        Assert.Equal(0, r.Iterations);
        Assert.Equal(SmallProblem.Create().X0.ToArray(), r.Solution.ToArray()); // stopped at x_0
    }
}
