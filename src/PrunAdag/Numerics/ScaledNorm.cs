namespace PrunAdag;

/// <summary>
/// Euclidean norms whose sum of squares under- or overflowed (docs/algorithm.md C5): the norm is then recomputed as
/// M · √(Σ (v_i / M)²) with M the largest |v_i|, the scaled sum taken in increasing index order. A sum of squares in
/// [10⁻²⁹², ∞) lost nothing (10⁻²⁹² ≈ 2⁵² times the smallest normal number), so ordinary norms take √sum and keep
/// their bits; only sums that did lose terms, or overflowed, take the slower path.
/// </summary>
internal static class ScaledNorm
{
    /// <summary>Whether √<paramref name="sumOfSquares"/> is the norm as it stands: no term was lost to underflow and nothing overflowed.</summary>
    public static bool Representable(double sumOfSquares) => sumOfSquares >= 1e-292 && double.IsFinite(sumOfSquares);

    /// <summary>‖<paramref name="values"/>‖₂ given its sum of squares in the caller's fixed order (C6), rescaled if needed (C5).</summary>
    public static double Of(double sumOfSquares, ReadOnlySpan<double> values)
    {
        if (Representable(sumOfSquares)) return Math.Sqrt(sumOfSquares);
        double max = 0, scaled = 0;
        foreach (double v in values) max = Math.Max(max, Math.Abs(v));
        if (max == 0) return Math.Sqrt(sumOfSquares);
        foreach (double v in values) { double t = v / max; scaled += t * t; }
        return max * Math.Sqrt(scaled);
    }

    /// <summary>‖<paramref name="a"/> − <paramref name="b"/>‖₂ given its sum of squares in the caller's fixed order (C6), rescaled if needed (C5).</summary>
    public static double OfDifference(double sumOfSquares, ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        if (Representable(sumOfSquares)) return Math.Sqrt(sumOfSquares);
        double max = 0, scaled = 0;
        for (int i = 0; i < a.Length; i++) max = Math.Max(max, Math.Abs(a[i] - b[i]));
        if (max == 0) return Math.Sqrt(sumOfSquares);
        for (int i = 0; i < a.Length; i++) { double t = (a[i] - b[i]) / max; scaled += t * t; }
        return max * Math.Sqrt(scaled);
    }
}
