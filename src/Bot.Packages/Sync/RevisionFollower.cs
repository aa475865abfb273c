using Bot.Core.Storage;
using Bot.Packages.Index;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Bot.Packages.Sync;

/// <summary>
/// On a shared store the scheduled sync fires on one instance of the cluster, and each instance keeps
/// its own cache and index. Every minute each instance compares the revision the cluster last synced
/// (the shared sync state) with the repomd.xml in its own cache, and syncs when they differ: the
/// others pick up a new revision within about a minute of the one that saw it first.
/// </summary>
internal sealed partial class RevisionFollower(
    IDocumentStore store,
    PackageCatalog catalog,
    PackageSyncRunner sync,
    RepoCache cache,
    TimeProvider time,
    ILogger<RevisionFollower> logger) : BackgroundService
{
    internal static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!store.IsShared)
        {
            return;
        }

        using var timer = new PeriodicTimer(Interval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                await CatchUpAsync(stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutdown.
        }
    }

    /// <summary>Syncs when this instance's cache is behind the cluster's revision of any repository; whether it did.</summary>
    internal async Task<bool> CatchUpAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<string> behind;
        try
        {
            behind = Behind();
        }
        catch (Exception ex) when (ex is System.Data.Common.DbException or IOException or InvalidOperationException)
        {
            LogUnreadable(logger, ex.Message);
            return false;
        }

        if (behind.Count == 0)
        {
            return false;
        }

        LogBehind(logger, behind);
        await sync.EnsureStarted().WaitAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>The repositories whose shared revision is not the one in this instance's cache.</summary>
    internal IReadOnlyList<string> Behind() =>
        [.. catalog.States().Where(s => s.State.Revision is { } shared && shared != cache.CachedRevision(s.Repo.Id)).Select(s => s.Repo.Id)];

    [LoggerMessage(EventId = 5210, Level = LogLevel.Information, Message = "Another instance synced a newer revision of {Repos}; syncing this instance's cache")]
    private static partial void LogBehind(ILogger logger, IReadOnlyList<string> repos);

    [LoggerMessage(EventId = 5211, Level = LogLevel.Warning, Message = "Could not compare this instance's repository cache with the cluster's sync state: {Error}")]
    private static partial void LogUnreadable(ILogger logger, string error);
}
