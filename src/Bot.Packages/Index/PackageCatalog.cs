using Bot.Packages.Sync;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Bot.Packages.Index;

/// <summary>
/// Owns the current index: built from the cache at start, rebuilt after a sync that changed
/// something, swapped in whole so queries never see half an index. Syncs run one at a time.
/// </summary>
internal sealed partial class PackageCatalog(
    IndexBuilder builder,
    // Built only for a sync (an HTTP client with its handler and retries): a lookup starts no network stack.
    Lazy<RepoSyncer> syncer,
    RepoStateStore states,
    IOptions<PackagesOptions> options,
    TimeProvider time,
    ILogger<PackageCatalog> logger) : IDisposable
{
    private readonly SemaphoreSlim _syncing = new(1, 1);
    private readonly Lock _gate = new();
    private volatile PackageIndex _index = PackageIndex.Empty;
    private Task? _firstLoad;
    private volatile bool _building;

    /// <summary>Completes when the index has first been built from the cache (or the attempt failed); starts that build if nothing has.</summary>
    public Task Loaded => LoadCacheAsync(CancellationToken.None);

    public PackageIndex Current => _index;

    public bool IsBuilding => _building;

    public bool HasIndex => _index.PackageCount > 0;

    /// <summary>
    /// Builds the index from the cached metadata once per process: the start-up, a CLI verb and a
    /// first question all wait for the same build. Cancelling stops the wait, not the build.
    /// </summary>
    public Task LoadCacheAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _firstLoad ??= Task.Run(() => BuildFromCache(CancellationToken.None), CancellationToken.None);
            return _firstLoad.WaitAsync(cancellationToken);
        }
    }

    private void BuildFromCache(CancellationToken cancellationToken)
    {
        _building = true;
        try
        {
            _index = builder.Build(cancellationToken);
            LogIndexed(logger, _index.PackageCount, _index.AdvisoryCount);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The last index keeps answering, and a failed first load must not fault the task every
            // later sync waits on: the sync is what repairs the cache.
            LogBuildFailed(logger, ex);
        }
        finally
        {
            _building = false;
        }
    }

    /// <summary>Syncs every enabled repository (or one) and rebuilds the index when any changed.</summary>
    public async Task<IReadOnlyList<SyncResult>> SyncAsync(string? repoId, Action<SyncResult>? progress, CancellationToken cancellationToken)
    {
        // The first build from the cache finishes before a sync decides whether to build again.
        await LoadCacheAsync(cancellationToken).ConfigureAwait(false);
        await _syncing.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var results = new List<SyncResult>();
            foreach (var repo in options.Value.Enabled.Where(r => repoId is null || r.Id == repoId))
            {
                var result = await syncer.Value.SyncAsync(repo, cancellationToken).ConfigureAwait(false);
                progress?.Invoke(result);
                results.Add(result);
            }

            if (results.Any(r => r.Changed) || !HasIndex)
            {
                await Task.Run(() => BuildFromCache(cancellationToken), cancellationToken).ConfigureAwait(false);
            }

            return results;
        }
        finally
        {
            _syncing.Release();
        }
    }

    /// <summary>Whether any enabled repository has not synced within the interval.</summary>
    public bool IsStale()
    {
        var now = time.GetUtcNow().UtcDateTime;
        return options.Value.Enabled.Any(r => states.Get(r.Id).LastSuccess is not { } last || now - last.ToUniversalTime() > options.Value.SyncInterval);
    }

    /// <summary>Each repository's age and last error, for /about and answers from an old index.</summary>
    public IReadOnlyList<(RepoOptions Repo, RepoState State)> States() => [.. options.Value.Enabled.Select(r => (r, states.Get(r.Id)))];

    public string Age(string repoId)
    {
        var last = states.Get(repoId).LastSuccess;
        if (last is null)
        {
            return "never synced";
        }

        var age = time.GetUtcNow().UtcDateTime - last.Value.ToUniversalTime();
        return age.TotalHours >= 48 ? $"{age.TotalDays:F0} days old" : age.TotalMinutes >= 90 ? $"{age.TotalHours:F0} h old" : $"{Math.Max(0, age.TotalMinutes):F0} min old";
    }

    public void Dispose() => _syncing.Dispose();

    [LoggerMessage(EventId = 5100, Level = LogLevel.Information, Message = "Package index built: {Packages} packages, {Advisories} advisories")]
    private static partial void LogIndexed(ILogger logger, int packages, int advisories);

    [LoggerMessage(EventId = 5103, Level = LogLevel.Error, Message = "The package index could not be built; the last one keeps answering")]
    private static partial void LogBuildFailed(ILogger logger, Exception exception);
}
