using Microsoft.Extensions.Logging;

namespace Bot.Packages.Index;

/// <summary>Runs syncs in the background, one at a time, for the start-up, the schedule and a first question.</summary>
internal sealed partial class PackageSyncRunner(PackageCatalog catalog, ILogger<PackageSyncRunner> logger) : IDisposable
{
    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _stopping = new();
    private Task _running = Task.CompletedTask;

    /// <summary>How long shutdown waits for a download to notice the cancellation.</summary>
    private static readonly TimeSpan StopWait = TimeSpan.FromSeconds(10);

    public Task Current
    {
        get
        {
            lock (_gate)
            {
                return _running;
            }
        }
    }

    public Task EnsureStarted()
    {
        lock (_gate)
        {
            if (_running.IsCompleted && !_stopping.IsCancellationRequested)
            {
                _running = Task.Run(RunAsync);
            }

            return _running;
        }
    }

    private async Task RunAsync()
    {
        try
        {
            var results = await catalog.SyncAsync(null, r =>
            {
                var line = r.Line();
                LogSynced(logger, line);
            }, _stopping.Token).ConfigureAwait(false);
            var ok = results.Count(r => r.Error is null);
            LogDone(logger, ok, results.Count);
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            // Shutdown: the files already in place stay; the next start picks up from them.
        }
        catch (Exception ex)
        {
            LogFailed(logger, ex);
        }
    }

    /// <summary>Cancels a running sync for shutdown; the files already in place stay, a partial download is dropped.</summary>
    public async Task StopAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        try
        {
            await Current.WaitAsync(StopWait).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // Shutdown does not wait longer for a stuck download.
        }
    }

    public void Dispose() => _stopping.Dispose();

    [LoggerMessage(EventId = 5200, Level = LogLevel.Information, Message = "Repository sync: {Line}")]
    private static partial void LogSynced(ILogger logger, string line);

    [LoggerMessage(EventId = 5201, Level = LogLevel.Information, Message = "Repository sync done: {Ok} of {All} repositories synced")]
    private static partial void LogDone(ILogger logger, int ok, int all);

    [LoggerMessage(EventId = 5202, Level = LogLevel.Error, Message = "Repository sync failed")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
