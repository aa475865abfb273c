using Bot.Core.Storage;
using LiteDB;

namespace Bot.News.Storage;

/// <summary>The news collections. One class, because a poll writes seen items, outbox entries and the subscription in one transaction.</summary>
internal sealed class NewsStore(ILiteDatabase database)
{
    private readonly ILiteCollection<SubscriptionDocument> _subscriptions = database.GetCollection<SubscriptionDocument>("news_subscriptions");
    private readonly ILiteCollection<SeenDocument> _seen = database.GetCollection<SeenDocument>("news_seen");
    private readonly ILiteCollection<OutboxDocument> _outbox = database.GetCollection<OutboxDocument>("news_outbox");
    private readonly ILiteCollection<AnnouncementDocument> _announcements = database.GetCollection<AnnouncementDocument>("news_announcements");
    private readonly Lock _write = new();

    public IReadOnlyList<SubscriptionDocument> Subscriptions() => [.. _subscriptions.FindAll()];

    public IReadOnlyList<SubscriptionDocument> InChannel(string platform, string server, string channel) =>
        [.. _subscriptions.Find(s => s.Platform == platform && s.Server == server && s.Channel == channel)];

    public SubscriptionDocument? FindByKey(string key) => _subscriptions.FindOne(s => s.Key == key);

    public void Save(SubscriptionDocument subscription) => _subscriptions.Upsert(subscription);

    public void Remove(SubscriptionDocument subscription)
    {
        lock (_write)
        {
            _subscriptions.Delete(subscription.Id);
            _seen.DeleteMany(s => s.SubscriptionId == subscription.Id);
        }
    }

    public bool Seen(string subscriptionId, string itemKey) => _seen.FindById($"{subscriptionId}|{itemKey}") is not null;

    /// <summary>Marks items seen, queues their posts and saves the subscription, all or nothing.</summary>
    public void Commit(SubscriptionDocument subscription, IEnumerable<string> seenKeys, IEnumerable<OutboxDocument> posts, DateTime now)
    {
        lock (_write)
        {
            database.BeginTrans();
            try
            {
                foreach (var key in seenKeys)
                {
                    _seen.Upsert(new SeenDocument { Id = $"{subscription.Id}|{key}", SubscriptionId = subscription.Id, At = now });
                }

                var order = _outbox.Count() == 0 ? 0 : _outbox.Max(o => o.Order);
                foreach (var post in posts)
                {
                    post.Order = ++order;
                    _outbox.Insert(post);
                }

                _subscriptions.Upsert(subscription);
                database.Commit();
            }
            catch
            {
                database.Rollback();
                throw;
            }
        }
    }

    /// <summary>Queues a post that belongs to no feed item (a pause notice, an announcement).</summary>
    public void Queue(OutboxDocument post)
    {
        lock (_write)
        {
            post.Order = (_outbox.Count() == 0 ? 0 : _outbox.Max(o => o.Order)) + 1;
            _outbox.Insert(post);
        }
    }

    public IReadOnlyList<OutboxDocument> Pending() => [.. _outbox.Find(o => !o.Sent).OrderBy(o => o.Order)];

    public void MarkSent(OutboxDocument post)
    {
        post.Sent = true;
        _outbox.Update(post);
    }

    public IReadOnlyList<OutboxDocument> Sent() => [.. _outbox.Find(o => o.Sent).OrderBy(o => o.Order)];

    public void Save(AnnouncementDocument announcement) => _announcements.Upsert(announcement);

    public AnnouncementDocument? Announcement(string id) => _announcements.FindById(id);

    public IReadOnlyList<AnnouncementDocument> PendingAnnouncements() => [.. _announcements.Find(a => !a.Posted).OrderBy(a => a.At)];

    public bool RemoveAnnouncement(string id) => _announcements.Delete(id);
}

/// <summary>Version 1 of the news collections.</summary>
internal sealed class NewsStoreMigration : IStoreMigration
{
    public string Module => "news";

    public int Version => 1;

    public string Description => "subscriptions, seen items, outbox, announcements";

    public void Apply(ILiteDatabase database)
    {
        database.GetCollection<SubscriptionDocument>("news_subscriptions").EnsureIndex(s => s.Key, unique: true);
        database.GetCollection<SeenDocument>("news_seen").EnsureIndex(s => s.SubscriptionId);
        database.GetCollection<OutboxDocument>("news_outbox").EnsureIndex(o => o.Sent);
        database.GetCollection<AnnouncementDocument>("news_announcements").EnsureIndex(a => a.Posted);
    }
}
