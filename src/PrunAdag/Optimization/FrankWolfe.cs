namespace PrunAdag;

/// <summary>
/// The linear minimisation oracle of Frank–Wolfe on the T-support-norm ball C_T(τ) = conv{x : ‖x‖₀ ≤ T,
/// ‖x‖₂ ≤ τ} (docs/algorithm.md B2; Zimmer, Spiegel, Pokutta), the vertex <see cref="Method.FW1"/> and
/// <see cref="Method.FW2"/> step towards.
/// </summary>
public static class FrankWolfe
{
    /// <summary>v_i = −τ g_i/‖g‖_R on R (the T largest |g_i|, ties to the smaller index), 0 elsewhere; v = 0 when g = 0.</summary>
    /// <exception cref="ArgumentOutOfRangeException">T is outside 1..n, or τ is not finite and positive.</exception>
    public static double[] LinearMinimizationOracle(ReadOnlySpan<double> gradient, int targetRelevant, double tau)
    {
        if (!(double.IsFinite(tau) && tau > 0)) throw new ArgumentOutOfRangeException(nameof(tau), tau, $"tau (τ) must be finite and > 0; got {tau}.");
        var r = RelevantSet.Select(gradient, targetRelevant);
        Sum4 gR2 = default; // the kernels' fixed order (C6) and rescaling (C5), so this v is bitwise the kernels' vertex
        var onR = new double[gradient.Length];
        foreach (int i in r) { onR[i] = gradient[i]; gR2.Add(i, gradient[i] * gradient[i]); }
        double gR = ScaledNorm.Of(gR2.Total, onR);
        var (t, norm) = VertexScale(tau, gR);
        var v = new double[gradient.Length];
        if (gR > 0) foreach (int i in r) v[i] = Vertex(t, gradient[i], norm);
        return v;
    }

    /// <summary>v_i = −τ g_i/‖g‖_R for i ∈ R, evaluated as (−τ g_i)/‖g‖_R (B2).</summary>
    internal static double Vertex(double tau, double gi, double gR) => -tau * gi / gR;

    /// <summary>
    /// The (τ, ‖g‖_R) to pass to <see cref="Vertex"/>: as given, unless τ‖g‖_R overflows, so that −τ g_i could (|g_i| ≤
    /// ‖g‖_R). Then both are multiplied by the power of two that brings ‖g‖_R near 1: a power of two scales exactly, so
    /// the vertices keep their bits (but for entries so far below τ that the scaled product falls to a subnormal number)
    /// and none overflows (docs/algorithm.md C5). Ordinary runs never take this path.
    /// </summary>
    internal static (double Tau, double Norm) VertexScale(double tau, double norm)
    {
        if (double.IsFinite(tau * norm) || !double.IsFinite(norm) || norm == 0) return (tau, norm);
        double s = Math.ScaleB(1.0, -Math.ILogB(norm));
        return (tau * s, norm * s);
    }
}
