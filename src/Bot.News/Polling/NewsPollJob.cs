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
