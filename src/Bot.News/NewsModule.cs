using Bot.Core.Commands;
using Bot.Core.Options;
using Bot.Core.Status;
using Bot.Core.Storage;
using Bot.Core.Text;
using Bot.News.Announcements;
using Bot.News.Commands;
using Bot.News.Feeds;
using Bot.News.Polling;
using Bot.News.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Quartz;

namespace Bot.News;

/// <summary>Registers the News module: options, store, fetcher, poller, announcements, commands, jobs and status.</summary>
public static class NewsModule
{
    public static IServiceCollection AddNewsModule(this IServiceCollection services)
    {
        services.AddValidatedOptions<NewsOptions>(NewsOptions.Section);
        services.AddSingleton<IStoreMigration, NewsStoreMigration>();
        services.AddSingleton<IStoreMigration, NewsDeliveryMigration>();
        services.AddSingleton<IStoreMigration, NewsOrderMigration>();
        services.AddStoreCollection<SubscriptionDocument>(NewsStore.SubscriptionsCollection);
        services.AddStoreCollection<SeenDocument>(NewsStore.SeenCollection);
        services.AddStoreCollection<OutboxDocument>(NewsStore.OutboxCollection);
        services.AddStoreCollection<AnnouncementDocument>(NewsStore.AnnouncementsCollection);
        services.AddSingleton<NewsStore>();
        services.AddSingleton(sp =>
        {
            // Subscribe, test and every poll fetch through this one client, so the address guard covers them all.
            var options = sp.GetRequiredService<IOptions<NewsOptions>>();
            return new FeedFetcher(FeedHttp.CreateClient(GuardedConnector.PublicOnly(options)), options, sp.GetRequiredService<TimeProvider>());
        });
        services.AddSingleton<NewsPoller>();
        services.AddSingleton<Subscriptions>();
        services.AddSingleton<Announcer>();
        services.AddSingleton<ICommandHandler, NewsCommand>();
        services.AddSingleton<ICommandHandler, AnnounceCommand>();
        services.AddSingleton<IStatusReport, NewsStatus>();
        services.AddSingleton<IReadinessCheck, NewsReadiness>();
        services.AddHostedService<NewsStartup>();
        return services;
    }
}

/// <summary>At start: deliver what a crash left queued, restore announcements, schedule the poll.</summary>
internal sealed class NewsStartup(NewsPoller poller, Announcer announcer, ISchedulerFactory schedulers, IDocumentStore store, IOptions<NewsOptions> options, TimeProvider time) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await announcer.RestoreAsync(cancellationToken).ConfigureAwait(false);
        var scheduler = await schedulers.GetScheduler(cancellationToken).ConfigureAwait(false);
        var job = JobBuilder.Create<NewsPollJob>().WithIdentity(NewsPollJob.Key).Build();
        var trigger = TriggerBuilder.Create(time).WithIdentity("news-poll", "news").StartAt(time.GetUtcNow() + TimeSpan.FromSeconds(5))
            .WithSimpleSchedule(s => s.WithInterval(options.Value.PollInterval).RepeatForever()).Build();
        await scheduler.ScheduleJob(job, [trigger], ScheduleJobOptions.Replacing, cancellationToken).ConfigureAwait(false);
        if (store.IsShared)
        {
            var sweep = JobBuilder.Create<NewsDeliveryJob>().WithIdentity(NewsDeliveryJob.Key).Build();
            var every = TriggerBuilder.Create(time).WithIdentity(NewsDeliveryJob.Key.Name, NewsDeliveryJob.Key.Group).StartAt(time.GetUtcNow() + NewsDeliveryJob.Interval)
                .WithSimpleSchedule(s => s.WithInterval(NewsDeliveryJob.Interval).RepeatForever()).Build();
            await scheduler.ScheduleJob(sweep, [every], ScheduleJobOptions.Replacing, cancellationToken).ConfigureAwait(false);
        }

        _ = Task.Run(() => poller.DeliverAsync(CancellationToken.None), CancellationToken.None);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>The News module's lines in /about.</summary>
internal sealed class NewsStatus(NewsStore store) : IStatusReport
{
    public string Name => "News";

    public IReadOnlyList<string> Lines()
    {
        var subscriptions = store.Subscriptions();
        var paused = subscriptions.Count(s => s.Paused);
        var failing = subscriptions.Count(s => !s.Paused && s.Failures > 0);
        return [$"{subscriptions.Count} feed subscriptions ({paused} paused, {failing} failing); {store.Pending().Count} posts queued; {store.PendingAnnouncements().Count} announcements waiting"];
    }
}

/// <summary>
/// /readyz: every active feed fetched within three poll intervals (at least an hour). A feed paused
/// because its channel refused a post is named in the detail but leaves the bot ready: a restart
/// cannot fix a channel's permissions, and every other channel is still served.
/// </summary>
internal sealed class NewsReadiness(NewsStore store, IOptions<NewsOptions> options, TimeProvider time) : IReadinessCheck
{
    public string Name => "news";

    public (bool Ready, string Detail) Check()
    {
        var bound = TimeSpan.FromTicks(Math.Max(options.Value.PollInterval.Ticks * 3, TimeSpan.FromHours(1).Ticks));
        var now = time.GetUtcNow().UtcDateTime;
        var stale = store.Subscriptions().Where(s => !s.Paused && s.LastSuccess is { } last && now - last.ToUniversalTime() > bound).Select(s => UrlRedaction.Mask(s.Url)).ToList();
        var paused = store.Subscriptions().Where(s => s.Paused).Select(s => $"{UrlRedaction.Mask(s.Url)} in {s.Platform}/{s.Channel}").ToList();
        var parked = store.Parked().Count;
        return stale.Count == 0
            ? (true, $"{store.Subscriptions().Count} feeds, {paused.Count} paused{(paused.Count == 0 ? "" : ": " + string.Join(", ", paused))}; {parked} posts parked")
            : (false, $"not fetched within {bound}: {string.Join(", ", stale)}");
    }
}
