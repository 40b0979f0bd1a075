using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Diagnostics;
using System.Numerics.Tensors;
using MathNet.Numerics.LinearAlgebra;

namespace PrunAdag;

/// <summary>
/// A gradient method behind the common "minimise" shape shared by prunAdag, Adagrad and Frank–Wolfe,
/// so comparisons, reports and charts treat all methods alike.
/// </summary>
public abstract class Minimizer
{
    private protected Minimizer() { }

    /// <summary>The method.</summary>
    public abstract Method Method { get; }

    /// <summary>The options (validated).</summary>
    public abstract MinimizerOptions Options { get; }

    /// <summary>How often <see cref="IterationProgress"/> is reported at most (default 100 ms).</summary>
    public TimeSpan ProgressInterval { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>T for a problem of dimension n (n for Adagrad).</summary>
    public abstract int TargetRelevantFor(int dimension);

    private protected abstract StepKernel CreateKernel(int dimension);

    /// <summary>
    /// Minimises <paramref name="objective"/> from <paramref name="x0"/>. Stops on ‖g_k‖ ≤ gtol, the
    /// iteration or time limit, the callback, cancellation (returns the partial result, stop reason
    /// <see cref="StopReason.Cancelled"/>), or a non-finite gradient (returns the last finite iterate).
    /// </summary>
    /// <param name="objective">The objective (gradient required; value used only for reporting).</param>
    /// <param name="x0">The starting point, length n, finite.</param>
    /// <param name="callback">Optional; sees every iterate and returns false to stop.</param>
    /// <param name="progress">Optional; receives throttled snapshots for progress displays.</param>
    /// <param name="cancellationToken">Stops the run within one iteration.</param>
    /// <exception cref="ArgumentException">x0 has the wrong length or a non-finite entry; T is outside 1..n.</exception>
    /// <exception cref="ObjectiveEvaluationException">The objective threw; the partial result is attached.</exception>
    public MinimizationResult Minimize(Objective objective, Vector<double> x0, IterationCallback? callback = null,
        IProgress<IterationProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(objective);
        objective.CheckDimension(x0, nameof(x0));
        int n = objective.Dimension;
        var x = x0.ToArray();
        for (int i = 0; i < n; i++)
            if (!double.IsFinite(x[i]))
                throw new ArgumentException($"x0[{i}] = {x[i]} is not finite.", nameof(x0));
        var opts = Options;
        if (opts.RecordObjective && !objective.HasValue)
            throw new ArgumentException($"RecordObjective is set but the objective '{objective.Name}' has no value function.", nameof(objective));

        var kernel = CreateKernel(n);
        var g = new double[n];
        var trace = new TraceBuilder(opts.MaxIterations, opts.RecordObjective, kernel.Classifies);
        var clock = Stopwatch.StartNew();
        long timeLimitTicks = opts.TimeLimit is { } tl ? (long)(tl.TotalSeconds * Stopwatch.Frequency) : long.MaxValue;
        long progressTicks = (long)(ProgressInterval.TotalSeconds * Stopwatch.Frequency), lastProgress = long.MinValue / 2;
        int below = CountBelow(x, opts.Delta);
        StepCounts last = default;
        int k = 0;
        double gnorm = double.NaN;
        StopReason reason;

        MinimizationResult Snapshot(StopReason why, double finalNorm, bool withValue) => new()
        {
            Method = Method, Options = opts, Dimension = n, TargetRelevant = kernel.TargetRelevant,
            Solution = Vector<double>.Build.Dense((double[])x.Clone()), Iterations = k, StopReason = why,
            FinalGradientNorm = finalNorm,
            FinalValue = withValue && objective.HasValue ? SafeValue(objective, x) : null,
            Trace = trace.Build(opts.Delta), Elapsed = clock.Elapsed, ObjectiveName = objective.Name,
        };

        while (true)
        {
            // Step 1: g_k = ∇f(x_k) and the stopping tests.
            try { objective.Gradient(x, g); }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                trace.AddPoint(double.NaN, (double)below / n, double.NaN);
                reason = StopReason.Cancelled; gnorm = double.NaN; break;
            }
            catch (Exception ex)
            {
                // Keep K+1 trace points for x_0..x_K: the gradient of x_k could not be computed, so it is NaN.
                trace.AddPoint(double.NaN, (double)below / n, double.NaN);
                throw new ObjectiveEvaluationException(k, "gradient", ex, Snapshot(StopReason.ObjectiveError, double.NaN, false));
            }
            gnorm = Numerics.FixedOrder.Norm(g); // one summation order at every vector width (docs/benchmarks.md, "Fixed-order sums")
            double value = double.NaN;
            if (opts.RecordObjective)
            {
                try { value = objective.Value(x); }
                catch (Exception ex)
                {
                    trace.AddPoint(gnorm, (double)below / n, double.NaN);
                    throw new ObjectiveEvaluationException(k, "value", ex, Snapshot(StopReason.ObjectiveError, gnorm, false));
                }
            }
            trace.AddPoint(gnorm, (double)below / n, value);
            if (opts.IterateEvery > 0 && k % opts.IterateEvery == 0) trace.AddIterate(k, x);

            // A NaN or ∞ anywhere in g makes the norm non-finite (an overflowing norm is treated alike).
            if (!double.IsFinite(gnorm) || (opts.RecordObjective && !double.IsFinite(value))) { reason = StopReason.NonFiniteGradient; break; }
            if (gnorm <= opts.GradientTolerance) { reason = StopReason.Converged; break; }
            if (k >= opts.MaxIterations) { reason = StopReason.IterationLimit; break; }
            if (cancellationToken.IsCancellationRequested) { reason = StopReason.Cancelled; break; }
            if (clock.ElapsedTicks >= timeLimitTicks) { reason = StopReason.TimeLimit; break; }
            if (callback is not null &&
                !callback(new IterationState(k, x, g, gnorm, last.Optimisable, last.Acceptable, last.Decreasable, (double)below / n, clock.Elapsed)))
            { reason = StopReason.Callback; break; }
            if (progress is not null && clock.ElapsedTicks - lastProgress >= progressTicks)
            {
                lastProgress = clock.ElapsedTicks;
                progress.Report(new IterationProgress(k, opts.MaxIterations, gnorm, (double)below / n,
                    last.Optimisable, last.Acceptable, last.Decreasable, clock.Elapsed, false));
            }

            // Steps 2–6 (or the baseline's step): x_{k+1} = x_k + s_k, in place.
            kernel.Step(k, x, g, opts.Delta, out last);
            below = last.BelowDelta;
            trace.AddStep(last.Optimisable, last.Acceptable, last.Decreasable);
            k++;
        }

        if (opts.IterateEvery > 0 && (k % opts.IterateEvery != 0)) trace.AddIterate(k, x);
        var result = Snapshot(reason, gnorm, true);
        progress?.Report(new IterationProgress(k, opts.MaxIterations, gnorm, result.FinalBelowDelta,
            last.Optimisable, last.Acceptable, last.Decreasable, result.Elapsed, true));
        return result;
    }

    private static double? SafeValue(Objective f, double[] x)
    {
        try { return f.Value(x); }
        catch (Exception) { return null; }
    }

    internal static int CountBelow(ReadOnlySpan<double> x, double delta)
    {
        int c = 0;
        foreach (double v in x) if (Math.Abs(v) < delta) c++;
        return c;
    }

    /// <summary>A minimizer for <paramref name="method"/> with the paper's defaults, adjusted by <paramref name="settings"/>.</summary>
    public static Minimizer Create(Method method, MethodSettings? settings = null)
    {
        var s = settings ?? new MethodSettings();
        return method switch
        {
            Method.V1 or Method.V2 or Method.V3 or Method.V4 => new PrunAdagMinimizer(s.Apply(new PrunAdagOptions
            {
                Variant = (Variant)((int)method + 1), TargetRelevant = s.TargetRelevant, Sigma0 = s.Sigma0, StepScale = s.StepScale,
            })),
            Method.RelevantOnly => new PrunAdagMinimizer(s.Apply(new PrunAdagOptions
            {
                Variant = s.BaseVariant, RelevantOnly = true, TargetRelevant = s.TargetRelevant, Sigma0 = s.Sigma0, StepScale = s.StepScale,
            })),
            Method.Adagrad => new AdagradMinimizer(s.Apply(new AdagradOptions { Sigma0 = s.Sigma0, StepScale = s.StepScale })),
            Method.FW1 or Method.FW2 => new FrankWolfeMinimizer(s.Apply(new FrankWolfeOptions
            {
                Rule = method == Method.FW1 ? FrankWolfeRule.FW1 : FrankWolfeRule.FW2,
                TargetRelevant = s.TargetRelevant, Tau = method == Method.FW1 ? s.Tau1 ?? s.Tau : s.Tau2 ?? s.Tau, Beta = s.Beta,
            })),
            _ => throw new ArgumentOutOfRangeException(nameof(method), method, "Unknown method."),
        };
    }

    internal static int DefaultTargetRelevant(int n) => Math.Max(1, n / 10);
}

/// <summary>
/// Every knob of every method in one place (what the CLI, the experiment runner and the
/// <c>#!prunadag</c> magic command set); each method takes the fields that apply to it.
/// </summary>
public sealed record MethodSettings
{
    /// <summary>T (null: max(1, ⌊n/10⌋)).</summary>
    public int? TargetRelevant { get; init; }
    /// <summary>ς (paper 0.01).</summary>
    public double Sigma0 { get; init; } = 0.01;
    /// <summary>η (paper 1).</summary>
    public double StepScale { get; init; } = 1.0;
    /// <summary>Base variant of relevant-only (default V3).</summary>
    public Variant BaseVariant { get; init; } = Variant.V3;
    /// <summary>τ for both Frank–Wolfe rules unless <see cref="Tau1"/>/<see cref="Tau2"/> say otherwise (null: 50 / 100).</summary>
    public double? Tau { get; init; }
    /// <summary>τ for FW1 only.</summary>
    public double? Tau1 { get; init; }
    /// <summary>τ for FW2 only.</summary>
    public double? Tau2 { get; init; }
    /// <summary>β of FW2 (paper 0.001).</summary>
    public double Beta { get; init; } = 0.001;
    /// <summary>Iteration limit (paper 10⁴).</summary>
    public int MaxIterations { get; init; } = 10_000;
    /// <summary>gtol (paper 1e-9).</summary>
    public double GradientTolerance { get; init; } = 1e-9;
    /// <summary>δ for the trace (paper 1e-3).</summary>
    public double Delta { get; init; } = 1e-3;
    /// <summary>Record f(x_k).</summary>
    public bool RecordObjective { get; init; }
    /// <summary>Keep x_k every this many iterations (0: never).</summary>
    public int IterateEvery { get; init; }
    /// <summary>Wall-clock limit.</summary>
    public TimeSpan? TimeLimit { get; init; }

    internal T Apply<T>(T options) where T : MinimizerOptions => options with
    {
        MaxIterations = MaxIterations, GradientTolerance = GradientTolerance, Delta = Delta,
        RecordObjective = RecordObjective, IterateEvery = IterateEvery, TimeLimit = TimeLimit,
    };
}

/// <summary>Set sizes of one classification and the count of |x_{k+1,i}| &lt; δ.</summary>
internal struct StepCounts
{
    public int Optimisable, Acceptable, Decreasable, BelowDelta;
}

/// <summary>One method's step: owns the method's state (weights, scratch) for one run.</summary>
internal abstract class StepKernel(int targetRelevant)
{
    public int TargetRelevant { get; } = targetRelevant;
    public virtual bool Classifies => false;

    /// <summary>Replaces x_k by x_{k+1} in place, given g_k (finite).</summary>
    public abstract void Step(int k, Span<double> x, ReadOnlySpan<double> g, double delta, out StepCounts counts);
}

/// <summary>
/// The one fixed summation order of the library's sums of squares over a set (‖g‖_R², ‖x‖_S², FW2's
/// ‖v − x‖²): four partial sums, lane j adding the terms of the indices i ≡ j (mod 4) in increasing i,
/// then ((s₀ + s₁) + (s₂ + s₃)). The spec does not fix an order; a single chain in index order is one
/// dependent addition (≈ 4 cycles) per element, four independent chains run at memory speed. The width is
/// 4 whatever the hardware's vector width (Vector256 maps it to one register; AVX-512 or scalar machines
/// give the same bits), and nothing depends on the thread count. Terms of indices outside the set are
/// added as +0, which leaves a sum of squares (never −0) bitwise unchanged.
/// </summary>
internal struct Sum4
{
    public double S0, S1, S2, S3;

    /// <summary>Adds <paramref name="term"/> to the partial sum of index <paramref name="i"/>'s lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(int i, double term)
    {
        switch (i & 3)
        {
            case 0: S0 += term; break;
            case 1: S1 += term; break;
            case 2: S2 += term; break;
            default: S3 += term; break;
        }
    }

    public readonly Vector256<double> AsVector() => Vector256.Create(S0, S1, S2, S3);

    public static Sum4 From(Vector256<double> v) => new() { S0 = v.GetElement(0), S1 = v.GetElement(1), S2 = v.GetElement(2), S3 = v.GetElement(3) };

    /// <summary>((s₀ + s₁) + (s₂ + s₃)).</summary>
    public readonly double Total => (S0 + S1) + (S2 + S3);
}
