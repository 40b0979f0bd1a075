namespace PrunAdag;

/// <summary>
/// The prunAdag variants of Table 1 (docs/algorithm.md, "Table 1"): they differ only in the bounds a_i, b_i
/// of the acceptable set. Each is also a <see cref="Method"/> (<see cref="Method.V1"/> … <see cref="Method.V4"/>);
/// the enum names the variant where a method needs one as a setting (<see cref="RelevantOnlyOptions.BaseVariant"/>).
/// </summary>
public enum Variant
{
    /// <summary>a_i = |x_i|/(k+1)·‖g‖_R/‖x‖_S, b_i = +∞: fastest, least robust to pruning.</summary>
    V1 = 1,
    /// <summary>a_i = |x_i|/(k+1), b_i = +∞.</summary>
    V2 = 2,
    /// <summary>a_i = |x_i|/(k+1)·‖g‖_R/‖x‖_S, b_i = |x_i|: the paper's most robust up to ~50% pruning.</summary>
    V3 = 3,
    /// <summary>a_i = |x_i|/(k+1), b_i = |x_i|: best for aggressive (≥ 70%) pruning.</summary>
    V4 = 4,
}
