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
        int below = 0, i = 0, width = Vector<double>.Count;
        bool vectors = Vector.IsHardwareAccelerated && n >= width;
        while (i < n)
        {
            // Whole vectors until the end or a vector holding a tie of the threshold while ties are still to be
            // handed out; the scalar loop takes that vector (through the cursor, in index order) or the tail.
            if (vectors) i = StepVectors(x, g, i, c.Threshold, c.All, c.TiesLeft, scale > 0, _tau, gR, eta, delta, ref below);
            int end = vectors && i <= n - width ? i + width : n;
            for (; i < end; i++)
            {
                double gi = g[i];
                double vi = c.IsRelevant(Math.Abs(gi)) && scale > 0 ? FrankWolfeMinimizer.Vertex(_tau, gi, gR) : 0.0;
                double xNew = x[i] + eta * (vi - x[i]);
                x[i] = xNew;
                if (Math.Abs(xNew) < delta) below++;
            }
        }
        counts = new StepCounts { BelowDelta = below };
    }

    /// <summary>
    /// The step a vector at a time from index <paramref name="i"/>; returns the first index left to the scalar
    /// loop (the tail, or a vector holding a tie of the threshold while <paramref name="ties"/> &gt; 0). No call
    /// and no address-taken local inside, so every constant and the count stay in registers.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int StepVectors(Span<double> x, ReadOnlySpan<double> g, int i, double threshold, bool all, int ties,
        bool vertex, double tau, double gR, double eta, double delta, ref int below)
    {
        int n = x.Length, width = Vector<double>.Count;
        ref double xr = ref MemoryMarshal.GetReference(x);
        ref double gr = ref MemoryMarshal.GetReference(g);
        var negTau = new Vector<double>(-tau); var gRV = new Vector<double>(gR);
        var etaV = new Vector<double>(eta); var deltaV = new Vector<double>(delta);
        var thr = new Vector<double>(threshold);
        var accBelow = Vector<long>.Zero;
        for (; i <= n - width; i += width)
        {
            nuint at = (nuint)i;
            var gv = Vector.LoadUnsafe(ref gr, at); var xv = Vector.LoadUnsafe(ref xr, at);
            Vector<long> rel;                                                  // i ∈ R_k
            if (all) rel = Vector<long>.AllBitsSet;
            else
            {
                var absG = Vector.Abs(gv);
                rel = Vector.GreaterThan(absG, thr);
                if (ties > 0 && Vector.EqualsAny(absG, thr)) break;            // ties go in index order: scalar
            }
            if (!vertex) rel = Vector<long>.Zero;
            var v = Vector.ConditionalSelect(rel, negTau * gv / gRV, Vector<double>.Zero); // v_k on R_k, 0 elsewhere
            var xNew = xv + etaV * (v - xv);
            xNew.StoreUnsafe(ref xr, at);
            accBelow -= Vector.LessThan(Vector.Abs(xNew), deltaV);
        }
        below += (int)Vector.Sum(accBelow);
        return i;
    }

    /// <summary>Σ_{i∈R} g_i² in the fixed order of <see cref="Sum4"/> (+0 for i ∉ R leaves the sum bitwise unchanged).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double SumOverR(RelevantCut cut, ReadOnlySpan<double> g) => Sums(cut, g, g, 0, 0, distance: false);

    /// <summary>‖v − x‖² in the fixed order of <see cref="Sum4"/> (FW2's step size).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private double DistanceSquared(RelevantCut cut, ReadOnlySpan<double> x, ReadOnlySpan<double> g, double gR) =>
        Sums(cut, x, g, _tau, gR, distance: true);

    /// <summary>
    /// Σ_{i∈R} g_i² (<paramref name="distance"/> false) or Σ_i (v_i − x_i)² with v_i = −τ g_i/‖g‖_R on R, 0
    /// elsewhere (true), four lanes at a time in <see cref="Sum4"/>'s order; four lanes holding a tie of the
    /// threshold while ties are left go through the cursor, lane by lane.
    /// </summary>
    private static double Sums(RelevantCut cut, ReadOnlySpan<double> x, ReadOnlySpan<double> g, double tau, double gR, bool distance)
    {
        int n = g.Length, i = 0;
        var c = cut.Cursor();
        var acc = Vector256<double>.Zero; // lane j: the partial sum of the indices ≡ j (mod 4)
        if (Vector256.IsHardwareAccelerated)
            while (i <= n - 4)
            {
                i = SumVectors(x, g, i, c.Threshold, c.All, c.TiesLeft, tau, gR, distance, ref acc);
                if (i > n - 4) break;
                var terms = Vector256<double>.Zero;
                for (int l = 0; l < 4; l++, i++) terms = terms.WithElement(l, Term(ref c, x, g, i, tau, gR, distance));
                acc += terms;
            }
        var s = Sum4.From(acc);
        for (; i < n; i++) s.Add(i, Term(ref c, x, g, i, tau, gR, distance));
        return s.Total;
    }

    private static double Term(ref RelevantCursor c, ReadOnlySpan<double> x, ReadOnlySpan<double> g, int i, double tau, double gR, bool distance)
    {
        double gi = g[i];
        bool rel = c.IsRelevant(Math.Abs(gi));
        if (!distance) return rel ? gi * gi : 0.0;
        double vi = rel && gR > 0 ? FrankWolfeMinimizer.Vertex(tau, gi, gR) : 0.0;
        double d = vi - x[i];
        return d * d;
    }

    /// <summary>The four-lane loop of <see cref="Sums"/>; stops at the tail or at a tie while ties are left. No call inside.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int SumVectors(ReadOnlySpan<double> x, ReadOnlySpan<double> g, int i, double threshold, bool all, int ties,
        double tau, double gR, bool distance, ref Vector256<double> accRef)
    {
        int n = g.Length;
        var acc = accRef;
        ref double xr = ref MemoryMarshal.GetReference(x);
        ref double gr = ref MemoryMarshal.GetReference(g);
        var zero = Vector256<double>.Zero; var thr = Vector256.Create(threshold);
        var negTau = Vector256.Create(-tau); var gRV = Vector256.Create(gR);
        bool vertex = gR > 0;
        for (; i <= n - 4; i += 4)
        {
            var gv = Vector256.LoadUnsafe(ref gr, (nuint)i);
            var absG = Vector256.Abs(gv);
            Vector256<double> rel;
            if (all) rel = Vector256<double>.AllBitsSet;
            else
            {
                rel = Vector256.GreaterThan(absG, thr);
                if (ties > 0 && Vector256.EqualsAny(absG, thr)) break;
            }
            if (distance)
            {
                if (!vertex) rel = zero;
                var d = Vector256.ConditionalSelect(rel, negTau * gv / gRV, zero) - Vector256.LoadUnsafe(ref xr, (nuint)i);
                acc += d * d;
            }
            else acc += Vector256.ConditionalSelect(rel, gv * gv, zero);
        }
        accRef = acc;
        return i;
    }
}
