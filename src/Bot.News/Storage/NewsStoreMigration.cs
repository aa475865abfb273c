using Bot.Core.Storage;
using LiteDB;

namespace Bot.News.Storage;

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

/// <summary>
/// Version 2: posts know what feeds them and carry their own retry state. Posts queued before it
/// know neither: an old announcement post is tied to its announcement by its id, and every old
/// unsent post is due now. An announcement queued under version 1 was already marked posted.
/// </summary>
internal sealed class NewsDeliveryMigration : IStoreMigration
{
    private const string AnnouncementPrefix = "announce-";

    public string Module => "news";

    public int Version => 2;

    public string Description => "per-channel delivery: outbox posts with their feed, retry time and parked state";

    public void Apply(ILiteDatabase database)
    {
        var outbox = database.GetCollection<OutboxDocument>("news_outbox");
        foreach (var post in outbox.Find(o => !o.Sent).ToList())
        {
            if (post.AnnouncementId is null && post.Id.StartsWith(AnnouncementPrefix, StringComparison.Ordinal))
            {
                post.AnnouncementId = post.Id[AnnouncementPrefix.Length..];
            }

            post.NextAttempt = post.CreatedAt;
            outbox.Update(post);
        }

        outbox.EnsureIndex(o => o.SubscriptionId);
        outbox.EnsureIndex(o => o.AnnouncementId);
    }
}
