using Bot.Core.Storage;

namespace Bot.News.Storage;

/// <summary>
/// The news collections. One class, because each state change that goes with a post is one
/// transaction across them: seen items with their posts, a pause with its notice, a sent post with
/// its announcement's flag, a refusal with the pause of what feeds it.
/// </summary>
internal sealed class NewsStore(IDocumentStore store, IStateStore state)
{
    internal const string SubscriptionsCollection = "news_subscriptions";
    internal const string SeenCollection = "news_seen";
    internal const string OutboxCollection = "news_outbox";
    internal const string AnnouncementsCollection = "news_announcements";

    /// <summary>The counter that numbers queued posts, so each channel's go out in the order they were queued.</summary>
    internal const string OrderCounter = "news.outbox.order";

    private readonly IDocumentCollection<SubscriptionDocument> _subscriptions = store.Collection<SubscriptionDocument>(SubscriptionsCollection);
    private readonly IDocumentCollection<SeenDocument> _seen = store.Collection<SeenDocument>(SeenCollection);
    private readonly IDocumentCollection<OutboxDocument> _outbox = store.Collection<OutboxDocument>(OutboxCollection);
    private readonly IDocumentCollection<AnnouncementDocument> _announcements = store.Collection<AnnouncementDocument>(AnnouncementsCollection);

    public IReadOnlyList<SubscriptionDocument> Subscriptions() => _subscriptions.All();

    public IReadOnlyList<SubscriptionDocument> InChannel(string platform, string server, string channel) =>
        _subscriptions.Where(new(nameof(SubscriptionDocument.Platform), platform), new(nameof(SubscriptionDocument.Server), server), new(nameof(SubscriptionDocument.Channel), channel));

    public SubscriptionDocument? FindByKey(string key) => _subscriptions.Where(new FieldMatch(nameof(SubscriptionDocument.Key), key)) is [var found, ..] ? found : null;

    /// <summary>Deletes the subscription, its seen items and its unsent posts: nothing of it is posted any more.</summary>
    public void Remove(SubscriptionDocument subscription) => InTransaction(() =>
    {
        _subscriptions.Delete(subscription.Id);
        _seen.DeleteWhere(new FieldMatch(nameof(SeenDocument.SubscriptionId), subscription.Id));
        _outbox.DeleteWhere(ForFeed(subscription.Id), Unsent);
        return true;
    });

    public bool Seen(string subscriptionId, string itemKey) => _seen.Find($"{subscriptionId}|{itemKey}") is not null;

    /// <summary>
    /// A moderator's subscribe: saves the subscription (new, changed or resumed), marks the items seen,
    /// queues the posts, and puts the subscription's parked posts back in line, all or nothing.
    /// </summary>
    public void Subscribe(SubscriptionDocument subscription, IEnumerable<string> seenKeys, IEnumerable<OutboxDocument> posts, DateTime now) => InTransaction(() =>
    {
        _subscriptions.Upsert(subscription);
        MarkSeen(subscription.Id, seenKeys, now);
        foreach (var parked in _outbox.Where(ForFeed(subscription.Id), new(nameof(OutboxDocument.Parked), true), Unsent))
        {
            (parked.Parked, parked.Attempts, parked.NextAttempt, parked.LastError) = (false, 0, now, null);
            _outbox.Update(parked);
        }

        QueueAll(posts, parked: false);
        return true;
    });

    /// <summary>
    /// A poll's outcome, taken from a snapshot read before the fetch: marks items seen, queues their posts
    /// and saves the polling state, all or nothing. A subscription removed meanwhile stays removed (false);
    /// one paused meanwhile keeps its pause, and its new posts wait parked for the moderator to resume it.
    /// </summary>
    public bool CommitPoll(SubscriptionDocument snapshot, IEnumerable<string> seenKeys, IEnumerable<OutboxDocument> posts, DateTime now) => InTransaction(() =>
    {
        if (_subscriptions.Find(snapshot.Id) is not { } current)
        {
            return false;
        }

        CopyPollState(snapshot, current);
        MarkSeen(current.Id, seenKeys, now);
        QueueAll(posts, parked: current.Paused);
        _subscriptions.Update(current);
        return true;
    });

    /// <summary>Pauses a failing feed and queues its notice in one transaction, so neither happens without the other nor twice.</summary>
    public bool Pause(SubscriptionDocument snapshot, OutboxDocument notice) => InTransaction(() =>
    {
        if (_subscriptions.Find(snapshot.Id) is not { Paused: false } current)
        {
            return false;
        }

        CopyPollState(snapshot, current);
        current.Paused = true;
        _subscriptions.Update(current);
        QueueAll([notice], parked: false);
        return true;
    });

    /// <summary>Queues a post that belongs to no feed item (an announcement); a post already queued under its id is kept.</summary>
    public void Queue(OutboxDocument post) => InTransaction(() => QueueAll([post], parked: false));

    /// <summary>Unsent posts that may still go out, in the order they were queued.</summary>
    public IReadOnlyList<OutboxDocument> Pending() => [.. _outbox.Where(Unsent, new(nameof(OutboxDocument.Parked), false)).OrderBy(o => o.Order)];

    public IReadOnlyList<OutboxDocument> Parked() => [.. _outbox.Where(Unsent, new(nameof(OutboxDocument.Parked), true)).OrderBy(o => o.Order)];

    public OutboxDocument? Post(string id) => _outbox.Find(id);

    /// <summary>Marks the post sent and, in the same transaction, its announcement posted.</summary>
    public void MarkSent(OutboxDocument post) => InTransaction(() =>
    {
        post.Sent = true;
        _outbox.Update(post);
        if (post.AnnouncementId is { } id && _announcements.Find(id) is { } announcement)
        {
            (announcement.Posted, announcement.Paused, announcement.LastError) = (true, false, null);
            _announcements.Update(announcement);
        }

        return true;
    });

    /// <summary>A transient failure: the post waits until <paramref name="next"/>.</summary>
    public void Retry(OutboxDocument post, string error, DateTime next) => InTransaction(() =>
    {
        // Counted from the stored post, so that a transaction run again (a conflict on PostgreSQL) counts one attempt.
        var stored = _outbox.Find(post.Id) ?? post;
        (post.Attempts, post.NextAttempt, post.LastError) = (stored.Attempts + 1, next, error);
        return _outbox.Update(post);
    });

    /// <summary>
    /// A refusal for good: parks the post and, in the same transaction, pauses what feeds it. A feed's
    /// other unsent posts go to the same channel, so they are parked with it; an announcement's
    /// <paramref name="notice"/> (to the channel it was given in) is queued only with its pause.
    /// </summary>
    public (SubscriptionDocument? Feed, AnnouncementDocument? Announcement) Park(OutboxDocument post, string error, OutboxDocument? notice)
    {
        SubscriptionDocument? feed = null;
        AnnouncementDocument? announcement = null;
        InTransaction(() =>
        {
            (feed, announcement) = (null, null);
            // Rows are locked in one order by every transaction here: subscription, posts, announcement,
            // then the order counter. The feed's subscription therefore comes before its post.
            var subscription = post.SubscriptionId is { } feedId ? _subscriptions.Find(feedId) : null;
            (post.Parked, post.LastError) = (true, error);
            _outbox.Update(post);
            if (subscription is not null)
            {
                foreach (var other in _outbox.Where(ForFeed(subscription.Id), Unsent, new(nameof(OutboxDocument.Parked), false)))
                {
                    other.Parked = true;
                    _outbox.Update(other);
                }

                if (!subscription.Paused)
                {
                    (subscription.Paused, subscription.LastError) = (true, "the platform refused a post: " + error);
                    _subscriptions.Update(subscription);
                    feed = subscription;
                }
            }

            if (post.AnnouncementId is { } aid && _announcements.Find(aid) is { Paused: false } refused)
            {
                (refused.Paused, refused.LastError) = (true, error);
                _announcements.Update(refused);
                announcement = refused;
                QueueAll(notice is null ? [] : [notice], parked: false);
            }

            return true;
        });
        return (feed, announcement);
    }

    public IReadOnlyList<OutboxDocument> Sent() => [.. _outbox.Where(new FieldMatch(nameof(OutboxDocument.Sent), true)).OrderBy(o => o.Order)];

    public void Save(AnnouncementDocument announcement) => _announcements.Upsert(announcement);

    public AnnouncementDocument? Announcement(string id) => _announcements.Find(id);

    public IReadOnlyList<AnnouncementDocument> PendingAnnouncements() => [.. _announcements.Where(new FieldMatch(nameof(AnnouncementDocument.Posted), false)).OrderBy(a => a.At)];

    /// <summary>Deletes a waiting announcement and its post, if queued and not sent yet.</summary>
    public bool RemoveAnnouncement(string id) => InTransaction(() =>
    {
        _outbox.DeleteWhere(new(nameof(OutboxDocument.AnnouncementId), id), Unsent);
        return _announcements.Delete(id);
    });

    private void MarkSeen(string subscriptionId, IEnumerable<string> keys, DateTime now)
    {
        foreach (var key in keys)
        {
            _seen.Upsert(new SeenDocument { Id = $"{subscriptionId}|{key}", SubscriptionId = subscriptionId, At = now });
        }
    }

    /// <summary>Appends posts to the outbox; one whose id is already there (a replayed item) is not queued twice.</summary>
    private bool QueueAll(IEnumerable<OutboxDocument> posts, bool parked)
    {
        foreach (var post in posts.Where(p => _outbox.Find(p.Id) is null))
        {
            (post.Order, post.Parked) = (state.Increment(OrderCounter), parked);
            _outbox.TryInsert(post);
        }

        return true;
    }

    private static FieldMatch Unsent => new(nameof(OutboxDocument.Sent), false);

    private static FieldMatch ForFeed(string subscriptionId) => new(nameof(OutboxDocument.SubscriptionId), subscriptionId);

    /// <summary>What a poll changes; the rest (filter, template, a pause by a refused post) stays as it is now.</summary>
    private static void CopyPollState(SubscriptionDocument from, SubscriptionDocument to)
    {
        (to.Failures, to.LastSuccess, to.NextPoll, to.ETag, to.LastModified) = (from.Failures, from.LastSuccess, from.NextPoll, from.ETag, from.LastModified);
        to.FeedTitle = from.FeedTitle;
        if (!to.Paused)
        {
            to.LastError = from.LastError;
        }
    }

    private bool InTransaction(Func<bool> change) => store.InTransaction(change);
}
