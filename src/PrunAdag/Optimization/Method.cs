namespace PrunAdag;

/// <summary>The prunAdag variants of the paper's Table 1 (they differ in the bounds a_i, b_i of the acceptable set).</summary>
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

/// <summary>Every method this library runs, under the names the CLI and reports use.</summary>
public enum Method
{
    /// <summary>prunAdag, variant V1.</summary>
    V1,
    /// <summary>prunAdag, variant V2.</summary>
    V2,
    /// <summary>prunAdag, variant V3.</summary>
    V3,
    /// <summary>prunAdag, variant V4.</summary>
    V4,
    /// <summary>prunAdag without an acceptable set (O_k = R_k; the paper's Fig. 1 ablation).</summary>
    RelevantOnly,
    /// <summary>Plain Adagrad.</summary>
    Adagrad,
    /// <summary>Frank–Wolfe on the T-support-norm ball, step 1/(k+1).</summary>
    FW1,
    /// <summary>Frank–Wolfe on the T-support-norm ball, gradient-scaled step.</summary>
    FW2,
}

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
    /// <summary>The objective threw; the partial result is in <see cref="ObjectiveEvaluationException.PartialResult"/>.</summary>
    ObjectiveError,
}

/// <summary>Names of methods as written on the command line and in result files.</summary>
public static class MethodNames
{
    /// <summary>The CLI spelling: v1..v4, relevant-only, adagrad, fw1, fw2.</summary>
    public static string ToCliName(this Method method) => method switch
    {
        Method.V1 => "v1", Method.V2 => "v2", Method.V3 => "v3", Method.V4 => "v4",
        Method.RelevantOnly => "relevant-only", Method.Adagrad => "adagrad",
        Method.FW1 => "fw1", Method.FW2 => "fw2",
        _ => throw new ArgumentOutOfRangeException(nameof(method), method, "Unknown method."),
    };

    /// <summary>A display name as in the paper's figures (prunAdag-V3, Adagrad, FW1, ...).</summary>
    public static string ToDisplayName(this Method method) => method switch
    {
        Method.V1 or Method.V2 or Method.V3 or Method.V4 => "prunAdag-" + method,
        Method.RelevantOnly => "relevant-only",
        _ => method.ToString(),
    };

    /// <summary>All methods in the order of the paper's comparisons.</summary>
    public static IReadOnlyList<Method> All { get; } =
        [Method.V1, Method.V2, Method.V3, Method.V4, Method.RelevantOnly, Method.Adagrad, Method.FW1, Method.FW2];

    /// <summary>Parses a CLI method name (case-insensitive); false when unknown.</summary>
    public static bool TryParse(string? text, out Method method)
    {
        foreach (var m in All)
            if (string.Equals(m.ToCliName(), text?.Trim(), StringComparison.OrdinalIgnoreCase) ||
                string.Equals(m.ToString(), text?.Trim(), StringComparison.OrdinalIgnoreCase))
            { method = m; return true; }
        method = default;
        return false;
    }

    /// <summary>Parses a CLI method name or throws a <see cref="FormatException"/> listing the valid names.</summary>
    public static Method Parse(string text) =>
        TryParse(text, out var m) ? m
        : throw new FormatException($"Unknown method '{text}'; expected one of {string.Join(", ", All.Select(x => x.ToCliName()))}.");
}
