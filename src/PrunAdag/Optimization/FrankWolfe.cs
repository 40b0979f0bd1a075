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
        Sum4 gR2 = default; // the kernels' fixed order (C6), so this v is bitwise the kernels' vertex
        foreach (int i in r) gR2.Add(i, gradient[i] * gradient[i]);
        double gR = Math.Sqrt(gR2.Total);
        var v = new double[gradient.Length];
        if (gR > 0) foreach (int i in r) v[i] = Vertex(tau, gradient[i], gR);
        return v;
    }

    /// <summary>v_i = −τ g_i/‖g‖_R for i ∈ R.</summary>
    internal static double Vertex(double tau, double gi, double gR) => -tau * gi / gR;
}
