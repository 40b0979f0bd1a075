using System.Numerics.Tensors;

namespace PrunAdag.Tests.Reference;

/// <summary>What the reference did at one iteration k (everything the invariants of docs/algorithm.md, Steps 1–6, talk about).</summary>
public sealed class ReferenceStep
{
    public required int K { get; init; }
    public required double[] X { get; init; }          // x_k
    public required double[] G { get; init; }          // g_k
    public required double[] XNext { get; init; }      // x_{k+1}
    public required double[] S { get; init; }          // s_k = x_{k+1} − x_k as docs/algorithm.md, Step 6, writes it
    public required bool[] InR { get; init; }
    public required bool[] InS { get; init; }
    public required bool[] InA { get; init; }
    public required bool[] InO { get; init; }
    public required bool[] InD { get; init; }
    public required double[] LowerBound { get; init; } // a_i (NaN for i ∈ R_k)
    public required double[] UpperBound { get; init; } // b_i (NaN for i ∈ R_k)
    public required double[] WOBefore { get; init; }
    public required double[] WOAfter { get; init; }
    public required double[] WDBefore { get; init; }
    public required double[] WDAfter { get; init; }
    public required int BelowDeltaAfter { get; init; } // #{i : |x_{k+1,i}| < δ}
    public int CountO => InO.Count(b => b);
    public int CountA => InA.Count(b => b);
    public int CountD => InD.Count(b => b);
}

/// <summary>A whole reference run: the steps taken and x_K.</summary>
public sealed class ReferenceRun
{
    public required List<ReferenceStep> Steps { get; init; }
    public required double[] FinalX { get; init; }
    public required double[] FinalG { get; init; }
    public required bool Converged { get; init; }
}

/// <summary>
/// An independent, deliberately plain implementation of Algorithm 2.1 as docs/algorithm.md states it
/// (Steps 1–6, Table 1, B1, B3), written from that page and not from the library: every set is an
/// explicit boolean array, R_k comes from a full stable sort (C1), every step is a separate loop.
/// Only the floating-point operation order is aligned with the library where the paper leaves it open and
/// docs/algorithm.md fixes it (C4, C5, C6, C12; marked "ORDER:"), so that trajectories can be compared bitwise.
/// </summary>
public sealed class ReferencePrunAdag
{
    public enum Kind { V1, V2, V3, V4, RelevantOnly, Adagrad }

    private readonly Kind _kind;
    private readonly Variant _base; // the variant whose a_i, b_i are used (base variant for relevant-only)
    private readonly int _t;
    private readonly double _sigma0, _eta, _delta;

    public ReferencePrunAdag(Kind kind, int targetRelevant, double sigma0 = 0.01, double eta = 1.0,
        Variant baseVariant = Variant.V3, double delta = 1e-3)
    {
        _kind = kind; _t = targetRelevant; _sigma0 = sigma0; _eta = eta; _delta = delta;
        _base = kind switch
        {
            Kind.V1 => Variant.V1, Kind.V2 => Variant.V2, Kind.V3 => Variant.V3, Kind.V4 => Variant.V4,
            _ => baseVariant,
        };
    }

    /// <summary>R_k by a full stable sort of the indices by decreasing |g_i| (so ties keep the smaller index first).</summary>
    public static bool[] RelevantSet(IReadOnlyList<double> g, int t)
    {
        var order = Enumerable.Range(0, g.Count).OrderByDescending(i => Math.Abs(g[i])).ToArray(); // LINQ OrderBy is stable
        var inR = new bool[g.Count];
        foreach (int i in order.Take(t)) inR[i] = true;
        return inR;
    }

    /// <summary>Runs at most <paramref name="maxIterations"/> steps from x0 with the gradient of <paramref name="f"/>.</summary>
    public ReferenceRun Run(Objective f, double[] x0, int maxIterations, double gtol = 1e-9)
    {
        int n = x0.Length;
        var x = (double[])x0.Clone();
        var wO = Enumerable.Repeat(_sigma0, n).ToArray(); // w_{i,−1} = ς
        var wD = Enumerable.Repeat(_sigma0, n).ToArray();
        var steps = new List<ReferenceStep>();
        for (int k = 0; ; k++)
        {
            var g = new double[n];
            f.Gradient(x, g);
            // ORDER: ‖g‖ is summed in the library's fixed order (FixedOrderReference; docs/algorithm.md, C6).
            double gnorm = FixedOrderReference.Norm(g);
            if (gnorm <= gtol) return new ReferenceRun { Steps = steps, FinalX = x, FinalG = g, Converged = true };
            if (k >= maxIterations) return new ReferenceRun { Steps = steps, FinalX = x, FinalG = g, Converged = false };
            var step = Step(k, x, g, wO, wD);
            steps.Add(step);
            x = (double[])step.XNext.Clone();
        }
    }

    /// <summary>The Euclidean norm of v restricted to the marked indices.</summary>
    /// <summary>Σ v_i² over the member indices in the fixed order of docs/algorithm.md, C6.</summary>
    public static double SumOfSquares(double[] v, bool[] member)
    {
        // ORDER: four partial sums, partial j taking the squares of the member indices i ≡ j (mod 4) in increasing
        // i, combined as ((s0 + s1) + (s2 + s3)) — the fixed order of C6 (four independent addition chains instead of
        // one; the paper leaves the order open).
        var partial = new double[4];
        for (int i = 0; i < v.Length; i++)
            if (member[i]) partial[i % 4] += v[i] * v[i];
        return (partial[0] + partial[1]) + (partial[2] + partial[3]);
    }

    private static double Norm(double[] v, bool[] member)
    {
        // The C6 sum; on under- or overflow: C5.
        double sum = SumOfSquares(v, member), max = 0;
        for (int i = 0; i < v.Length; i++)
            if (member[i]) max = Math.Max(max, Math.Abs(v[i]));
        if (max == 0 || (sum >= 1e-292 /* ≈ 2^52 · smallest normal: no term lost to subnormals */ && double.IsFinite(sum))) return Math.Sqrt(sum);
        double scaled = 0;
        for (int i = 0; i < v.Length; i++)
            if (member[i]) { double t = v[i] / max; scaled += t * t; }
        return max * Math.Sqrt(scaled);
    }

    /// <summary>One iteration of Algorithm 2.1 (Steps 1–6). Updates <paramref name="wO"/>, <paramref name="wD"/> in place.</summary>
    public ReferenceStep Step(int k, double[] x, double[] g, double[] wO, double[] wD)
    {
        int n = x.Length;
        var wOBefore = (double[])wO.Clone();
        var wDBefore = (double[])wD.Clone();

        // Step 1: R_k (Adagrad: every component is "relevant", T = n and no classification).
        var inR = _kind == Kind.Adagrad ? Enumerable.Repeat(true, n).ToArray() : RelevantSet(g, _t);

        // Step 2: tentative optimisation weights.
        var hatWO = new double[n];
        for (int i = 0; i < n; i++) hatWO[i] = Math.Sqrt(wO[i] * wO[i] + g[i] * g[i]);

        // Step 3: S_k, the bounds of Table 1, A_k, O_k, D_k.
        var inS = new bool[n];
        for (int i = 0; i < n; i++) inS[i] = !inR[i] && x[i] != 0 && Math.Sign(x[i]) == Math.Sign(g[i]);
        // ORDER: both norms are sums of squares in the fixed order of Norm below, then a square root each — unless that
        // sum underflows or overflows, where Table 1's norm is still a representable number and is computed scaled (C5)
        // (see NormUnderflowTests; the random grid never reaches that case, so the comparison stays bitwise).
        double normGR = Norm(g, inR), normXS = Norm(x, inS);
        bool sNonEmpty = inS.Any(b => b);
        bool rescaled = _base is Variant.V1 or Variant.V3, capped = _base is Variant.V3 or Variant.V4;
        var a = new double[n]; var b = new double[n];
        for (int i = 0; i < n; i++)
        {
            if (inR[i]) { a[i] = b[i] = double.NaN; continue; }
            // ORDER: a_i = |x_i| · c with c = (‖g‖_R/‖x‖_S)/(k+1) (V1/V3) or 1/(k+1) (V2/V4), the scalar c formed first
            // (docs/algorithm.md, C4: one division per iteration). When S_k is empty the ratio is 0/0; C4 says no
            // a_i is then needed (A_k = ∅, no decreasable step moves), so use 0.
            double ratio = sNonEmpty ? normGR / normXS : 0.0;
            a[i] = Math.Abs(x[i]) * ((rescaled ? ratio : 1.0) / (k + 1.0));
            b[i] = capped ? Math.Abs(x[i]) : double.PositiveInfinity;
        }
        var inA = new bool[n];
        if (_kind is not (Kind.RelevantOnly or Kind.Adagrad))
            for (int i = 0; i < n; i++)
            {
                if (!inS[i]) continue;
                // Step 3: a_i ≤ |g_i|/ŵO_i ≤ b_i, decided in real arithmetic (C12).
                inA[i] = ExactRational.AtMostQuotient(a[i], Math.Abs(g[i]), hatWO[i])
                         && ExactRational.QuotientAtMost(Math.Abs(g[i]), hatWO[i], b[i]);
            }
        var inO = new bool[n]; var inD = new bool[n];
        for (int i = 0; i < n; i++) { inO[i] = inR[i] || inA[i]; inD[i] = !inO[i]; }

        var s = new double[n];
        // Step 4: optimisable step, s_i = −η g_i / wO_i with wO_i := ŵO_i.
        for (int i = 0; i < n; i++)
        {
            if (!inO[i]) continue;
            wO[i] = hatWO[i];
            s[i] = -_eta * g[i] / wO[i]; // = −(η g_i)/w_i bitwise: negation commutes with rounding
        }
        // Step 5: decreasable step, rule (17).
        for (int i = 0; i < n; i++)
        {
            if (!inD[i]) continue;
            wD[i] = Math.Sqrt(wD[i] * wD[i] + x[i] * x[i]);
            double r = Math.Abs(x[i]) / wD[i];
            s[i] = inS[i] ? -Math.Sign(x[i]) * Math.Min(a[i], r) : 0.0;
        }
        // Step 6.
        var xNext = new double[n];
        int below = 0;
        for (int i = 0; i < n; i++)
        {
            xNext[i] = x[i] + s[i];
            if (Math.Abs(xNext[i]) < _delta) below++;
        }
        return new ReferenceStep
        {
            K = k, X = (double[])x.Clone(), G = (double[])g.Clone(), XNext = xNext, S = s,
            InR = inR, InS = inS, InA = inA, InO = inO, InD = inD, LowerBound = a, UpperBound = b,
            WOBefore = wOBefore, WOAfter = (double[])wO.Clone(), WDBefore = wDBefore, WDAfter = (double[])wD.Clone(),
            BelowDeltaAfter = below,
        };
    }
}
