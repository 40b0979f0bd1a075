namespace PrunAdag;

/// <summary>What one step reports: the sizes of O_k, A_k, D_k (zero for methods that do not classify) and #{i : |x_{k+1,i}| &lt; δ}.</summary>
/// <param name="Optimisable">|O_k|.</param>
/// <param name="Acceptable">|A_k|.</param>
/// <param name="Decreasable">|D_k|.</param>
/// <param name="BelowDelta">#{i : |x_{k+1,i}| &lt; δ}.</param>
public readonly record struct StepCounts(int Optimisable, int Acceptable, int Decreasable, int BelowDelta);
