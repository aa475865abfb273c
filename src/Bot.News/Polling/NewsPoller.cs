using Bot.Core.Chat;
using Bot.Core.Rendering;
using Bot.Core.Storage;
using Bot.Core.Text;
using Bot.News.Feeds;
using Bot.News.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Bot.News.Polling;

/// <summary>
/// Polls due subscriptions and delivers the outbox. Each new item is marked seen and its post queued
/// in one transaction, then posted with the outbox id as the platform's idempotency key, then marked
/// sent: a crash between any two steps neither loses nor doubles a post (within the platform's dedup
/// window). Each channel's posts go out in order and on their own: a transient failure holds back only
/// that channel's posts (with backoff), and a refusal for good parks the post and pauses what feeds it.
/// Failing feeds back off exponentially and pause after <see cref="NewsOptions.MaxFailures"/>, telling their channel.
/// </summary>
internal sealed partial class NewsPoller(
    NewsStore store,
    FeedFetcher fetcher,
    IChatPublisher publisher,
    ILeaseStore leases,
    BotInstance instance,
    TimeProvider time,
    IOptions<NewsOptions> options,
    ILogger<NewsPoller> logger) : IDisposable
{
    /// <summary>The lease whose holder delivers the outbox: one instance at a time posts, so no post goes out twice.</summary>
    internal const string DeliveryLease = "news.outbox";

    private static readonly TimeSpan MaxBackoff = TimeSpan.FromHours(6);
    private readonly SemaphoreSlim _running = new(1, 1);

    // A subscribe, an announcement and a poll may all deliver at once; one delivery at a time keeps
    // a post from going out twice and each channel's posts in order.
    private readonly SemaphoreSlim _delivering = new(1, 1);

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
            store.CommitPoll(subscription, [], [], now);
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
        var accepted = fresh.Where(filter.Accepts).ToList();

        // A feed that rewrites its GUIDs makes every item new: the newest few are posted, the rest summed up in one line.
        var skipped = Math.Max(0, accepted.Count - options.Value.MaxPostsPerPoll);
        var posts = accepted.Skip(skipped).Select(i => NewsPosts.Item(subscription, i, now)).ToList();
        if (skipped > 0)
        {
            posts.Add(NewsPosts.More(subscription, accepted.Take(skipped).Select(i => i.Key), skipped, now));
        }

        if (!store.CommitPoll(subscription, fresh.Select(i => i.Key), posts, now))
        {
            return; // unsubscribed while this poll fetched: nothing of it is kept
        }

        Checkpoint?.Invoke("queued");
        if (posts.Count > 0)
        {
            ReportNewItems(accepted.Count, subscription);
        }
    }

    /// <summary>
    /// Posts what is due, each channel's posts in order. A transient failure holds back that channel
    /// (until the post's next attempt); a refusal for good parks the post and pauses its feed or announcement.
    /// </summary>
    public async Task DeliverAsync(CancellationToken cancellationToken)
    {
        await _delivering.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Another instance holding the lease is delivering now; what this one queued is in its
            // outbox too, and the delivery sweep comes back for it should that instance stop.
            await using var lease = HeldLease.TryTake(leases, DeliveryLease, instance, time);
            if (lease is null)
            {
                return;
            }

            using var held = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, lease.Lost);
            try
            {
                // A refusal may queue a notice to another channel: one more round delivers it. Each round
                // that goes again parked a post, which stays parked, so the rounds end.
                var parked = true;
                while (parked)
                {
                    parked = false;
                    foreach (var channel in store.Pending().GroupBy(p => p.TargetKey(), StringComparer.Ordinal))
                    {
                        parked |= await DeliverInOrderAsync(channel, held.Token).ConfigureAwait(false);
                    }
                }
            }
            catch (OperationCanceledException) when (lease.Lost.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                LogLeaseLost(logger);
            }
        }
        finally
        {
            _delivering.Release();
        }
    }

    /// <summary>Delivers one channel's due posts in order; true if it parked one.</summary>
    private async Task<bool> DeliverInOrderAsync(IEnumerable<OutboxDocument> channel, CancellationToken cancellationToken)
    {
        var parked = false;
        foreach (var queued in channel)
        {
            // Read again: a refusal just now may have parked it with its feed, an unsubscribe deleted it.
            if (store.Post(queued.Id) is not { Sent: false, Parked: false } post)
            {
                continue;
            }

            var now = time.GetUtcNow().UtcDateTime;
            if (post.NextAttempt.ToUniversalTime() > now)
            {
                return parked; // backing off: the posts behind it in this channel wait too, to keep their order
            }

            var result = await publisher.PublishAsync(new ChatAddress(post.Platform, post.Server, post.Channel), NewsPosts.ToReply(post), "news:" + post.Id, cancellationToken).ConfigureAwait(false);
            if (result.Posted)
            {
                Checkpoint?.Invoke("posted");
                store.MarkSent(post);
                Bot.Core.Diagnostics.BotMetrics.NewsPosts.Add(1);
                continue;
            }

            var error = result.Error ?? "unknown";
            if (result.Permanent)
            {
                Park(post, error, now);
                parked = true;
                continue; // the channel's other posts belong to other feeds: each finds out for itself
            }

            var wait = DeliveryBackoff.After(post.Attempts + 1);
            store.Retry(post, error, now + wait);
            LogPostFailed(logger, post.Id, post.Platform + "/" + post.Channel, wait, error);
            return parked;
        }

        return parked;
    }

    private void Park(OutboxDocument post, string error, DateTime now)
    {
        var notice = post.AnnouncementId is { } id && store.Announcement(id) is { FromChannel: { } from } announcement && from != announcement.Channel
            ? NewsPosts.RefusedNotice(announcement, from, error, now)
            : null;
        var (feed, paused) = store.Park(post, error, notice);
        var what = feed is not null ? "feed " + UrlRedaction.Mask(feed.Url) : paused is not null ? "announcement " + paused.Id : null;
        if (what is not null)
        {
            LogRefused(logger, post.Id, post.Platform + "/" + post.Channel, error, what);
        }
    }

    private void Fail(SubscriptionDocument subscription, string error, DateTime now)
    {
        subscription.Failures++;
        Bot.Core.Diagnostics.BotMetrics.NewsFailures.Add(1);
        subscription.LastError = error;
        // A failing feed is polled again after two intervals, then four, and so on up to MaxBackoff.
        var backoff = new StoredBackoff(options.Value.PollInterval * 2, MaxBackoff).After(subscription.Failures);
        subscription.NextPoll = now + backoff;
        var feed = UrlRedaction.Mask(subscription.Url);
        LogFailed(logger, feed, subscription.Failures, error);
        if (subscription.Failures >= options.Value.MaxFailures)
        {
            // The pause and its notice are one transaction: a crash or a second poll cannot queue the notice twice.
            store.Pause(subscription, new OutboxDocument
            {
                Id = OutboxIds.ForNotice(subscription.Id, now),
                Platform = subscription.Platform,
                Server = subscription.Server,
                Channel = subscription.Channel,
                Title = "News feed paused",
                Text = NewsPosts.Neutralise($"{MarkdownText.Escape(subscription.FeedTitle is { Length: > 0 } t ? t : UrlRedaction.Mask(subscription.Url))} failed {subscription.Failures} times in a row " +
                    $"(last: {MarkdownText.Literal(error)}), so I stopped polling it. {Resubscribe(subscription.Url)}"),
                CreatedAt = now,
                NextAttempt = now,
            });
            return;
        }

        store.CommitPoll(subscription, [], [], now);
    }

    public void Dispose()
    {
        _running.Dispose();
        _delivering.Dispose();
    }

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

    [LoggerMessage(EventId = 6004, Level = LogLevel.Warning, Message = "The outbox lease could not be renewed (the store was out of reach); delivery stopped here and goes on wherever the lease is taken next")]
    private static partial void LogLeaseLost(ILogger logger);

    [LoggerMessage(EventId = 6000, Level = LogLevel.Information, Message = "{Count} new items from {Feed} for {Channel}")]
    private static partial void LogNewItems(ILogger logger, int count, string feed, string channel);

    [LoggerMessage(EventId = 6001, Level = LogLevel.Warning, Message = "Feed {Feed} failed ({Failures} in a row): {Error}")]
    private static partial void LogFailed(ILogger logger, string feed, int failures, string error);

    [LoggerMessage(EventId = 6002, Level = LogLevel.Warning, Message = "News post {Post} to {Channel} was not delivered; it and the channel's later posts wait {Wait}: {Error}")]
    private static partial void LogPostFailed(ILogger logger, string post, string channel, TimeSpan wait, string error);

    [LoggerMessage(EventId = 6003, Level = LogLevel.Warning, Message = "News post {Post} to {Channel} was refused for good ({Error}); paused {Paused} until a moderator resumes it")]
    private static partial void LogRefused(ILogger logger, string post, string channel, string error, string paused);
}
