using Bot.Core.Chat;
using Bot.Core.Rendering;
using Bot.Core.Text;
using Bot.News.Feeds;
using Bot.News.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Bot.News.Polling;

/// <summary>
/// Polls due subscriptions and delivers the outbox. Each new item is marked seen and its post queued
/// in one transaction, then posted with the outbox id as the platform's idempotency key, then marked
/// sent: a crash between any two steps neither loses nor doubles a post. Failing feeds back off
/// exponentially and pause after <see cref="NewsOptions.MaxFailures"/>, telling their channel.
/// </summary>
internal sealed partial class NewsPoller(
    NewsStore store,
    FeedFetcher fetcher,
    IChatPublisher publisher,
    TimeProvider time,
    IOptions<NewsOptions> options,
    ILogger<NewsPoller> logger) : IDisposable
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromHours(6);
    private readonly SemaphoreSlim _running = new(1, 1);

    /// <summary>Test seam: called at "queued" (after the transaction) and "posted" (before marking sent).</summary>
    internal Action<string>? Checkpoint { get; set; }

    public async Task PollDueAsync(CancellationToken cancellationToken)
    {
        // Quartz never overlaps the job, but a subscribe or a restart may call in too.
        await _running.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await DeliverAsync(cancellationToken).ConfigureAwait(false);
            var now = time.GetUtcNow().UtcDateTime;
            foreach (var subscription in store.Subscriptions().Where(s => !s.Paused && s.NextPoll.ToUniversalTime() <= now))
            {
                await PollAsync(subscription, cancellationToken).ConfigureAwait(false);
            }

            await DeliverAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _running.Release();
        }
    }

    internal async Task PollAsync(SubscriptionDocument subscription, CancellationToken cancellationToken)
    {
        var result = await fetcher.FetchAsync(new Uri(subscription.Url), subscription.ETag, subscription.LastModified, cancellationToken).ConfigureAwait(false);
        var now = time.GetUtcNow().UtcDateTime;
        if (result.Error is not null)
        {
            Fail(subscription, result.Error, now);
            return;
        }

        subscription.Failures = 0;
        subscription.LastError = null;
        subscription.LastSuccess = now;
        subscription.NextPoll = now + options.Value.PollInterval;
        if (result.NotModified)
        {
            store.Save(subscription);
            return;
        }

        (subscription.ETag, subscription.LastModified) = (result.ETag, result.LastModified);
        var feed = result.Feed!;
        if (feed.Title.Length > 0)
        {
            subscription.FeedTitle = feed.Title;
        }

        var filter = ItemFilter.Parse(subscription.Filter).Filter ?? ItemFilter.Parse(null).Filter!;
        // Oldest first: by date where the feed gives one, else the reverse of document order (feeds list newest first).
        var fresh = feed.Items.Where(i => !store.Seen(subscription.Id, i.Key))
            .DistinctBy(i => i.Key)
            .OrderBy(i => i.Date ?? DateTimeOffset.MinValue).ThenByDescending(i => i.Position)
            .ToList();
        var posts = fresh.Where(filter.Accepts).Select(i => NewsPosts.Item(subscription, i, now)).ToList();
        store.Commit(subscription, fresh.Select(i => i.Key), posts, now);
        Checkpoint?.Invoke("queued");
        if (posts.Count > 0)
        {
            ReportNewItems(posts.Count, subscription);
        }
    }

    /// <summary>Posts every queued post in order; one that fails stays queued for the next round.</summary>
    public async Task DeliverAsync(CancellationToken cancellationToken)
    {
        foreach (var post in store.Pending())
        {
            var result = await publisher.PublishAsync(new ChatAddress(post.Platform, post.Server, post.Channel), NewsPosts.ToReply(post), "news:" + post.Id, cancellationToken).ConfigureAwait(false);
            if (!result.Posted)
            {
                LogPostFailed(logger, post.Id, result.Error ?? "unknown");
                return;
            }

            Checkpoint?.Invoke("posted");
            store.MarkSent(post);
            Bot.Core.Diagnostics.BotMetrics.NewsPosts.Add(1);
        }
    }

    private void Fail(SubscriptionDocument subscription, string error, DateTime now)
    {
        subscription.Failures++;
        Bot.Core.Diagnostics.BotMetrics.NewsFailures.Add(1);
        subscription.LastError = error;
        var backoff = TimeSpan.FromTicks(Math.Min(MaxBackoff.Ticks, options.Value.PollInterval.Ticks * (1L << Math.Min(subscription.Failures, 20))));
        subscription.NextPoll = now + backoff;
        var feed = UrlRedaction.Mask(subscription.Url);
        LogFailed(logger, feed, subscription.Failures, error);
        if (subscription.Failures >= options.Value.MaxFailures)
        {
            subscription.Paused = true;
            store.Queue(new OutboxDocument
            {
                Id = Guid.NewGuid().ToString("N"),
                Platform = subscription.Platform,
                Server = subscription.Server,
                Channel = subscription.Channel,
                Title = "News feed paused",
                Text = NewsPosts.Neutralise($"{MarkdownText.Escape(subscription.FeedTitle is { Length: > 0 } t ? t : UrlRedaction.Mask(subscription.Url))} failed {subscription.Failures} times in a row " +
                    $"(last: {MarkdownText.Literal(error)}), so I stopped polling it. {Resubscribe(subscription.Url)}"),
                CreatedAt = now,
            });
        }

        store.Save(subscription);
    }

    public void Dispose() => _running.Dispose();

    private void ReportNewItems(int count, SubscriptionDocument subscription)
    {
        // Only the masked URL is logged: a feed's credentials must not reach a log line.
        var feed = UrlRedaction.Mask(subscription.Url);
        LogNewItems(logger, count, feed, subscription.Platform + "/" + subscription.Channel);
    }

    /// <summary>The way back, without spelling out a feed URL's credentials to the whole channel.</summary>
    private static string Resubscribe(string url) => UrlRedaction.HasSecrets(url)
        ? $"A moderator can run `/news subscribe` with its full URL ({UrlRedaction.Mask(url)}) to start again."
        : $"A moderator can run `/news subscribe {url}` to start again.";

    [LoggerMessage(EventId = 6000, Level = LogLevel.Information, Message = "{Count} new items from {Feed} for {Channel}")]
    private static partial void LogNewItems(ILogger logger, int count, string feed, string channel);

    [LoggerMessage(EventId = 6001, Level = LogLevel.Warning, Message = "Feed {Feed} failed ({Failures} in a row): {Error}")]
    private static partial void LogFailed(ILogger logger, string feed, int failures, string error);

    [LoggerMessage(EventId = 6002, Level = LogLevel.Warning, Message = "News post {Post} was not delivered; it stays queued: {Error}")]
    private static partial void LogPostFailed(ILogger logger, string post, string error);
}
