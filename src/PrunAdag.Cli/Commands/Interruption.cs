using System.Runtime.InteropServices;

namespace PrunAdag.Cli.Commands;

/// <summary>
/// Ctrl+C or SIGTERM cancels <c>cts</c> so long commands stop within one iteration and keep what they
/// have; a second signal terminates at once.
/// </summary>
internal sealed class Interruption : IDisposable
{
    private readonly PosixSignalRegistration? _int, _term;

    public Interruption(CancellationTokenSource cts, bool enabled)
    {
        if (!enabled) return;
        void OnSignal(PosixSignalContext c)
        {
            c.Cancel = !cts.IsCancellationRequested;
            cts.Cancel();
        }
        _int = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        _term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
    }

    public void Dispose()
    {
        _int?.Dispose();
        _term?.Dispose();
    }
}
