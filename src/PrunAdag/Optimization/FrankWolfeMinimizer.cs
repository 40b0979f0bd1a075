using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

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
        Sum4 gR2 = default; // the kernels' fixed order, so the oracle's v is bitwise the kernels' vertex
        foreach (int i in r) gR2.Add(i, gradient[i] * gradient[i]);
        double gR = Math.Sqrt(gR2.Total);
        var v = new double[gradient.Length];
        if (gR > 0) foreach (int i in r) v[i] = Vertex(tau, gradient[i], gR);
        return v;
    }

    internal static double Vertex(double tau, double gi, double gR) => -tau * gi / gR;
}

internal sealed class FrankWolfeKernel : StepKernel
{
    private readonly double[] _scratch;
    private SelectionHint _hint; // the last threshold: successive gradients select alike
    private readonly FrankWolfeRule _rule;
    private readonly double _tau, _beta;

    public FrankWolfeKernel(int n, int t, FrankWolfeOptions o) : base(t)
    {
        _scratch = new double[n];
        _rule = o.Rule; _tau = o.EffectiveTau; _beta = o.Beta;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // one call does O(n) work: skip the tier-0 pass
    public override void Step(int k, Span<double> x, ReadOnlySpan<double> g, double delta, out StepCounts counts)
    {
        int n = x.Length;
        var cut = RelevantSet.Find(g, TargetRelevant, _scratch, ref _hint);
        double gR = Math.Sqrt(SumOverR(cut, g));
        // gR = 0 means g = 0, which the driver stops on before any step; guard anyway (v = 0).
        double scale = gR > 0 ? 1.0 : 0.0;

        double eta;
        if (_rule == FrankWolfeRule.FW1) eta = 1.0 / (k + 1.0); // FW1: η_k = 1/(k+1), so the first step lands on v_0
        else
        {
            // FW2: η_k = min(β‖g‖_R / ‖v_k − x_k‖, 1).
            double dn = Math.Sqrt(DistanceSquared(cut, x, g, gR));
            eta = dn > 0 ? Math.Min(_beta * gR / dn, 1.0) : 1.0;
        }

        // x_{k+1} = x_k + η_k (v_k − x_k), a vector at a time with each component's scalar arithmetic.
        var c = cut.Cursor();
        int below = 0, i = 0;
        if (Vector.IsHardwareAccelerated && n >= Vector<double>.Count)
        {
            int width = Vector<double>.Count;
            ref double xr = ref MemoryMarshal.GetReference(x);
            ref double gr = ref MemoryMarshal.GetReference(g);
            var negTau = new Vector<double>(-_tau); var gRV = new Vector<double>(gR);
            var etaV = new Vector<double>(eta); var deltaV = new Vector<double>(delta);
            var accBelow = Vector<long>.Zero;
            var thr = new Vector<double>(cut.Threshold);
            int ties = cut.TiesToTake;
            for (; i <= n - width; i += width)
            {
                nuint at = (nuint)i;
                var gv = Vector.LoadUnsafe(ref gr, at); var xv = Vector.LoadUnsafe(ref xr, at);
                var rel = RelevantCursor.Mask(Vector.Abs(gv), thr, cut.All, ref ties);
                if (!(scale > 0)) rel = Vector<long>.Zero;
                var v = Vector.ConditionalSelect(rel, negTau * gv / gRV, Vector<double>.Zero);
                var xNew = xv + etaV * (v - xv);
                xNew.StoreUnsafe(ref xr, at);
                accBelow -= Vector.LessThan(Vector.Abs(xNew), deltaV);
            }
            below = (int)Vector.Sum(accBelow);
            c = new RelevantCursor(cut.Threshold, ties, cut.All);
        }
        for (; i < n; i++)
        {
            double gi = g[i];
            double vi = c.IsRelevant(Math.Abs(gi)) && scale > 0 ? FrankWolfeMinimizer.Vertex(_tau, gi, gR) : 0.0;
            double xNew = x[i] + eta * (vi - x[i]);
            x[i] = xNew;
            if (Math.Abs(xNew) < delta) below++;
        }
        counts = new StepCounts { BelowDelta = below };
    }

    /// <summary>Σ_{i∈R} g_i² in the fixed order of <see cref="Sum4"/> (+0 for i ∉ R leaves the sum bitwise unchanged).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double SumOverR(RelevantCut cut, ReadOnlySpan<double> g)
    {
        int n = g.Length, i = 0, ties = cut.TiesToTake;
        Sum4 s = default;
        if (Vector256.IsHardwareAccelerated && n >= 4)
        {
            ref double gr = ref MemoryMarshal.GetReference(g);
            var thr = Vector256.Create(cut.Threshold);
            var acc = Vector256<double>.Zero;
            for (; i <= n - 4; i += 4)
            {
                var gv = Vector256.LoadUnsafe(ref gr, (nuint)i);
                acc += Vector256.ConditionalSelect(RelevantCursor.Mask4(Vector256.Abs(gv), thr, cut.All, ref ties), gv * gv, Vector256<double>.Zero);
            }
            s = Sum4.From(acc);
        }
        var c = new RelevantCursor(cut.Threshold, ties, cut.All);
        for (; i < n; i++) { double gi = g[i]; if (c.IsRelevant(Math.Abs(gi))) s.Add(i, gi * gi); }
        return s.Total;
    }

    /// <summary>‖v − x‖² in the fixed order of <see cref="Sum4"/> (FW2's step size).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private double DistanceSquared(RelevantCut cut, ReadOnlySpan<double> x, ReadOnlySpan<double> g, double gR)
    {
        int n = g.Length, i = 0, ties = cut.TiesToTake;
        Sum4 s = default;
        if (Vector256.IsHardwareAccelerated && n >= 4)
        {
            ref double xr = ref MemoryMarshal.GetReference(x);
            ref double gr = ref MemoryMarshal.GetReference(g);
            var negTau = Vector256.Create(-_tau); var gRV = Vector256.Create(gR);
            var thr = Vector256.Create(cut.Threshold);
            var acc = Vector256<double>.Zero;
            for (; i <= n - 4; i += 4)
            {
                var gv = Vector256.LoadUnsafe(ref gr, (nuint)i);
                var rel = RelevantCursor.Mask4(Vector256.Abs(gv), thr, cut.All, ref ties);
                if (!(gR > 0)) rel = Vector256<double>.Zero;
                var d = Vector256.ConditionalSelect(rel, negTau * gv / gRV, Vector256<double>.Zero) - Vector256.LoadUnsafe(ref xr, (nuint)i);
                acc += d * d;
            }
            s = Sum4.From(acc);
        }
        var c = new RelevantCursor(cut.Threshold, ties, cut.All);
        for (; i < n; i++)
        {
            double gi = g[i];
            double vi = c.IsRelevant(Math.Abs(gi)) && gR > 0 ? FrankWolfeMinimizer.Vertex(_tau, gi, gR) : 0.0;
            double d = vi - x[i];
            s.Add(i, d * d);
        }
        return s.Total;
    }
}
