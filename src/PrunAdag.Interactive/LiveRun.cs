using System.Diagnostics;
using MathNet.Numerics.LinearAlgebra;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.Formatting;

namespace PrunAdag.Interactive;

/// <summary>
/// Runs a minimizer in a notebook cell with one in-place progress display (iteration, ‖g‖, sparsity,
/// elapsed and estimated remaining time; a few updates per second) that the result replaces: the cell
/// shows the run once, so end it with the assignment (<c>var r = m.MinimizeLive(f, x0);</c>). If the cell
/// still ends with <c>r</c>, that second display is a one-line reference to the result above, not a copy.
/// Hosts that keep every update of a display as a separate output instead of replacing it (dotnet-repl's
/// <c>--run</c>, any automation host) get no progress, only the final value, so their saved notebooks hold
/// no stale progress. Interrupting the cell cancels the run, and the partial result is still shown and returned.
/// </summary>
public static class LiveRun
{
    /// <summary>How often the display is refreshed at most.</summary>
    public static TimeSpan UpdateInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// <see cref="Minimizer.Minimize"/> with a live display. Outside a notebook cell of a .NET Interactive host it simply runs; a plain
    /// program has no host to provide the kernel assemblies this package references privately, so it calls <see cref="Minimizer.Minimize"/>.
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
        catch (MinimizationException ex) // the objective, the callback, the evaluation hook: the partial result replaces the progress
        {
            session.Show(ex.PartialResult);
            throw;
        }
        catch (Exception ex)
        {
            session.Fail(ex.Message);
            throw;
        }
        session.Show(result);
        return result;
    }
}

/// <summary>
/// One display per run (or per batch of runs): progress snapshots, throttled and updated in place, then
/// the final value in the same place. In a host that cannot update in place nothing is shown until the
/// final value, which is then displayed once.
/// </summary>
internal sealed class LiveDisplay : IProgress<IterationProgress>, IDisposable
{
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<object, KernelCommand> ShownLive = new();

    private DisplayedValue? _displayed;
    private readonly KernelInvocationContext _context;
    private readonly string _title;
    private readonly string? _step;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private TimeSpan? _last;
    private bool _final;

    public LiveDisplay(KernelInvocationContext context, string title, string? step)
    {
        _title = title; _step = step; _context = context;
        UpdatesInPlace = HostUpdatesInPlace(context);
        if (UpdatesInPlace)
            _displayed = KernelInvocationContextExtensions.Display(context, new LiveProgressView(title, null, step), HtmlFormatter.MimeType, PlainTextFormatter.MimeType);
    }

    /// <summary>False in hosts that record every display update as a new output (no progress is shown there).</summary>
    public bool UpdatesInPlace { get; }

    /// <summary>The number of progress updates sent to the display (for tests and diagnostics).</summary>
    public int Updates { get; private set; }

    /// <summary>
    /// True when the session's front end replaces a display in place (Jupyter, VS Code: an HTML notebook
    /// front end). dotnet-repl's <c>--run</c> and in-process kernels keep .NET Interactive's default
    /// <see cref="AutomationEnvironment"/>, where each update would become one more saved output.
    /// </summary>
    internal static bool HostUpdatesInPlace(KernelInvocationContext context)
    {
        var kernel = context.HandlingKernel?.RootKernel ?? Kernel.Root;
        return kernel?.FrontendEnvironment is { } frontEnd && frontEnd is not AutomationEnvironment;
    }

    /// <summary>True when <paramref name="value"/> was shown by a live display of the command now running.</summary>
    internal static bool WasShownLiveByCurrentCommand(object value) =>
        KernelInvocationContext.Current?.Command is { } command && ShownLive.TryGetValue(value, out var shownBy) && ReferenceEquals(shownBy, command);

    public void Report(IterationProgress value) => Report(value, _title, _step);

    /// <summary>Reports a snapshot under another title (several runs sharing one display).</summary>
    public void Report(IterationProgress value, string title, string? step)
    {
        if (_final || _displayed is null) return;
        var now = _clock.Elapsed;
        // Throttle: a notebook cannot usefully redraw more than a few times per second. The final snapshot
        // of a run (its true last k and ‖g‖) always goes through.
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
            if (_displayed is null)
                _displayed = KernelInvocationContextExtensions.Display(_context, value, HtmlFormatter.MimeType, PlainTextFormatter.MimeType);
            else
                _displayed.Update(value);
            ShownLive.AddOrUpdate(value, _context.Command);
            return;
        }
        // The cell was interrupted: its context no longer publishes events, so the partial result goes
        // to the same display through a new command (the kernel is idle again once the cell is cancelled).
        // The command is created and sent off the cell's flow: a command takes the ambient context's command
        // (KernelInvocationContext.Current, which flows with the cell) as its parent, and as a child of the
        // cancelled cell its events could go to that cell's context. In one CI run of many the update never
        // arrived; created off the flow, the command has no parent whatever the timing.
        var root = _context.HandlingKernel?.RootKernel;
        if (root is null) return;
        var html = FormattedValue.CreateSingleFromObject(value, HtmlFormatter.MimeType);
        string? displayId = _displayed?.DisplayId;
        using (ExecutionContext.SuppressFlow())
            _ = Task.Run(() => displayId is null
                ? root.SendAsync(new DisplayValue(html))
                : root.SendAsync(new UpdateDisplayedValue(html, displayId)));
    }

    /// <summary>Replaces the progress by a line saying the run stopped and why, when there is no result to show instead.</summary>
    public void Fail(string why)
    {
        _final = true;
        if (_displayed is not null && !_context.IsComplete) _displayed.Update(new LiveProgressView(_title, null, _step, why));
    }

    public void Dispose() { }
}
