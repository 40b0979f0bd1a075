namespace PrunAdag;

/// <summary>
/// A run ended because user code threw: the objective (<see cref="ObjectiveEvaluationException"/>) or an
/// iteration callback or progress receiver (<see cref="CallbackException"/>). The run's partial result up to
/// the iterate where it happened is kept, and <see cref="Exception.InnerException"/> is what was thrown.
/// </summary>
public abstract class MinimizationException : Exception
{
    private protected MinimizationException(string message, int iteration, Exception inner, MinimizationResult partial)
        : base(message, inner)
    {
        Iteration = iteration;
        PartialResult = partial;
    }

    /// <summary>The iteration k at which the run failed.</summary>
    public int Iteration { get; }

    /// <summary>The result up to the last iterate x_k (its stop reason says what failed).</summary>
    public MinimizationResult PartialResult { get; }
}
