using Bot.Packages.Index;
using Microsoft.Extensions.Hosting;
using Bot.Packages.Sync;
using Microsoft.Extensions.Options;
using Quartz;

namespace Bot.Packages;

/// <summary>At start: build the index from the cache in the background, then sync whatever is older than the interval.</summary>
internal sealed class PackagesStartup(PackageCatalog catalog, PackageSyncRunner sync, IOptions<PackagesOptions> options, ISchedulerFactory schedulers, TimeProvider time) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var interval = options.Value.SyncInterval;
        var scheduler = await schedulers.GetScheduler(cancellationToken).ConfigureAwait(false);
        var job = JobBuilder.Create<RepoSyncJob>().WithIdentity(RepoSyncJob.Key).Build();
        var trigger = TriggerBuilder.Create(time).WithIdentity("repo-sync", "packages").StartAt(time.GetUtcNow() + interval)
            .WithSimpleSchedule(s => s.WithInterval(interval).RepeatForever()).Build();
        await scheduler.ScheduleJob(job, [trigger], ScheduleJobOptions.Replacing, cancellationToken).ConfigureAwait(false);

        _ = Task.Run(async () =>
        {
            await catalog.LoadCacheAsync(CancellationToken.None).ConfigureAwait(false);
            // Without any cache the first question (or `bot repo sync`) starts the sync: a demo chat
            // should not download every distribution's metadata.
            if (options.Value.SyncOnStart && catalog.HasIndex && catalog.IsStale())
            {
                await sync.EnsureStarted().ConfigureAwait(false);
            }
        }, CancellationToken.None);
    }

    public Task StopAsync(CancellationToken cancellationToken) => sync.StopAsync();
}
