namespace PrunAdag;

/// <summary>Plain Adagrad (spec, "Baselines"): s = −η g / w with w_i = sqrt(ς² + Σ_j g_{i,j}²).</summary>
public sealed class AdagradMinimizer : Minimizer
{
    /// <summary>Creates the minimizer (paper defaults when <paramref name="options"/> is null).</summary>
    public AdagradMinimizer(AdagradOptions? options = null) => AdagradOptions = options ?? new AdagradOptions();

    /// <summary>The options.</summary>
    public AdagradOptions AdagradOptions { get; }

    /// <inheritdoc/>
    public override MinimizerOptions Options => AdagradOptions;

    /// <inheritdoc/>
    public override Method Method => Method.Adagrad;

    /// <inheritdoc/>
    public override int TargetRelevantFor(int dimension) => dimension;

    private protected override StepKernel CreateKernel(int dimension) => new AdagradKernel(dimension, AdagradOptions.Sigma0, AdagradOptions.StepScale);
}

internal sealed class AdagradKernel : StepKernel
{
    private readonly double[] _w;
    private readonly double _eta;

    public AdagradKernel(int n, double sigma0, double eta) : base(n)
    {
        _w = new double[n];
        Array.Fill(_w, sigma0); // w_{i,−1} = ς
        _eta = eta;
    }

    public override void Step(int k, Span<double> x, ReadOnlySpan<double> g, double delta, out StepCounts counts)
    {
        var w = _w.AsSpan(0, x.Length);
        int below = 0;
        for (int i = 0; i < x.Length; i++)
        {
            double gi = g[i];
            double wi = Math.Sqrt(w[i] * w[i] + gi * gi); // w_{i,k} = sqrt(w_{i,k−1}² + g_{i,k}²)
            w[i] = wi;
            double xNew = x[i] + PrunAdagKernel.AdagradStep(_eta, gi, wi);
            x[i] = xNew;
            if (Math.Abs(xNew) < delta) below++;
        }
        counts = new StepCounts { Optimisable = x.Length, BelowDelta = below };
    }
}
