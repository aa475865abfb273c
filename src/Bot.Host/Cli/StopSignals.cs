using System.Runtime.InteropServices;

namespace Bot.Host.Cli;

/// <summary>
/// SIGINT (Ctrl-C) and SIGTERM as a cancellation token, for a verb that starts no host lifetime:
/// the verb stops its work and exits through its own clean-up instead of being killed mid-write.
/// </summary>
internal sealed class StopSignals : IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private readonly PosixSignalRegistration[] _registrations;

    public StopSignals()
    {
        _registrations =
        [
            PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop),
            PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop),
        ];
    }

    public CancellationToken Stopping => _stopping.Token;

    public void Dispose()
    {
        foreach (var registration in _registrations)
        {
            registration.Dispose();
        }

        _stopping.Dispose();
    }

    private void Stop(PosixSignalContext context)
    {
        // Cancelling the default handling keeps the process alive until the verb has cleaned up.
        context.Cancel = true;
        _stopping.Cancel();
    }
}
