namespace PrunAdag;

/// <summary>The user's objective threw during a run (stop reason <see cref="StopReason.ObjectiveError"/>). The partial result is kept.</summary>
public sealed class ObjectiveEvaluationException : MinimizationException
{
    internal ObjectiveEvaluationException(int iteration, string what, Exception inner, MinimizationResult partial)
        : base($"The objective's {what} threw at iteration k = {iteration}: {inner.Message} (the partial result up to x_{iteration} is in PartialResult).",
            iteration, inner, partial) { }
}
