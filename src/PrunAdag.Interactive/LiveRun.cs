using System.Diagnostics;
using MathNet.Numerics.LinearAlgebra;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.Formatting;

namespace PrunAdag.Interactive;

/// <summary>
/// Runs a minimizer in a notebook cell with an in-place progress display (iteration, ‖g‖, sparsity,
/// elapsed and estimated remaining time; a few updates per second) that is replaced by the result.
/// Interrupting the cell cancels the run, and the partial result is still shown and returned.
/// </summary>
public static class LiveRun
{
    /// <summary>How often the display is refreshed at most.</summary>
    public static TimeSpan UpdateInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// <see cref="Minimizer.Minimize"/> with a live display. Outside a notebook cell it simply runs.
    /// </summary>
    /// <param name="minimizer">The method.</param>
    /// <param name="objective">f.</param>
    /// <param name="x0">The starting point.</param>
    /// <param name="callback">Optional per-iterate callback (return false to stop).</param>
    /// <param name="cancellationToken">Cancels the run too, besides interrupting the cell.</param>
    /// <returns>The result (stop reason <see cref="StopReason.Cancelled"/> when interrupted).</returns>
    public static MinimizationResult MinimizeLive(this Minimizer minimizer, Objective objective, Vector<double> x0,
        IterationCallback? callback = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(minimizer);
        ArgumentNullException.ThrowIfNull(objective);
        var context = KernelInvocationContext.Current;
        if (context is null) return minimizer.Minimize(objective, x0, callback, null, cancellationToken);

        string title = $"{minimizer.Method.DisplayName} on {objective.Name}";
        using var session = new LiveDisplay(context, title, null);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, context.CancellationToken);
        MinimizationResult result;
        try
        {
            result = minimizer.Minimize(objective, x0, callback, session, linked.Token);
        }
        catch (ObjectiveEvaluationException ex)
        {
            session.Show(ex.PartialResult);
            throw;
        }
        session.Show(result);
        return result;
    }
}

/// <summary>One updatable display: progress snapshots (throttled), then a final value.</summary>
internal sealed class LiveDisplay : IProgress<IterationProgress>, IDisposable
{
    private readonly DisplayedValue _displayed;
    private readonly KernelInvocationContext _context;
    private readonly string _title;
    private readonly string? _step;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private TimeSpan? _last;
    private bool _final;

    public LiveDisplay(KernelInvocationContext context, string title, string? step)
    {
        _title = title; _step = step; _context = context;
        _displayed = KernelInvocationContextExtensions.Display(context, new LiveProgressView(title, null, step), HtmlFormatter.MimeType, PlainTextFormatter.MimeType);
    }

    /// <summary>The number of progress updates sent to the display (for tests and diagnostics).</summary>
    public int Updates { get; private set; }

    public void Report(IterationProgress value) => Report(value, _title, _step);

    /// <summary>Reports a snapshot under another title (several runs sharing one display).</summary>
    public void Report(IterationProgress value, string title, string? step)
    {
        if (_final) return;
        var now = _clock.Elapsed;
        // Throttle: a notebook cannot usefully redraw more than a few times per second.
        if (!value.IsFinal && _last is { } last && now - last < LiveRun.UpdateInterval) return;
        _last = now;
        Updates++;
        _displayed.Update(new LiveProgressView(title, value, step));
    }

    /// <summary>Replaces the progress by <paramref name="value"/> (its own display: a result, a comparison).</summary>
    public void Show(object value)
    {
        _final = true;
        if (!_context.IsComplete && !_context.CancellationToken.IsCancellationRequested)
        {
            _displayed.Update(value);
            return;
        }
        // The cell was interrupted: its context no longer publishes events, so the partial result goes
        // to the same display through a new command (the kernel is idle again once the cell is cancelled).
        var root = _context.HandlingKernel?.RootKernel;
        if (root is null) return;
        var html = FormattedValue.CreateSingleFromObject(value, HtmlFormatter.MimeType);
        _ = root.SendAsync(new UpdateDisplayedValue(html, _displayed.DisplayId));
    }

    public void Dispose() { }
}
