namespace PrunAdag;

/// <summary>
/// prunAdag (Porcelli, Seraghiti, Toint, COAP 2026, Algorithm 2.1): Adagrad on the optimisable
/// components, an Adagrad-like trust-region step that shrinks |x_i| on the decreasable ones.
/// </summary>
public sealed class PrunAdagMinimizer : Minimizer
{
    /// <summary>Creates the minimizer (paper defaults when <paramref name="options"/> is null).</summary>
    public PrunAdagMinimizer(PrunAdagOptions? options = null) => PrunAdagOptions = options ?? new PrunAdagOptions();

    /// <summary>The options.</summary>
    public PrunAdagOptions PrunAdagOptions { get; }

    /// <inheritdoc/>
    public override MinimizerOptions Options => PrunAdagOptions;

    /// <inheritdoc/>
    public override Method Method => PrunAdagOptions.RelevantOnly ? Method.RelevantOnly : (Method)((int)PrunAdagOptions.Variant - 1);

    /// <inheritdoc/>
    public override int TargetRelevantFor(int dimension)
    {
        int t = PrunAdagOptions.TargetRelevant ?? DefaultTargetRelevant(dimension);
        RelevantSet.CheckT(t, dimension);
        return t;
    }

    private protected override StepKernel CreateKernel(int dimension) => new PrunAdagKernel(dimension, TargetRelevantFor(dimension), PrunAdagOptions);
}

/// <summary>One run's state of Algorithm 2.1: wO, wD (both start at ς, w_{i,−1} = ς) and scratch for selection.</summary>
internal sealed class PrunAdagKernel : StepKernel
{
    private readonly double[] _wO, _wD, _scratch;
    private readonly Variant _variant;
    private readonly bool _relevantOnly, _rescaled, _capped;
    private readonly double _eta;

    public PrunAdagKernel(int n, int t, PrunAdagOptions o) : base(t)
    {
        _wO = new double[n]; _wD = new double[n]; _scratch = new double[n];
        Array.Fill(_wO, o.Sigma0); Array.Fill(_wD, o.Sigma0);
        _variant = o.Variant; _relevantOnly = o.RelevantOnly; _eta = o.StepScale;
        _rescaled = _variant is Variant.V1 or Variant.V3; // Table 1: a_i carries ‖g‖_R/‖x‖_S
        _capped = _variant is Variant.V3 or Variant.V4;   // Table 1: b_i = |x_i| (no sign flips)
    }

    public override bool Classifies => true;

    public override void Step(int k, Span<double> x, ReadOnlySpan<double> g, double delta, out StepCounts counts)
    {
        int n = x.Length;
        // Step 1: R_k = the T largest |g_i|, ties to the smaller index.
        var cut = RelevantSet.Find(g, TargetRelevant, _scratch);

        // ‖g‖_R and ‖x‖_S for the V1/V3 bound (Table 1). S_k = {i ∉ R_k : sign x_i = sign g_i, x_i ≠ 0}.
        double ratio = 1.0;
        if (_rescaled)
        {
            double gR2 = 0, xS2 = 0;
            var c = cut.Cursor();
            for (int i = 0; i < n; i++)
            {
                double gi = g[i], xi = x[i];
                if (c.IsRelevant(Math.Abs(gi))) gR2 += gi * gi;
                else if (InS(xi, gi)) xS2 += xi * xi;
            }
            // With S_k empty no a_i is ever used (A_k = ∅ and no decreasable step moves); avoid 0/0.
            ratio = xS2 > 0 ? Math.Sqrt(gR2) / Math.Sqrt(xS2) : 0.0;
        }
        double kPlus1 = k + 1.0;

        var cursor = cut.Cursor();
        int nO = 0, nA = 0, nD = 0, below = 0;
        var wO = _wO.AsSpan(0, n); var wD = _wD.AsSpan(0, n);
        for (int i = 0; i < n; i++)
        {
            double gi = g[i], xi = x[i];
            // Step 2: tentative optimisation weight ŵO_i = sqrt(wO_i² + g_i²).
            double hatW = Math.Sqrt(wO[i] * wO[i] + gi * gi);
            double xNew;
            if (cursor.IsRelevant(Math.Abs(gi)))
            {
                // Step 4 for i ∈ R_k ⊆ O_k: Adagrad step s_i = −η g_i / wO_i.
                wO[i] = hatW;
                xNew = xi + AdagradStep(_eta, gi, hatW);
                nO++;
            }
            else
            {
                double ax = Math.Abs(xi);
                bool inS = InS(xi, gi);
                // Table 1: a_i = |x_i|/(k+1) (· ‖g‖_R/‖x‖_S for V1/V3).
                double a = _rescaled ? ax / kPlus1 * ratio : ax / kPlus1;
                bool accept = false;
                if (!_relevantOnly && inS)
                {
                    // Step 3: A_k = {i ∈ S_k : a_i ≤ |g_i|/ŵO_i ≤ b_i}, b_i = |x_i| (V3/V4) or +∞ (V1/V2).
                    double q = Math.Abs(gi) / hatW;
                    accept = a <= q && (!_capped || q <= ax);
                }
                if (accept)
                {
                    // Step 4 for i ∈ A_k ⊆ O_k.
                    wO[i] = hatW;
                    xNew = xi + AdagradStep(_eta, gi, hatW);
                    nO++; nA++;
                }
                else
                {
                    // Step 5, i ∈ D_k: wO_i unchanged; wD_i = sqrt(wD_i² + x_i²); r_i = |x_i|/wD_i;
                    // rule (17): s_i = −sign(x_i)·min(a_i, r_i) on S_k, 0 elsewhere.
                    double w = Math.Sqrt(wD[i] * wD[i] + xi * xi);
                    wD[i] = w;
                    xNew = inS ? xi - Math.Sign(xi) * Math.Min(a, ax / w) : xi;
                    nD++;
                }
            }
            x[i] = xNew; // Step 6: x_{k+1} = x_k + s_k.
            if (Math.Abs(xNew) < delta) below++;
        }
        counts = new StepCounts { Optimisable = nO, Acceptable = nA, Decreasable = nD, BelowDelta = below };
    }

    /// <summary>Step 3's S_k membership test for i ∉ R_k: a gradient step would shrink |x_i|.</summary>
    internal static bool InS(double xi, double gi) => xi != 0 && Math.Sign(xi) == Math.Sign(gi);

    /// <summary>s_i = −η g_i / w_i (Step 4); shared with Adagrad so that T = n gives bitwise the same iterates.</summary>
    internal static double AdagradStep(double eta, double gi, double w) => -(eta * gi) / w;
}
