namespace PrunAdag;

/// <summary>The step-size rule of Frank–Wolfe (docs/algorithm.md B2): the difference between <see cref="Method.FW1"/> and <see cref="Method.FW2"/>.</summary>
internal enum FrankWolfeRule
{
    /// <summary>η_k = 1/(k+1).</summary>
    FW1,
    /// <summary>η_k = min(β‖g‖_R / ‖v_k − x_k‖, 1).</summary>
    FW2,
}
