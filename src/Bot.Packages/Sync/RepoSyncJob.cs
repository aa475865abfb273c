using Bot.Packages.Index;
using Quartz;

namespace Bot.Packages.Sync;

/// <summary>The scheduled re-sync of every repository (<c>Packages:SyncInterval</c>).</summary>
[DisallowConcurrentExecution]
internal sealed class RepoSyncJob(PackageSyncRunner sync) : IJob
{
    public static readonly JobKey Key = new("repo-sync", "packages");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        await sync.EnsureStarted().WaitAsync(cancellationToken).ConfigureAwait(false);
}
