namespace PrunAdag.Tests.Performance;

// The oracle: a frozen copy of the straightforward (pre-optimisation) kernels and selection of
// commit c2c7567, kept verbatim in their arithmetic so the optimised library code can be checked
// against them bitwise. Do not "improve" this file: its value is that it is the old code.
// One deliberate change since: the sums of squares (‖g‖_R², ‖x‖_S², FW's ‖g‖_R² and ‖v − x‖²) use the
// library's new fixed order, four partial sums over i mod 4 combined as ((s0 + s1) + (s2 + s3)) (see
// FixedOrder below), instead of one chain in index order. Everything else is as it was.

internal static class FixedOrder
{
    // Σ term(i) over i = 0..n-1 (term +0 outside the set) in four partial sums by i mod 4, in increasing i.
    public static double Sum(int n, Func<int, double> term)
    {
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        for (int i = 0; i < n; i++)
        {
            double t = term(i);
            if (i % 4 == 0) s0 += t; else if (i % 4 == 1) s1 += t; else if (i % 4 == 2) s2 += t; else s3 += t;
        }
        return (s0 + s1) + (s2 + s3);
    }
}

internal static class StraightforwardSelection
{
    public static RelevantCut Find(ReadOnlySpan<double> g, int t)
    {
        int n = g.Length;
        if (t >= n) return new RelevantCut(double.NegativeInfinity, 0, all: true);
        var a = new double[n];
        for (int i = 0; i < n; i++)
        {
            double v = Math.Abs(g[i]);
            if (double.IsNaN(v)) throw new ArgumentException($"The values contain NaN at index {i}.", nameof(g));
            a[i] = v;
        }
        double threshold = NthSmallest(a, n - t);
        int greater = 0;
        for (int i = 0; i < n; i++) if (Math.Abs(g[i]) > threshold) greater++;
        return new RelevantCut(threshold, t - greater, all: false);
    }

    public static double NthSmallest(Span<double> a, int p)
    {
        int lo = 0, hi = a.Length - 1;
        int budget = 2 * (64 - System.Numerics.BitOperations.LeadingZeroCount((ulong)a.Length)) + 8;
        while (hi > lo)
        {
            if (--budget < 0)
            {
                a[lo..(hi + 1)].Sort();
                return a[p];
            }
            double pivot = MedianOfThree(a[lo], a[lo + (hi - lo) / 2], a[hi]);
            int lt = lo, i = lo, gt = hi;
            while (i <= gt)
            {
                double v = a[i];
                if (v < pivot) { a[i] = a[lt]; a[lt] = v; lt++; i++; }
                else if (v > pivot) { a[i] = a[gt]; a[gt] = v; gt--; }
                else i++;
            }
            if (p < lt) hi = lt - 1;
            else if (p > gt) lo = gt + 1;
            else return pivot;
        }
        return a[p];
    }

    private static double MedianOfThree(double x, double y, double z) =>
        x < y ? (y < z ? y : (x < z ? z : x)) : (x < z ? x : (y < z ? z : y));
}

internal sealed class StraightforwardPrunAdagKernel : StepKernel
{
    private readonly double[] _wO, _wD;
    private readonly Variant _variant;
    private readonly bool _relevantOnly, _rescaled, _capped;
    private readonly double _eta;

    public StraightforwardPrunAdagKernel(int n, int t, Variant variant, bool relevantOnly = false, double sigma0 = 0.01, double eta = 1.0) : base(n, t)
    {
        _wO = new double[n]; _wD = new double[n];
        Array.Fill(_wO, sigma0); Array.Fill(_wD, sigma0);
        _variant = variant; _relevantOnly = relevantOnly; _eta = eta;
        _rescaled = _variant is Variant.V1 or Variant.V3;
        _capped = _variant is Variant.V3 or Variant.V4;
    }

    // Euclidean norm in the fixed order (v holds +0 outside the set); rescaled by the largest entry when the sum of
    // squares under- or overflows (that rescaled sum stays in index order).
    internal static double Norm(double[] v)
    {
        double sum = FixedOrder.Sum(v.Length, i => v[i] * v[i]), max = 0;
        foreach (double e in v) max = Math.Max(max, Math.Abs(e));
        if (max == 0 || (sum >= 1e-292 && double.IsFinite(sum))) return Math.Sqrt(sum);
        double scaled = 0;
        foreach (double e in v) { double t = e / max; scaled += t * t; }
        return max * Math.Sqrt(scaled);
    }

    public double[] WO => _wO;
    public double[] WD => _wD;

    public override StepCounts Step(int k, Span<double> x, ReadOnlySpan<double> g, double delta)
    {
        int n = x.Length;
        var cut = StraightforwardSelection.Find(g, TargetRelevant);
        double ratio = 1.0;
        if (_rescaled)
        {
            var inR = new double[n]; var inS = new double[n];
            var c = cut.Cursor();
            for (int i = 0; i < n; i++)
            {
                double gi = g[i], xi = x[i];
                if (c.IsRelevant(Math.Abs(gi))) inR[i] = gi;
                else if (InS(xi, gi)) inS[i] = xi;
            }
            double normXS = Norm(inS);
            ratio = normXS > 0 ? Norm(inR) / normXS : 0.0;
        }
        double scale = ratio / (k + 1.0);

        var cursor = cut.Cursor();
        int nO = 0, nA = 0, nD = 0, below = 0;
        var wO = _wO.AsSpan(0, n); var wD = _wD.AsSpan(0, n);
        for (int i = 0; i < n; i++)
        {
            double gi = g[i], xi = x[i];
            double hatW = Math.Sqrt(wO[i] * wO[i] + gi * gi);
            double xNew;
            if (cursor.IsRelevant(Math.Abs(gi)))
            {
                wO[i] = hatW;
                xNew = xi + AdagradStep(_eta, gi, hatW);
                nO++;
            }
            else
            {
                double ax = Math.Abs(xi);
                bool inS = InS(xi, gi);
                double a = ax * scale;
                bool accept = false;
                if (!_relevantOnly && inS)
                {
                    // Step 3 in real arithmetic (C12).
                    accept = Reference.ExactRational.AtMostQuotient(a, Math.Abs(gi), hatW)
                             && (!_capped || Reference.ExactRational.QuotientAtMost(Math.Abs(gi), hatW, ax));
                }
                if (accept)
                {
                    wO[i] = hatW;
                    xNew = xi + AdagradStep(_eta, gi, hatW);
                    nO++; nA++;
                }
                else
                {
                    double w = Math.Sqrt(wD[i] * wD[i] + xi * xi);
                    wD[i] = w;
                    xNew = inS ? xi - Math.Sign(xi) * Math.Min(a, ax / w) : xi;
                    nD++;
                }
            }
            x[i] = xNew;
            if (Math.Abs(xNew) < delta) below++;
        }
        return new StepCounts(nO, nA, nD, below);
    }

    private static bool InS(double xi, double gi) => xi != 0 && Math.Sign(xi) == Math.Sign(gi);

    private static double AdagradStep(double eta, double gi, double w) => -(eta * gi) / w;
}

internal sealed class StraightforwardAdagradKernel : StepKernel
{
    private readonly double[] _w;
    private readonly double _eta;

    public StraightforwardAdagradKernel(int n, double sigma0, double eta) : base(n, n)
    {
        _w = new double[n];
        Array.Fill(_w, sigma0);
        _eta = eta;
    }

    public double[] W => _w;

    public override StepCounts Step(int k, Span<double> x, ReadOnlySpan<double> g, double delta)
    {
        var w = _w.AsSpan(0, x.Length);
        int below = 0;
        for (int i = 0; i < x.Length; i++)
        {
            double gi = g[i];
            double wi = Math.Sqrt(w[i] * w[i] + gi * gi);
            w[i] = wi;
            double xNew = x[i] + (-(_eta * gi) / wi);
            x[i] = xNew;
            if (Math.Abs(xNew) < delta) below++;
        }
        return new StepCounts(x.Length, 0, 0, below);
    }
}

internal sealed class StraightforwardFrankWolfeKernel : StepKernel
{
    private readonly bool _fw1;
    private readonly double _tau, _beta;

    public StraightforwardFrankWolfeKernel(int n, int t, bool fw1, double tau, double beta) : base(n, t)
    {
        _fw1 = fw1; _tau = tau; _beta = beta;
    }

    public override StepCounts Step(int k, Span<double> x, ReadOnlySpan<double> g, double delta)
    {
        int n = x.Length;
        var cut = StraightforwardSelection.Find(g, TargetRelevant);
        var c = cut.Cursor();
        var onR = new double[n];
        for (int i = 0; i < n; i++) { double gi = g[i]; if (c.IsRelevant(Math.Abs(gi))) onR[i] = gi; }
        double gR = StraightforwardPrunAdagKernel.Norm(onR); // rescaled on under- or overflow, as ‖g‖_R of prunAdag (C5)
        double scale = gR > 0 ? 1.0 : 0.0;
        // C5: when τ‖g‖_R overflows, τ and ‖g‖_R are both multiplied by 2^−ilogb(‖g‖_R) before (−τ g_i)/‖g‖_R.
        double tau = _tau, vR = gR;
        if (!double.IsFinite(_tau * gR) && double.IsFinite(gR)) { double p = Math.Pow(2, -Math.ILogB(gR)); tau = _tau * p; vR = gR * p; }

        double eta;
        if (_fw1) eta = 1.0 / (k + 1.0);
        else
        {
            var d = new double[n];
            c = cut.Cursor();
            for (int i = 0; i < n; i++)
            {
                double gi = g[i];
                double vi = c.IsRelevant(Math.Abs(gi)) && gR > 0 ? Vertex(tau, gi, vR) : 0.0;
                d[i] = vi - x[i];
            }
            double dn = StraightforwardPrunAdagKernel.Norm(d);
            eta = dn > 0 ? Math.Min(_beta * gR / dn, 1.0) : 1.0;
        }

        c = cut.Cursor();
        int below = 0;
        for (int i = 0; i < n; i++)
        {
            double gi = g[i];
            double vi = c.IsRelevant(Math.Abs(gi)) && scale > 0 ? Vertex(tau, gi, vR) : 0.0;
            double xNew = x[i] + eta * (vi - x[i]);
            x[i] = xNew;
            if (Math.Abs(xNew) < delta) below++;
        }
        return new StepCounts(0, 0, 0, below);
    }

    private static double Vertex(double tau, double gi, double gR) => -tau * gi / gR;
}
