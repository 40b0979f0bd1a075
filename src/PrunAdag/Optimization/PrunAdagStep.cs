using System.Runtime.CompilerServices;

namespace PrunAdag;

/// <summary>
/// Algorithm 2.1 of the paper, one iteration per call (docs/algorithm.md, Steps 1–6 and Table 1). This is
/// the readable form and also real library code: the scalar path the library runs for the components a
/// vector loop leaves (a vector holding a tie of R_k's threshold, the tail) and on hardware without SIMD.
/// <see cref="PrunAdagVectors"/> computes exactly the same bits a vector at a time; the tests
/// KernelBitwiseEquivalenceTests and ReferenceAgreementTests prove it at every vector width (the test
/// command runs them with 512-, 256-, 128-bit and scalar code).
/// </summary>
internal sealed partial class PrunAdagKernel : StepKernel
{
    private readonly Memory<double> _wO, _wD;      // the weights wO, wD, each from a cache line (AlignedDoubles: speed only)
    private readonly double[] _scratch;            // scratch for Step 1's selection
    private readonly double[] _gatheredG, _gatheredX; // g and x of several ranges side by side, for Step 1 and Table 1 (C19)
    private SelectionHint _hint;                   // Step 1's last threshold: successive gradients select alike
    private readonly Variant _variant;             // the row of Table 1 (for relevant-only: the base variant)
    private readonly bool _relevantOnly;           // B3: O_k = R_k, no acceptable set
    private readonly double _eta;                  // η, the step scale of Step 4
    private readonly (int Offset, int Length)[] _ranges; // the components this kernel steps, in index order (C19)
    private readonly int _size;                    // their number

    public PrunAdagKernel(int n, int t, Variant variant, bool relevantOnly, double sigma0, double eta)
        : this(n, [(0, n)], t, variant, relevantOnly, sigma0, eta) { }

    /// <summary>Algorithm 2.1 on the components of <paramref name="ranges"/> of an n-vector, taken in index order as one vector (C19).</summary>
    public PrunAdagKernel(int n, (int Offset, int Length)[] ranges, int t, Variant variant, bool relevantOnly, double sigma0, double eta) : base(n, t)
    {
        _ranges = ranges; _size = ranges.Sum(r => r.Length);
        RelevantSet.CheckT(t, _size);
        _wO = Numerics.AlignedDoubles.AllocateMemory(_size); _wD = Numerics.AlignedDoubles.AllocateMemory(_size); _scratch = new double[_size];
        _gatheredG = ranges.Length > 1 ? new double[_size] : [];
        _gatheredX = ranges.Length > 1 && Rescaled(variant) ? new double[_size] : [];
        _wO.Span.Fill(sigma0); _wD.Span.Fill(sigma0); // w_{i,−1} = ς for both weights
        _variant = variant; _relevantOnly = relevantOnly; _eta = eta;
    }

    /// <summary>wO (for tests and benchmarks).</summary>
    internal ReadOnlySpan<double> OptimisationWeights => _wO.Span;

    /// <summary>wD (for tests and benchmarks).</summary>
    internal ReadOnlySpan<double> DecreaseWeights => _wD.Span;

    /// <summary>
    /// Table 1: the bounds of the acceptable set for a component i ∉ R_k at iteration k (0-based), given
    /// |x_i| and ‖g‖_R/‖x‖_S. a_i = |x_i|·(ratio/(k+1)) for V1/V3 and |x_i|·(1/(k+1)) for V2/V4, in that
    /// evaluation order (C4); b_i = |x_i| for V3/V4 (no sign flips), +∞ for V1/V2.
    /// </summary>
    internal static (double A, double B) Table1(Variant variant, double absX, int k, double ratio) =>
        (absX * LowerBoundFactor(variant, k, ratio), CapsStep(variant) ? absX : double.PositiveInfinity);

    /// <summary>a_i/|x_i| of Table 1, the same for every i of one iteration (formed once per iteration, C4).</summary>
    internal static double LowerBoundFactor(Variant variant, int k, double ratio) => (Rescaled(variant) ? ratio : 1.0) / (k + 1.0);

    /// <summary>V1/V3: a_i carries ‖g‖_R/‖x‖_S.</summary>
    internal static bool Rescaled(Variant variant) => variant is Variant.V1 or Variant.V3;

    /// <summary>V3/V4: b_i = |x_i|.</summary>
    internal static bool CapsStep(Variant variant) => variant is Variant.V3 or Variant.V4;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // one call does O(n) work: skip the tier-0 pass
    public override StepCounts Step(int k, Span<double> x, ReadOnlySpan<double> g, double delta)
    {
        // Step 1: R_k = the indices of the T largest |g_i|, ties to the smaller index (C1), over the kernel's
        // components in index order (all of x, or the prunable blocks of a layout: C19).
        var gathered = Gather(g, _gatheredG);
        var cut = RelevantSet.Find(gathered, TargetRelevant, _scratch, ref _hint);
        // Table 1's ratio ‖g‖_R/‖x‖_S (V1/V3 only).
        double ratio = Rescaled(_variant) ? NormRatio(cut, x, gathered) : 1.0;
        var cursor = cut.Cursor();
        int optimisable = 0, below = 0, at = 0;
        foreach (var (offset, length) in _ranges)
        {
            if (Numerics.StepPass.ThreadedBlocks(length) is > 1 and int blocks) // a long range: on several threads, the same bits (PrunAdagBlocks.cs)
                StepInBlocks(k, ratio, delta, x.Slice(offset, length), g.Slice(offset, length), at, blocks, ref cursor, ref optimisable, ref below);
            else
                StepRange(k, ratio, delta, x.Slice(offset, length), g.Slice(offset, length), _wO.Span.Slice(at, length), _wD.Span.Slice(at, length),
                    ref cursor, ref optimisable, ref below);
            at += length;
        }
        // R_k ⊆ O_k has exactly T members and A_k = O_k ∖ R_k, so |A_k| = |O_k| − T needs no count of its own.
        return new StepCounts(optimisable, optimisable - TargetRelevant, _size - optimisable, below);
    }

    /// <summary>Steps 2–6 on one range; the cursor hands out R_k's ties in index order across ranges.</summary>
    private void StepRange(int k, double ratio, double delta, Span<double> x, ReadOnlySpan<double> g, Span<double> wO, Span<double> wD,
        ref RelevantCursor cursor, ref int optimisable, ref int below)
    {
        int n = x.Length;
        for (int i = 0; i < n;)
        {
            // Whole vectors up to the tail, or up to a vector that holds a tie of the threshold while ties are
            // left (ties go in index order, C1); this loop then takes that one vector, or the tail.
            i = PrunAdagVectors.Step(x, g, wO, wD, i, ref cursor, _eta, LowerBoundFactor(_variant, k, ratio), delta,
                _relevantOnly, CapsStep(_variant), ref optimisable, ref below);
            for (int end = PrunAdagVectors.ScalarEnd(i, n); i < end; i++)
            {
                if (StepComponent(i, cursor.IsRelevant(Math.Abs(g[i])), x, g, wO, wD, k, ratio)) optimisable++;
                if (Math.Abs(x[i]) < delta) below++;
            }
        }
    }

    /// <summary>Steps 2–6 for component i, whose membership of R_k is <paramref name="relevant"/>; true when i ∈ O_k.</summary>
    private bool StepComponent(int i, bool relevant, Span<double> x, ReadOnlySpan<double> g, Span<double> wO, Span<double> wD, int k, double ratio)
    {
        double xi = x[i], gi = g[i];
        // Step 2: the tentative optimisation weight ŵO_i = sqrt(wO_i² + g_i²).
        double hatW = Math.Sqrt(wO[i] * wO[i] + gi * gi);
        // Step 3: S_k = {i ∉ R_k : x_i ≠ 0, sign x_i = sign g_i}; A_k = {i ∈ S_k : a_i ≤ |g_i|/ŵO_i ≤ b_i}.
        bool inS = !relevant && InS(xi, gi);
        var (a, b) = Table1(_variant, Math.Abs(xi), k, ratio);
        bool acceptable = inS && !_relevantOnly && InBounds(Math.Abs(gi), hatW, a, b);
        if (relevant || acceptable)
        {
            // Step 4, i ∈ O_k = R_k ∪ A_k: wO_i = ŵO_i and the Adagrad step s_i = −η g_i / wO_i; wD_i unchanged.
            wO[i] = hatW;
            x[i] = xi + AdagradStep(_eta, gi, hatW); // Step 6: x_{k+1} = x_k + s_k
            return true;
        }
        // Step 5, i ∈ D_k: wO_i unchanged (ŵO_i is dropped); wD_i = sqrt(wD_i² + x_i²); r_i = |x_i|/wD_i;
        // rule (17): s_i = −sign(x_i)·min(a_i, r_i) on S_k, 0 elsewhere.
        double w = Math.Sqrt(wD[i] * wD[i] + xi * xi);
        wD[i] = w;
        x[i] = inS ? xi - Math.Sign(xi) * Math.Min(a, Math.Abs(xi) / w) : xi; // Step 6
        return false;
    }

    /// <summary>v over the kernel's ranges as one vector (C19): the range itself, or the ranges copied side by side into <paramref name="into"/>.</summary>
    private ReadOnlySpan<double> Gather(ReadOnlySpan<double> v, double[] into)
    {
        if (_ranges.Length == 1) return v.Slice(_ranges[0].Offset, _ranges[0].Length);
        int at = 0;
        foreach (var (offset, length) in _ranges) { v.Slice(offset, length).CopyTo(into.AsSpan(at)); at += length; }
        return into;
    }

    /// <summary>
    /// Step 3's a_i ≤ |g_i|/ŵO_i ≤ b_i decided exactly, as a_i·ŵO_i ≤ |g_i| ≤ b_i·ŵO_i in real arithmetic (ŵO_i &gt; 0;
    /// C12): no rounded quotient can put a component on the wrong side of a bound.
    /// </summary>
    private static bool InBounds(double absG, double hatW, double a, double b) =>
        Numerics.ExactProduct.AtMost(a, hatW, absG) && Numerics.ExactProduct.AtLeast(b, hatW, absG);

    /// <summary>
    /// Step 3's S_k membership test for i ∉ R_k: a gradient step would shrink |x_i| (x_i ≠ 0, sign x_i = sign g_i), as
    /// comparisons, which put a NaN in no S_k, as the vector loops do.
    /// </summary>
    internal static bool InS(double xi, double gi) => (xi > 0 && gi > 0) || (xi < 0 && gi < 0);

    /// <summary>s_i = −η g_i / w_i (Step 4); shared with Adagrad so that T = n gives bitwise Adagrad's iterates.</summary>
    internal static double AdagradStep(double eta, double gi, double w) => -(eta * gi) / w;

    /// <summary>
    /// ‖g‖_R/‖x‖_S of Table 1, with the sums of squares in the fixed four-lane order (C6) over the kernel's components
    /// as one vector (C19). When S_k is empty no a_i is ever used (A_k = ∅ and no decreasable step moves), so the ratio
    /// is 0 rather than 0/0.
    /// </summary>
    private double NormRatio(RelevantCut cut, ReadOnlySpan<double> x, ReadOnlySpan<double> g)
    {
        x = Gather(x, _gatheredX);
        PrunAdagVectors.SumsOverRAndS(cut, x, g, out double gR2, out double xS2);
        double normGR = RobustNorm(gR2, cut, x, g, overR: true), normXS = RobustNorm(xS2, cut, x, g, overR: false);
        return normXS > 0 ? normGR / normXS : 0.0;
    }

    /// <summary>
    /// sqrt(<paramref name="sumOfSquares"/>), unless that sum under- or overflowed while the norm itself is
    /// representable: then the norm over R_k (or S_k) is recomputed scaled by the set's largest entry, so
    /// tiny (≲ 1e-162) or huge (≳ 1e154) components still get Table 1's a_i (C5). Normal sums take the
    /// first line, so ordinary runs never reach the rescaling.
    /// </summary>
    internal static double RobustNorm(double sumOfSquares, RelevantCut cut, ReadOnlySpan<double> x, ReadOnlySpan<double> g, bool overR)
    {
        if (ScaledNorm.Representable(sumOfSquares)) return Math.Sqrt(sumOfSquares);
        double max = 0, scaled = 0;
        for (int pass = 0; pass < 2; pass++)
        {
            var c = cut.Cursor();
            for (int i = 0; i < x.Length; i++)
            {
                bool inR = c.IsRelevant(Math.Abs(g[i]));
                if (!(overR ? inR : !inR && InS(x[i], g[i]))) continue;
                double v = overR ? g[i] : x[i];
                if (pass == 0) max = Math.Max(max, Math.Abs(v));
                else { double t = v / max; scaled += t * t; }
            }
            if (max == 0) return Math.Sqrt(sumOfSquares);
        }
        return max * Math.Sqrt(scaled);
    }
}
