using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

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
    private SelectionHint _hint; // the last threshold: successive gradients select alike
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

    /// <summary>wO (for tests and benchmarks).</summary>
    internal ReadOnlySpan<double> OptimisationWeights => _wO;

    /// <summary>wD (for tests and benchmarks).</summary>
    internal ReadOnlySpan<double> DecreaseWeights => _wD;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // one call does O(n) work: skip the tier-0 pass (as Adagrad's)
    public override void Step(int k, Span<double> x, ReadOnlySpan<double> g, double delta, out StepCounts counts)
    {
        int n = x.Length;
        // Step 1: R_k = the T largest |g_i|, ties to the smaller index.
        var cut = RelevantSet.Find(g, TargetRelevant, _scratch, ref _hint);

        // ‖g‖_R and ‖x‖_S for the V1/V3 bound (Table 1). S_k = {i ∉ R_k : sign x_i = sign g_i, x_i ≠ 0}.
        double ratio = 1.0;
        if (_rescaled)
        {
            SumsOverRAndS(cut, x, g, out double gR2, out double xS2);
            double normGR = RobustNorm(gR2, cut, x, g, overR: true), normXS = RobustNorm(xS2, cut, x, g, overR: false);
            // With S_k empty no a_i is ever used (A_k = ∅ and no decreasable step moves); avoid 0/0.
            ratio = normXS > 0 ? normGR / normXS : 0.0;
        }
        // Table 1: a_i = |x_i|/(k+1) (· ‖g‖_R/‖x‖_S for V1/V3), evaluated as |x_i| · c with c = ratio/(k+1) formed
        // once per iteration: one division per component fewer, and no ∞·0 = NaN when the ratio overflows while
        // |x_i|/(k+1) underflows (the product |x_i|·∞ of a component of S_k is +∞, which rule (17) handles).
        double scale = ratio / (k + 1.0);

        var cursor = cut.Cursor();
        int nO = 0, below = 0;
        var wO = _wO.AsSpan(0, n); var wD = _wD.AsSpan(0, n);
        // 512-bit vectors where the hardware has them: the loop is bound by the divide/square-root unit, whose
        // throughput per element doubles on full-width AVX-512 cores. Every operation is element-wise and
        // correctly rounded, so the width never changes a bit of the result.
        bool wide = Vector512.IsHardwareAccelerated && n >= Vector512<double>.Count;
        int i = 0, width = wide ? Vector512<double>.Count : Vector<double>.Count;
        bool vectors = wide || (Vector.IsHardwareAccelerated && n >= width);
        while (i < n)
        {
            // Steps 2–6 on whole vectors (see StepVectors) until the end or a vector that holds a tie of the
            // threshold while ties are still to be handed out; the scalar loop takes that one vector (or the tail).
            if (wide) i = StepVectors512(x, g, wO, wD, i, cursor.Threshold, cursor.All, cursor.TiesLeft, _eta, scale, delta,
                _relevantOnly, _capped, ref nO, ref below);
            else if (vectors) i = StepVectors(x, g, wO, wD, i, cursor.Threshold, cursor.All, cursor.TiesLeft, _eta, scale, delta,
                _relevantOnly, _capped, ref nO, ref below);
            int end = vectors && i <= n - width ? i + width : n;
            for (; i < end; i++)
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
                    double a = ax * scale; // Table 1: a_i
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
                        nO++;
                    }
                    else
                    {
                        // Step 5, i ∈ D_k: wO_i unchanged; wD_i = sqrt(wD_i² + x_i²); r_i = |x_i|/wD_i;
                        // rule (17): s_i = −sign(x_i)·min(a_i, r_i) on S_k, 0 elsewhere.
                        double w = Math.Sqrt(wD[i] * wD[i] + xi * xi);
                        wD[i] = w;
                        xNew = inS ? xi - Math.Sign(xi) * Math.Min(a, ax / w) : xi;
                    }
                }
                x[i] = xNew; // Step 6: x_{k+1} = x_k + s_k.
                if (Math.Abs(xNew) < delta) below++;
            }
        }
        // R_k ⊆ O_k has exactly T members and A_k = O_k ∖ R_k, so |A_k| = |O_k| − T needs no count of its own.
        counts = new StepCounts { Optimisable = nO, Acceptable = nO - TargetRelevant, Decreasable = n - nO, BelowDelta = below };
    }

    /// <summary>
    /// Steps 2–6 a vector at a time from index <paramref name="i"/>; returns the first index left to the
    /// scalar loop (the tail, or a vector holding a tie of the threshold while <paramref name="ties"/> &gt; 0).
    /// No call in the loop, so every constant and accumulator stays in a register. Every branch of the
    /// scalar loop is evaluated in every lane and the lane's own outcome is selected by mask, so each
    /// component sees exactly the scalar arithmetic (separate multiply and add: no FMA contraction; IEEE
    /// sqrt and division are correctly rounded in both forms). The two divisions that only one outcome
    /// needs (the Adagrad step −ηg_i/ŵO_i and r_i = |x_i|/wD_i) share one division by selecting its operands.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int StepVectors(Span<double> x, ReadOnlySpan<double> g, Span<double> wO, Span<double> wD, int i,
        double threshold, bool all, int ties, double etaS, double scale, double delta,
        bool relevantOnly, bool capped, ref int nO, ref int below)
    {
        int n = x.Length, width = Vector<double>.Count;
        ref double xr = ref MemoryMarshal.GetReference(x);
        ref double gr = ref MemoryMarshal.GetReference(g);
        ref double wor = ref MemoryMarshal.GetReference(wO);
        ref double wdr = ref MemoryMarshal.GetReference(wD);
        var thr = new Vector<double>(threshold);
        var eta = new Vector<double>(etaS); var scaleV = new Vector<double>(scale); var deltaV = new Vector<double>(delta);
        var zero = Vector<double>.Zero;
        Vector<long> accO = Vector<long>.Zero, accBelow = Vector<long>.Zero;
        for (; i <= n - width; i += width)
        {
            nuint at = (nuint)i;
            var gv = Vector.LoadUnsafe(ref gr, at); var xv = Vector.LoadUnsafe(ref xr, at);
            var wov = Vector.LoadUnsafe(ref wor, at); var wdv = Vector.LoadUnsafe(ref wdr, at);
            var hatW = Vector.SquareRoot(wov * wov + gv * gv);                 // Step 2
            var absG = Vector.Abs(gv);
            Vector<long> rel;                                                  // i ∈ R_k
            if (all) rel = Vector<long>.AllBitsSet;
            else
            {
                rel = Vector.GreaterThan(absG, thr);
                if (ties > 0 && Vector.EqualsAny(absG, thr)) break;            // ties go in index order: scalar
            }
            var ax = Vector.Abs(xv);
            var inS = (Vector.GreaterThan(xv, zero) & Vector.GreaterThan(gv, zero))
                    | (Vector.LessThan(xv, zero) & Vector.LessThan(gv, zero)); // x_i ≠ 0, sign x_i = sign g_i
            var a = ax * scaleV;                                               // Table 1: a_i
            var accept = Vector<long>.Zero;
            if (!relevantOnly)
            {
                var q = absG / hatW;                                           // Step 3: |g_i|/ŵO_i
                var ok = Vector.LessThanOrEqual(a, q);
                if (capped) ok &= Vector.LessThanOrEqual(q, ax);
                accept = Vector.AndNot(ok & inS, rel);                          // A_k
            }
            var isO = rel | accept;                                            // O_k = R_k ∪ A_k
            var w = Vector.SquareRoot(wdv * wdv + xv * xv);                    // Step 5: wD_i
            var d = Vector.ConditionalSelect(isO, -(eta * gv), ax) / Vector.ConditionalSelect(isO, hatW, w);
            var xO = xv + d;                                                   // Step 4: x_i + (−ηg_i)/ŵO_i
            // Rule (17). On S_k, a_i and r_i are ≥ 0 and never NaN, so the native min equals Math.Min there (other
            // lanes keep x_i), and x_i − sign(x_i)·m is x_i − copysign(m, x_i) bit for bit.
            var xD = Vector.ConditionalSelect(inS, xv - Vector.CopySign(Vector.MinNative(a, d), xv), xv);
            var xNew = Vector.ConditionalSelect(isO, xO, xD);
            xNew.StoreUnsafe(ref xr, at);                                      // Step 6
            Vector.ConditionalSelect(isO, hatW, wov).StoreUnsafe(ref wor, at);
            Vector.ConditionalSelect(isO, wdv, w).StoreUnsafe(ref wdr, at);
            accO -= isO;
            accBelow -= Vector.LessThan(Vector.Abs(xNew), deltaV);
        }
        nO += (int)Vector.Sum(accO); below += (int)Vector.Sum(accBelow);
        return i;
    }

    /// <summary><see cref="StepVectors"/> on <see cref="Vector512{T}"/> (same operations, element for element).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int StepVectors512(Span<double> x, ReadOnlySpan<double> g, Span<double> wO, Span<double> wD, int i,
        double threshold, bool all, int ties, double etaS, double scale, double delta,
        bool relevantOnly, bool capped, ref int nO, ref int below)
    {
        int n = x.Length, width = Vector512<double>.Count;
        ref double xr = ref MemoryMarshal.GetReference(x);
        ref double gr = ref MemoryMarshal.GetReference(g);
        ref double wor = ref MemoryMarshal.GetReference(wO);
        ref double wdr = ref MemoryMarshal.GetReference(wD);
        var thr = Vector512.Create(threshold);
        var eta = Vector512.Create(etaS); var scaleV = Vector512.Create(scale); var deltaV = Vector512.Create(delta);
        var zero = Vector512<double>.Zero;
        Vector512<long> accO = Vector512<long>.Zero, accBelow = Vector512<long>.Zero;
        for (; i <= n - width; i += width)
        {
            nuint at = (nuint)i;
            var gv = Vector512.LoadUnsafe(ref gr, at); var xv = Vector512.LoadUnsafe(ref xr, at);
            var wov = Vector512.LoadUnsafe(ref wor, at); var wdv = Vector512.LoadUnsafe(ref wdr, at);
            var hatW = Vector512.Sqrt(wov * wov + gv * gv);                    // Step 2
            var absG = Vector512.Abs(gv);
            Vector512<double> rel;                                             // i ∈ R_k
            if (all) rel = Vector512<double>.AllBitsSet;
            else
            {
                rel = Vector512.GreaterThan(absG, thr);
                if (ties > 0 && Vector512.EqualsAny(absG, thr)) break;         // ties go in index order: scalar
            }
            var ax = Vector512.Abs(xv);
            var inS = (Vector512.GreaterThan(xv, zero) & Vector512.GreaterThan(gv, zero))
                    | (Vector512.LessThan(xv, zero) & Vector512.LessThan(gv, zero)); // x_i ≠ 0, sign x_i = sign g_i
            var a = ax * scaleV;                                               // Table 1: a_i
            var accept = zero;
            if (!relevantOnly)
            {
                var q = absG / hatW;                                           // Step 3: |g_i|/ŵO_i
                var ok = Vector512.LessThanOrEqual(a, q);
                if (capped) ok &= Vector512.LessThanOrEqual(q, ax);
                accept = Vector512.AndNot(ok & inS, rel);                       // A_k
            }
            var isO = rel | accept;                                            // O_k = R_k ∪ A_k
            var w = Vector512.Sqrt(wdv * wdv + xv * xv);                       // Step 5: wD_i
            var d = Vector512.ConditionalSelect(isO, -(eta * gv), ax) / Vector512.ConditionalSelect(isO, hatW, w);
            var xO = xv + d;                                                   // Step 4: x_i + (−ηg_i)/ŵO_i
            // Rule (17). On S_k, a_i and r_i are ≥ 0 and never NaN, so the native min equals Math.Min there (other
            // lanes keep x_i), and x_i − sign(x_i)·m is x_i − copysign(m, x_i) bit for bit.
            var xD = Vector512.ConditionalSelect(inS, xv - Vector512.CopySign(Vector512.MinNative(a, d), xv), xv);
            var xNew = Vector512.ConditionalSelect(isO, xO, xD);
            xNew.StoreUnsafe(ref xr, at);                                      // Step 6
            Vector512.ConditionalSelect(isO, hatW, wov).StoreUnsafe(ref wor, at);
            Vector512.ConditionalSelect(isO, wdv, w).StoreUnsafe(ref wdr, at);
            accO -= isO.AsInt64();
            accBelow -= Vector512.LessThan(Vector512.Abs(xNew), deltaV).AsInt64();
        }
        nO += (int)Vector512.Sum(accO); below += (int)Vector512.Sum(accBelow);
        return i;
    }

    /// <summary>
    /// gR2 = Σ_{i∈R_k} g_i² and xS2 = Σ_{i∈S_k} x_i², each in the fixed order of <see cref="Sum4"/> (four
    /// partial sums over i mod 4, combined as ((s₀ + s₁) + (s₂ + s₃))): the order fixes the rounding, and it
    /// is the same on every machine and for every thread count. Squares and set masks are formed four at a
    /// time, and each lane adds +0 for components outside the set, which leaves a sum of squares unchanged.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void SumsOverRAndS(RelevantCut cut, ReadOnlySpan<double> x, ReadOnlySpan<double> g, out double gR2, out double xS2)
    {
        int n = x.Length, i = 0;
        var c = cut.Cursor();
        Vector256<double> vg = default, vx = default; // lane j: the partial sum of the indices ≡ j (mod 4)
        if (Vector256.IsHardwareAccelerated)
            while (i <= n - 4)
            {
                i = SumVectors(x, g, i, c.Threshold, c.All, c.TiesLeft, ref vg, ref vx);
                if (i > n - 4) break;
                // Four lanes that hold a tie of the threshold while ties are left: in index order, through the cursor.
                Vector256<double> tg = default, tx = default;
                for (int l = 0; l < 4; l++, i++)
                {
                    double gi = g[i], xi = x[i];
                    if (c.IsRelevant(Math.Abs(gi))) tg = tg.WithElement(l, gi * gi);
                    else if (InS(xi, gi)) tx = tx.WithElement(l, xi * xi);
                }
                vg += tg; vx += tx;
            }
        var sg = Sum4.From(vg); var sx = Sum4.From(vx);
        for (; i < n; i++)
        {
            double gi = g[i], xi = x[i];
            if (c.IsRelevant(Math.Abs(gi))) sg.Add(i, gi * gi);
            else if (InS(xi, gi)) sx.Add(i, xi * xi);
        }
        gR2 = sg.Total; xS2 = sx.Total;
    }

    /// <summary>
    /// The four-lane part of <see cref="SumsOverRAndS"/> from index <paramref name="i"/> (a multiple of 4);
    /// stops at the tail or at four lanes holding a tie of the threshold while <paramref name="ties"/> &gt; 0.
    /// No call inside, so the accumulators stay in registers.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int SumVectors(ReadOnlySpan<double> x, ReadOnlySpan<double> g, int i, double threshold, bool all, int ties,
        ref Vector256<double> sgRef, ref Vector256<double> sxRef)
    {
        int n = x.Length;
        var sg = sgRef; var sx = sxRef;
        ref double xr = ref MemoryMarshal.GetReference(x);
        ref double gr = ref MemoryMarshal.GetReference(g);
        var zero = Vector256<double>.Zero; var thr = Vector256.Create(threshold);
        for (; i <= n - 4; i += 4)
        {
            var gv = Vector256.LoadUnsafe(ref gr, (nuint)i); var xv = Vector256.LoadUnsafe(ref xr, (nuint)i);
            var absG = Vector256.Abs(gv);
            Vector256<double> rel;
            if (all) rel = Vector256<double>.AllBitsSet;
            else
            {
                rel = Vector256.GreaterThan(absG, thr);
                if (ties > 0 && Vector256.EqualsAny(absG, thr)) break;
            }
            var inS = (Vector256.GreaterThan(xv, zero) & Vector256.GreaterThan(gv, zero))
                    | (Vector256.LessThan(xv, zero) & Vector256.LessThan(gv, zero));
            sg += Vector256.ConditionalSelect(rel, gv * gv, zero);
            sx += Vector256.ConditionalSelect(Vector256.AndNot(inS, rel), xv * xv, zero);
        }
        sgRef = sg; sxRef = sx;
        return i;
    }

    /// <summary>Step 3's S_k membership test for i ∉ R_k: a gradient step would shrink |x_i|.</summary>
    /// <summary>
    /// sqrt(<paramref name="sumOfSquares"/>), unless that sum under- or overflowed while the norm itself is
    /// representable: then Table 1's ‖g‖_R or ‖x‖_S is recomputed scaled by the largest entry of the set, so
    /// tiny (≲ 1e-162) or huge (≳ 1e154) components still get the spec's a_i. Normal sums take the fast path,
    /// so ordinary runs are unchanged bit for bit.
    /// </summary>
    private static double RobustNorm(double sumOfSquares, RelevantCut cut, ReadOnlySpan<double> x, ReadOnlySpan<double> g, bool overR)
    {
        if (sumOfSquares >= 1e-292 && double.IsFinite(sumOfSquares)) return Math.Sqrt(sumOfSquares);
        double max = 0;
        var c = cut.Cursor();
        for (int i = 0; i < x.Length; i++)
        {
            bool inR = c.IsRelevant(Math.Abs(g[i]));
            if (overR ? inR : !inR && InS(x[i], g[i])) max = Math.Max(max, Math.Abs(overR ? g[i] : x[i]));
        }
        if (max == 0) return Math.Sqrt(sumOfSquares);
        double scaled = 0;
        c = cut.Cursor();
        for (int i = 0; i < x.Length; i++)
        {
            bool inR = c.IsRelevant(Math.Abs(g[i]));
            if (overR ? inR : !inR && InS(x[i], g[i])) { double t = (overR ? g[i] : x[i]) / max; scaled += t * t; }
        }
        return max * Math.Sqrt(scaled);
    }

    internal static bool InS(double xi, double gi) => xi != 0 && Math.Sign(xi) == Math.Sign(gi);

    /// <summary>s_i = −η g_i / w_i (Step 4); shared with Adagrad so that T = n gives bitwise the same iterates.</summary>
    internal static double AdagradStep(double eta, double gi, double w) => -(eta * gi) / w;
}
