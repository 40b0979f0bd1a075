namespace PrunAdag.Cli;

/// <summary>Entry point of the <c>prunadag</c> tool; the work is in <see cref="CliApp"/> and the Commands folder.</summary>
public static class Program
{
    /// <summary>Runs the tool on the process's console.</summary>
    public static int Main(string[] args) => Run(args, Console.Out, Console.Error);

    /// <summary>
    /// Runs the tool in-process (what the tests call): parses <paramref name="args"/>, writes normal output to
    /// <paramref name="stdout"/> and errors to <paramref name="stderr"/>, and returns the exit code
    /// (0 success, 1 unexpected failure, 2 user error; see <see cref="ExitCodes"/>).
    /// </summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr) => CliApp.Run(args, stdout, stderr);
}
