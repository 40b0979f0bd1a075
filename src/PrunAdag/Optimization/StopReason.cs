namespace PrunAdag;

/// <summary>Why a run stopped.</summary>
public enum StopReason
{
    /// <summary>‖g_k‖ ≤ gtol.</summary>
    Converged,
    /// <summary>k reached the iteration limit.</summary>
    IterationLimit,
    /// <summary>The iteration callback asked to stop.</summary>
    Callback,
    /// <summary>The cancellation token was cancelled.</summary>
    Cancelled,
    /// <summary>The wall-clock limit passed.</summary>
    TimeLimit,
    /// <summary>The gradient (or the recorded objective value) was NaN or ±∞; the last finite iterate is kept.</summary>
    NonFiniteGradient,
    /// <summary>The objective threw; the partial result is in <see cref="MinimizationException.PartialResult"/>.</summary>
    ObjectiveError,
    /// <summary>The iteration callback or the progress receiver threw; the partial result is in <see cref="MinimizationException.PartialResult"/>.</summary>
    CallbackError,
}
