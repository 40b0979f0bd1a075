namespace PrunAdag;

/// <summary>
/// The iteration callback or the progress receiver threw during a run (stop reason
/// <see cref="StopReason.CallbackError"/>). The partial result up to the iterate it was shown is kept.
/// </summary>
public sealed class CallbackException : MinimizationException
{
    internal CallbackException(int iteration, string what, Exception inner, MinimizationResult partial)
        : base($"The {what} threw at iteration k = {iteration}: {inner.Message} (the partial result up to x_{iteration} is in PartialResult).",
            iteration, inner, partial) { }
}
