using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace PrunAdag;

/// <summary>
/// One run of Frank–Wolfe on C_T(τ) (docs/algorithm.md B2): x_{k+1} = x_k + η_k (v_k − x_k) with v_k the
/// vertex of <see cref="FrankWolfe.LinearMinimizationOracle"/>; FW1 η_k = 1/(k+1), FW2 η_k = min(β‖g‖_R/‖v_k − x_k‖, 1).
/// </summary>
internal sealed class FrankWolfeKernel : StepKernel
{
    private readonly double[] _scratch;
    private SelectionHint _hint; // the last threshold: successive gradients select alike
    private readonly FrankWolfeRule _rule;
    private readonly double _tau, _beta;

    public FrankWolfeKernel(int n, int t, FrankWolfeRule rule, double tau, double beta) : base(n, t)
    {
        _scratch = new double[n];
        _rule = rule; _tau = tau; _beta = beta;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // one call does O(n) work: skip the tier-0 pass
    public override StepCounts Step(int k, Span<double> x, ReadOnlySpan<double> g, double delta)
    {
        int n = x.Length;
        var cut = RelevantSet.Find(g, TargetRelevant, _scratch, ref _hint);
        double gR = Norm(Sums(cut, x, g, 0, 0, distance: false), cut, x, g, 0, 0, distance: false);
        // gR = 0 means g = 0, which the driver stops on before any step; guard anyway (v = 0).
        bool vertex = gR > 0;
        var (tau, vR) = FrankWolfe.VertexScale(_tau, gR); // v_i = (−τ g_i)/‖g‖_R without overflow; (_tau, gR) unless τ‖g‖_R overflows
        double eta;
        if (_rule == FrankWolfeRule.FW1) eta = 1.0 / (k + 1.0); // η_k = 1/(k+1): the first step lands on v_0
        else
        {
            double dn = Norm(Sums(cut, x, g, tau, vR, distance: true), cut, x, g, tau, vR, distance: true); // ‖v_k − x_k‖
            eta = dn > 0 ? Math.Min(_beta * gR / dn, 1.0) : 1.0;
        }

        var c = cut.Cursor();
        int below = 0;
        for (int i = 0; i < n;)
        {
            // Whole vectors until the tail or a vector holding a tie of the threshold while ties are left; this
            // loop then takes that vector (through the cursor, in index order) or the tail.
            bool ties = c.HasTiesLeft;
            i = Vector512.IsHardwareAccelerated ? Vectors<Simd512>(x, g, i, c, ties, vertex, tau, vR, eta, delta, ref below)
                : Vector256.IsHardwareAccelerated ? Vectors<Simd256>(x, g, i, c, ties, vertex, tau, vR, eta, delta, ref below)
                : Vector128.IsHardwareAccelerated ? Vectors<Simd128>(x, g, i, c, ties, vertex, tau, vR, eta, delta, ref below) : i;
            for (int end = PrunAdagVectors.ScalarEnd(i, n); i < end; i++)
            {
                double gi = g[i];
                double vi = c.IsRelevant(Math.Abs(gi)) && vertex ? FrankWolfe.Vertex(tau, gi, vR) : 0.0;
                double xNew = x[i] + eta * (vi - x[i]);
                x[i] = xNew;
                if (Math.Abs(xNew) < delta) below++;
            }
        }
        return new StepCounts(0, 0, 0, below);
    }

    // Whether ties of the threshold are left holds for the whole call: a type argument, so the loop tests only its data.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Vectors<V>(Span<double> x, ReadOnlySpan<double> g, int i, RelevantCursor c, bool ties,
        bool vertex, double tau, double gR, double eta, double delta, ref int below) where V : struct, ISimd<V> =>
        ties ? Vectors<V, Yes>(x, g, i, c, vertex, tau, gR, eta, delta, ref below)
             : Vectors<V, No>(x, g, i, c, vertex, tau, gR, eta, delta, ref below);

    // The step a vector at a time; no call, no address-taken local and no test of a per-call choice inside, so
    // everything stays in registers.
    [MethodImpl(SimdLoop.Options)]
    private static int Vectors<V, TTies>(Span<double> x, ReadOnlySpan<double> g, int i, RelevantCursor c,
        bool vertex, double tau, double gR, double eta, double delta, ref int below) where V : struct, ISimd<V> where TTies : struct, IFlag
    {
        int n = x.Length, width = V.Count;
        ref double xr = ref MemoryMarshal.GetReference(x);
        ref double gr = ref MemoryMarshal.GetReference(g);
        var negTau = V.Create(-tau); var gRV = V.Create(gR);
        var etaV = V.Create(eta); var deltaV = V.Create(delta); var thr = V.Create(c.Threshold);
        var allMask = c.All ? V.AllBitsSet : V.Zero;       // T ≥ n: every lane is in R_k
        var vertexMask = vertex ? V.AllBitsSet : V.Zero;   // no vertex: v_k = 0 everywhere
        var count = V.Zero;
        for (; i <= n - width; i += width)
        {
            nuint at = (nuint)i;
            var gv = V.Load(ref gr, at); var xv = V.Load(ref xr, at);
            var absG = V.Abs(gv);
            if (TTies.Value && V.EqualsAny(absG, thr)) break;                  // a tie of R_k's threshold: scalar
            var rel = (V.GreaterThan(absG, thr) | allMask) & vertexMask;       // i ∈ R_k
            var v = rel & (negTau * gv / gRV);                                 // v_k on R_k, +0 elsewhere
            var xNew = xv + etaV * (v - xv);
            xNew.Store(ref xr, at);
            count = V.CountTrue(count, V.LessThan(V.Abs(xNew), deltaV));
        }
        below += (int)V.TotalCount(count);
        return i;
    }

    /// <summary>
    /// Σ_{i∈R} g_i² (<paramref name="distance"/> false) or Σ_i (v_i − x_i)² (true), in the fixed order of
    /// <see cref="Sum4"/> (C6), on one 256-bit or two 128-bit vectors per four lanes, or scalars; four lanes holding
    /// a tie of the threshold while ties are left go through the cursor, lane by lane.
    /// </summary>
    private static double Sums(RelevantCut cut, ReadOnlySpan<double> x, ReadOnlySpan<double> g, double tau, double gR, bool distance)
    {
        int n = g.Length, i = 0;
        var c = cut.Cursor();
        Sum4 s = default;
        while (i <= n - 4)
        {
            bool ties = c.HasTiesLeft;
            if (Vector256.IsHardwareAccelerated) i = SumQuads<Simd256>(x, g, i, c, ties, tau, gR, distance, ref s);
            else if (Vector128.IsHardwareAccelerated) i = SumQuads<Simd128>(x, g, i, c, ties, tau, gR, distance, ref s);
            if (i > n - 4) break;
            for (int end = i + 4; i < end; i++) s.Add(i, Term(ref c, x, g, i, tau, gR, distance));
        }
        for (; i < n; i++) s.Add(i, Term(ref c, x, g, i, tau, gR, distance));
        return s.Total;
    }

    private static double Term(ref RelevantCursor c, ReadOnlySpan<double> x, ReadOnlySpan<double> g, int i, double tau, double gR, bool distance)
    {
        double e = Entry(ref c, x, g, i, tau, gR, distance);
        return e * e;
    }

    // The entry whose square is term i: g_i on R_k (+0 elsewhere), or v_i − x_i.
    private static double Entry(ref RelevantCursor c, ReadOnlySpan<double> x, ReadOnlySpan<double> g, int i, double tau, double gR, bool distance)
    {
        double gi = g[i];
        bool rel = c.IsRelevant(Math.Abs(gi));
        if (!distance) return rel ? gi : 0.0;
        double vi = rel && gR > 0 ? FrankWolfe.Vertex(tau, gi, gR) : 0.0;
        return vi - x[i];
    }

    /// <summary>
    /// ‖g‖_R or ‖v_k − x_k‖ from its sum of squares, recomputed scaled by its largest entry when that sum under- or
    /// overflowed (docs/algorithm.md C5), so a gradient or an iterate of 10¹⁶⁰ or 10⁻¹⁷⁰ still gets B2's vertex and step.
    /// Ordinary sums take the first line.
    /// </summary>
    private static double Norm(double sumOfSquares, RelevantCut cut, ReadOnlySpan<double> x, ReadOnlySpan<double> g, double tau, double gR, bool distance)
    {
        if (ScaledNorm.Representable(sumOfSquares)) return Math.Sqrt(sumOfSquares);
        double max = 0, scaled = 0;
        var c = cut.Cursor();
        for (int i = 0; i < g.Length; i++) max = Math.Max(max, Math.Abs(Entry(ref c, x, g, i, tau, gR, distance)));
        if (max == 0) return Math.Sqrt(sumOfSquares);
        c = cut.Cursor();
        for (int i = 0; i < g.Length; i++) { double t = Entry(ref c, x, g, i, tau, gR, distance) / max; scaled += t * t; }
        return max * Math.Sqrt(scaled);
    }

    // Ties left and which sum: choices for the whole call, as type arguments (the loop then tests only its data).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int SumQuads<V>(ReadOnlySpan<double> x, ReadOnlySpan<double> g, int i, RelevantCursor c, bool ties,
        double tau, double gR, bool distance, ref Sum4 s) where V : struct, ISimd<V> =>
        (ties, distance) switch
        {
            (true, true) => SumQuads<V, Yes, Yes>(x, g, i, c, tau, gR, ref s),
            (true, false) => SumQuads<V, Yes, No>(x, g, i, c, tau, gR, ref s),
            (false, true) => SumQuads<V, No, Yes>(x, g, i, c, tau, gR, ref s),
            (false, false) => SumQuads<V, No, No>(x, g, i, c, tau, gR, ref s),
        };

    // A term outside R_k is masked to +0 (all bits clear), which is what the scalar loop adds.
    [MethodImpl(SimdLoop.Options)]
    private static int SumQuads<V, TTies, TDistance>(ReadOnlySpan<double> x, ReadOnlySpan<double> g, int i, RelevantCursor c,
        double tau, double gR, ref Sum4 s) where V : struct, ISimd<V> where TTies : struct, IFlag where TDistance : struct, IFlag
    {
        bool distance = TDistance.Value;
        int n = g.Length, half = 4 / V.Count; // 1 vector of 4 lanes, or 2 of 2
        ref double xr = ref MemoryMarshal.GetReference(x);
        ref double gr = ref MemoryMarshal.GetReference(g);
        var zero = V.Zero; var thr = V.Create(c.Threshold); var negTau = V.Create(-tau); var gRV = V.Create(gR);
        var allMask = c.All ? V.AllBitsSet : zero;                    // T ≥ n: every lane is in R_k
        var vertexMask = !distance || gR > 0 ? V.AllBitsSet : zero;   // ‖v − x‖² with no vertex: v = 0
        V lo = V.Load(ref s.S0, 0), hi = half == 2 ? V.Load(ref s.S0, 2) : zero;
        for (; i <= n - 4; i += 4)
        {
            nuint at = (nuint)i;
            var g0 = V.Load(ref gr, at); var g1 = half == 2 ? V.Load(ref gr, at + 2) : zero;
            var a0 = V.Abs(g0); var a1 = half == 2 ? V.Abs(g1) : zero;
            if (TTies.Value && (V.EqualsAny(a0, thr) || (half == 2 && V.EqualsAny(a1, thr)))) break;
            var r0 = (V.GreaterThan(a0, thr) | allMask) & vertexMask;            // R_k
            var r1 = half == 2 ? (V.GreaterThan(a1, thr) | allMask) & vertexMask : zero;
            if (distance)
            {
                var d0 = (r0 & (negTau * g0 / gRV)) - V.Load(ref xr, at);
                lo += d0 * d0;
                if (half == 2)
                {
                    var d1 = (r1 & (negTau * g1 / gRV)) - V.Load(ref xr, at + 2);
                    hi += d1 * d1;
                }
            }
            else
            {
                lo += r0 & (g0 * g0);
                if (half == 2) hi += r1 & (g1 * g1);
            }
        }
        lo.Store(ref s.S0, 0);
        if (half == 2) hi.Store(ref s.S0, 2);
        return i;
    }
}
