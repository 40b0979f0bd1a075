using MathNet.Numerics.LinearAlgebra;

namespace PrunAdag;

/// <summary>The outcome of one run: the solution x_K, how many steps were taken, why it stopped, and the trace.</summary>
public sealed record MinimizationResult
{
    /// <summary>The method that ran.</summary>
    public required Method Method { get; init; }
    /// <summary>The options it ran with.</summary>
    public required MinimizerOptions Options { get; init; }
    /// <summary>n.</summary>
    public required int Dimension { get; init; }
    /// <summary>T used (n for Adagrad).</summary>
    public required int TargetRelevant { get; init; }
    /// <summary>x_K, the last iterate (always finite).</summary>
    public required Vector<double> Solution { get; init; }
    /// <summary>K, the number of steps taken.</summary>
    public required int Iterations { get; init; }
    /// <summary>Why the run stopped.</summary>
    public required StopReason StopReason { get; init; }
    /// <summary>‖∇f(x_K)‖₂ (NaN or ∞ when the run stopped on a non-finite gradient).</summary>
    public required double FinalGradientNorm { get; init; }
    /// <summary>f(x_K) when the objective has a value; otherwise null.</summary>
    public double? FinalValue { get; init; }
    /// <summary>The recorded trace.</summary>
    public required IterationTrace Trace { get; init; }
    /// <summary>Wall-clock time of the run.</summary>
    public required TimeSpan Elapsed { get; init; }
    /// <summary>The objective's display name.</summary>
    public string ObjectiveName { get; init; } = "";

    /// <summary>Where the gradients came from (<see cref="GradientKind.CentralDifferences"/> for <see cref="Objective.FromValue"/>).</summary>
    public GradientKind GradientKind { get; init; }

    /// <summary>Fraction of components of x_K with |x_i| &lt; δ.</summary>
    public double FinalBelowDelta => Trace.BelowDelta.Count > 0 ? Trace.BelowDelta[^1] : double.NaN;

    /// <summary>A one-line summary.</summary>
    public override string ToString() => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"{Method.DisplayName} on {ObjectiveName}: {StopReason} after {Iterations} iterations, ‖g‖ = {FinalGradientNorm:G4}, {FinalBelowDelta * 100:0.0}% of |x_i| < {Trace.Delta:G3}{(FinalValue is { } f ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $", f = {f:G6}") : "")}{(GradientKind == GradientKind.CentralDifferences ? "; gradient: central differences" : "")}");
}
