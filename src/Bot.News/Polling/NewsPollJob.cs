using Quartz;

namespace Bot.News.Polling;

/// <summary>Every <c>News:PollInterval</c>: poll the due feeds and deliver the outbox.</summary>
[DisallowConcurrentExecution]
internal sealed class NewsPollJob(NewsPoller poller) : IJob
{
    public static readonly JobKey Key = new("news-poll", "news");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        await poller.PollDueAsync(cancellationToken).ConfigureAwait(false);
}

/// <summary>
/// On a shared store, every few seconds: deliver what is due. The instance that held the outbox
/// lease may have died with posts queued; whichever instance fires this next takes the lease over.
/// </summary>
[DisallowConcurrentExecution]
internal sealed class NewsDeliveryJob(NewsPoller poller) : IJob
{
    public static readonly JobKey Key = new("news-deliver", "news");

    /// <summary>With a lease of 15 s, a dead instance's posts go out within about 20 s.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        await poller.DeliverAsync(cancellationToken).ConfigureAwait(false);
}
