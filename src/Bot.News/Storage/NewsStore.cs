using LiteDB;

namespace Bot.News.Storage;

/// <summary>
/// The news collections. One class, because each state change that goes with a post is one LiteDB
/// transaction across them: seen items with their posts, a pause with its notice, a sent post with
/// its announcement's flag, a refusal with the pause of what feeds it.
/// </summary>
internal sealed class NewsStore(ILiteDatabase database)
{
    private readonly ILiteCollection<SubscriptionDocument> _subscriptions = database.GetCollection<SubscriptionDocument>("news_subscriptions");
    private readonly ILiteCollection<SeenDocument> _seen = database.GetCollection<SeenDocument>("news_seen");
    private readonly ILiteCollection<OutboxDocument> _outbox = database.GetCollection<OutboxDocument>("news_outbox");
    private readonly ILiteCollection<AnnouncementDocument> _announcements = database.GetCollection<AnnouncementDocument>("news_announcements");

    // LiteDB binds a transaction to its thread; the lock keeps our transactions from interleaving.
    private readonly Lock _write = new();

    public IReadOnlyList<SubscriptionDocument> Subscriptions() => [.. _subscriptions.FindAll()];

    public IReadOnlyList<SubscriptionDocument> InChannel(string platform, string server, string channel) =>
        [.. _subscriptions.Find(s => s.Platform == platform && s.Server == server && s.Channel == channel)];

    public SubscriptionDocument? FindByKey(string key) => _subscriptions.FindOne(s => s.Key == key);

    /// <summary>Deletes the subscription, its seen items and its unsent posts: nothing of it is posted any more.</summary>
    public void Remove(SubscriptionDocument subscription) => InTransaction(() =>
    {
        _subscriptions.Delete(subscription.Id);
        _seen.DeleteMany(s => s.SubscriptionId == subscription.Id);
        _outbox.DeleteMany(o => o.SubscriptionId == subscription.Id && !o.Sent);
        return true;
    });

    public bool Seen(string subscriptionId, string itemKey) => _seen.FindById($"{subscriptionId}|{itemKey}") is not null;

    /// <summary>
    /// A moderator's subscribe: saves the subscription (new, changed or resumed), marks the items seen,
    /// queues the posts, and puts the subscription's parked posts back in line, all or nothing.
    /// </summary>
    public void Subscribe(SubscriptionDocument subscription, IEnumerable<string> seenKeys, IEnumerable<OutboxDocument> posts, DateTime now) => InTransaction(() =>
    {
        _subscriptions.Upsert(subscription);
        MarkSeen(subscription.Id, seenKeys, now);
        foreach (var parked in _outbox.Find(o => o.SubscriptionId == subscription.Id && o.Parked && !o.Sent).ToList())
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
        if (_subscriptions.FindById(snapshot.Id) is not { } current)
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
        if (_subscriptions.FindById(snapshot.Id) is not { Paused: false } current)
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
    public IReadOnlyList<OutboxDocument> Pending() => [.. _outbox.Find(o => !o.Sent && !o.Parked).OrderBy(o => o.Order)];

    public IReadOnlyList<OutboxDocument> Parked() => [.. _outbox.Find(o => !o.Sent && o.Parked).OrderBy(o => o.Order)];

    public OutboxDocument? Post(string id) => _outbox.FindById(id);

    /// <summary>Marks the post sent and, in the same transaction, its announcement posted.</summary>
    public void MarkSent(OutboxDocument post) => InTransaction(() =>
    {
        post.Sent = true;
        _outbox.Update(post);
        if (post.AnnouncementId is { } id && _announcements.FindById(id) is { } announcement)
        {
            (announcement.Posted, announcement.Paused, announcement.LastError) = (true, false, null);
            _announcements.Update(announcement);
        }

        return true;
    });

    /// <summary>A transient failure: the post waits until <paramref name="next"/>.</summary>
    public void Retry(OutboxDocument post, string error, DateTime next) => InTransaction(() =>
    {
        (post.Attempts, post.NextAttempt, post.LastError) = (post.Attempts + 1, next, error);
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
            (post.Parked, post.LastError) = (true, error);
            _outbox.Update(post);
            if (post.SubscriptionId is { } id && _subscriptions.FindById(id) is { } subscription)
            {
                foreach (var other in _outbox.Find(o => o.SubscriptionId == id && !o.Sent && !o.Parked).ToList())
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

            if (post.AnnouncementId is { } aid && _announcements.FindById(aid) is { Paused: false } refused)
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

    public IReadOnlyList<OutboxDocument> Sent() => [.. _outbox.Find(o => o.Sent).OrderBy(o => o.Order)];

    public void Save(AnnouncementDocument announcement) => _announcements.Upsert(announcement);

    public AnnouncementDocument? Announcement(string id) => _announcements.FindById(id);

    public IReadOnlyList<AnnouncementDocument> PendingAnnouncements() => [.. _announcements.Find(a => !a.Posted).OrderBy(a => a.At)];

    /// <summary>Deletes a waiting announcement and its post, if queued and not sent yet.</summary>
    public bool RemoveAnnouncement(string id) => InTransaction(() =>
    {
        _outbox.DeleteMany(o => o.AnnouncementId == id && !o.Sent);
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
        var order = _outbox.Count() == 0 ? 0 : _outbox.Max(o => o.Order);
        foreach (var post in posts.Where(p => _outbox.FindById(p.Id) is null))
        {
            (post.Order, post.Parked) = (++order, parked);
            _outbox.Insert(post);
        }

        return true;
    }

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

    private bool InTransaction(Func<bool> change)
    {
        lock (_write)
        {
            database.BeginTrans();
            try
            {
                var result = change();
                database.Commit();
                return result;
            }
            catch
            {
                database.Rollback();
                throw;
            }
        }
    }
}
