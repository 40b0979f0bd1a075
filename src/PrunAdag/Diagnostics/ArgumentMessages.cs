namespace PrunAdag;

/// <summary>Messages of argument exceptions passed on under another name or inside another exception.</summary>
internal static class ArgumentMessages
{
    /// <summary>The message without the " (Parameter 'x')" that .NET appends, which would name a parameter of ours the caller never saw.</summary>
    public static string Sentence(ArgumentException ex) =>
        ex.ParamName is { } name ? ex.Message.Replace($" (Parameter '{name}')", "", StringComparison.Ordinal) : ex.Message;
}
