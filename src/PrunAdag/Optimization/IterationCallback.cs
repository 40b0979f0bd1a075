namespace PrunAdag;

/// <summary>Called once per iterate; return false to stop the run (stop reason <see cref="StopReason.Callback"/>).</summary>
public delegate bool IterationCallback(IterationState state);
