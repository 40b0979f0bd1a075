namespace PrunAdag.Cli;

/// <summary>The exit codes of <c>prunadag</c> (documented in docs/cli.md).</summary>
public static class ExitCodes
{
    /// <summary>The command did what was asked.</summary>
    public const int Success = 0;

    /// <summary>An unexpected failure (a bug or an environment problem); one line on stderr, the stack with --verbose.</summary>
    public const int Unexpected = 1;

    /// <summary>A user error: bad arguments or option values, a missing or malformed file. One line on stderr naming the fault.</summary>
    public const int UserError = 2;

    /// <summary><c>run</c> was stopped by Ctrl+C or SIGTERM; the partial result was written (128 + SIGINT, the shell convention).</summary>
    public const int Interrupted = 130;
}

/// <summary>A user error detected by the CLI itself (bad option value, inconsistent files); reported with exit code 2.</summary>
public sealed class CliUsageException(string message) : Exception(message);
