namespace PrunAdag;

/// <summary>Where an objective's gradients come from (shown in results and reports).</summary>
public enum GradientKind
{
    /// <summary>The objective computes ∇f itself (a built-in objective or a user's gradient).</summary>
    Supplied,
    /// <summary>Central differences of f (<see cref="Objective.FromValue"/>): 2n evaluations of f per gradient.</summary>
    CentralDifferences,
}
