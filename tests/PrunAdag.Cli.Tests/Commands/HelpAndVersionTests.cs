using PrunAdag.Cli.Tests.Support;

namespace PrunAdag.Cli.Tests.Commands;

public class HelpAndVersionTests
{
    [Fact]
    public void Root_help_lists_the_commands()
    {
        var o = CliRunner.Run("--help");
        Assert.Equal(0, o.ExitCode);
        foreach (var c in new[] { "run", "prune", "reproduce", "data", "demo", "--version", "--verbose", "Adam", "neural network" }) Assert.Contains(c, o.Stdout);
        Assert.Contains("Usage:\n  prunadag", o.Stdout.Replace("\r\n", "\n"));
    }

    [Theory]
    [InlineData("run", new[] { "--problem", "--method", "--target-relevant", "--sigma0", "--max-iter", "--gtol", "--tau", "--beta", "--base-variant", "--delta", "--output" })]
    [InlineData("prune", new[] { "--problem", "--result", "--sigmas" })]
    [InlineData("demo", new[] { "--seed", "--max-iter", "--m", "--n" })]
    public void Each_command_help_lists_its_options(string command, string[] options)
    {
        var o = CliRunner.Run(command, "--help");
        Assert.Equal(0, o.ExitCode);
        foreach (var opt in options) Assert.Contains(opt, o.Stdout);
    }

    [Fact]
    public void Version_prints_the_package_version()
    {
        var o = CliRunner.Run("--version");
        Assert.Equal(0, o.ExitCode);
        Assert.StartsWith("0.1.0", o.Stdout.Trim());
    }
}
