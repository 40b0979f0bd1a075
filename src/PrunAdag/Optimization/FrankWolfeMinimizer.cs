namespace PrunAdag;

/// <summary>
/// Frank–Wolfe on the T-support-norm ball C_T(τ) = conv{x : ‖x‖₀ ≤ T, ‖x‖₂ ≤ τ} (spec, "Baselines";
/// Zimmer, Spiegel, Pokutta), the paper's FW1 and FW2 comparisons.
/// </summary>
public sealed class FrankWolfeMinimizer : Minimizer
{
    /// <summary>Creates the minimizer (FW1 with τ = 50 when <paramref name="options"/> is null).</summary>
    public FrankWolfeMinimizer(FrankWolfeOptions? options = null) => FrankWolfeOptions = options ?? new FrankWolfeOptions();

    /// <summary>The options.</summary>
    public FrankWolfeOptions FrankWolfeOptions { get; }

    /// <inheritdoc/>
    public override MinimizerOptions Options => FrankWolfeOptions;

    /// <inheritdoc/>
    public override Method Method => FrankWolfeOptions.Rule == FrankWolfeRule.FW1 ? Method.FW1 : Method.FW2;

    /// <inheritdoc/>
    public override int TargetRelevantFor(int dimension)
    {
        int t = FrankWolfeOptions.TargetRelevant ?? DefaultTargetRelevant(dimension);
        RelevantSet.CheckT(t, dimension);
        return t;
    }

    private protected override StepKernel CreateKernel(int dimension) =>
        new FrankWolfeKernel(dimension, TargetRelevantFor(dimension), FrankWolfeOptions);

    /// <summary>
    /// The linear minimisation oracle over C_T(τ): v_i = −τ g_i/‖g‖_R on R (the T largest |g_i|), 0 elsewhere.
    /// </summary>
    public static double[] LinearMinimizationOracle(ReadOnlySpan<double> gradient, int targetRelevant, double tau)
    {
        var r = RelevantSet.Select(gradient, targetRelevant);
        double gR2 = 0;
        foreach (int i in r) gR2 += gradient[i] * gradient[i];
        double gR = Math.Sqrt(gR2);
        var v = new double[gradient.Length];
        if (gR > 0) foreach (int i in r) v[i] = Vertex(tau, gradient[i], gR);
        return v;
    }

    internal static double Vertex(double tau, double gi, double gR) => -tau * gi / gR;
}

internal sealed class FrankWolfeKernel : StepKernel
{
    private readonly double[] _scratch;
    private readonly FrankWolfeRule _rule;
    private readonly double _tau, _beta;

    public FrankWolfeKernel(int n, int t, FrankWolfeOptions o) : base(t)
    {
        _scratch = new double[n];
        _rule = o.Rule; _tau = o.EffectiveTau; _beta = o.Beta;
    }

    public override void Step(int k, Span<double> x, ReadOnlySpan<double> g, double delta, out StepCounts counts)
    {
        int n = x.Length;
        var cut = RelevantSet.Find(g, TargetRelevant, _scratch);
        double gR2 = 0;
        var c = cut.Cursor();
        for (int i = 0; i < n; i++) { double gi = g[i]; if (c.IsRelevant(Math.Abs(gi))) gR2 += gi * gi; }
        double gR = Math.Sqrt(gR2);
        // gR = 0 means g = 0, which the driver stops on before any step; guard anyway (v = 0).
        double scale = gR > 0 ? 1.0 : 0.0;

        double eta;
        if (_rule == FrankWolfeRule.FW1) eta = 1.0 / (k + 1.0); // FW1: η_k = 1/(k+1), so the first step lands on v_0
        else
        {
            // FW2: η_k = min(β‖g‖_R / ‖v_k − x_k‖, 1).
            double d2 = 0;
            c = cut.Cursor();
            for (int i = 0; i < n; i++)
            {
                double gi = g[i];
                double vi = c.IsRelevant(Math.Abs(gi)) && gR > 0 ? FrankWolfeMinimizer.Vertex(_tau, gi, gR) : 0.0;
                double d = vi - x[i];
                d2 += d * d;
            }
            double dn = Math.Sqrt(d2);
            eta = dn > 0 ? Math.Min(_beta * gR / dn, 1.0) : 1.0;
        }

        // x_{k+1} = x_k + η_k (v_k − x_k).
        c = cut.Cursor();
        int below = 0;
        for (int i = 0; i < n; i++)
        {
            double gi = g[i];
            double vi = c.IsRelevant(Math.Abs(gi)) && scale > 0 ? FrankWolfeMinimizer.Vertex(_tau, gi, gR) : 0.0;
            double xNew = x[i] + eta * (vi - x[i]);
            x[i] = xNew;
            if (Math.Abs(xNew) < delta) below++;
        }
        counts = new StepCounts { BelowDelta = below };
    }
}
