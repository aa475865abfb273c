using Bot.Core.Storage;

namespace Bot.News.Storage;

/// <summary>Version 1 of the news collections.</summary>
internal sealed class NewsStoreMigration : IStoreMigration
{
    public string Module => "news";

    public int Version => 1;

    public string Description => "subscriptions, seen items, outbox, announcements";

    public void Apply(IDocumentStore store)
    {
        foreach (var name in new[] { NewsStore.SubscriptionsCollection, NewsStore.SeenCollection, NewsStore.OutboxCollection, NewsStore.AnnouncementsCollection })
        {
            store.CreateCollection(name);
        }

        store.Collection<SubscriptionDocument>(NewsStore.SubscriptionsCollection).EnsureIndex(nameof(SubscriptionDocument.Key), unique: true);
        store.Collection<SeenDocument>(NewsStore.SeenCollection).EnsureIndex(nameof(SeenDocument.SubscriptionId));
        store.Collection<OutboxDocument>(NewsStore.OutboxCollection).EnsureIndex(nameof(OutboxDocument.Sent));
        store.Collection<AnnouncementDocument>(NewsStore.AnnouncementsCollection).EnsureIndex(nameof(AnnouncementDocument.Posted));
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

    public void Apply(IDocumentStore store)
    {
        var outbox = store.Collection<OutboxDocument>(NewsStore.OutboxCollection);
        foreach (var post in outbox.Where(new FieldMatch(nameof(OutboxDocument.Sent), false)))
        {
            if (post.AnnouncementId is null && post.Id.StartsWith(AnnouncementPrefix, StringComparison.Ordinal))
            {
                post.AnnouncementId = post.Id[AnnouncementPrefix.Length..];
            }

            post.NextAttempt = post.CreatedAt;
            outbox.Update(post);
        }

        outbox.EnsureIndex(nameof(OutboxDocument.SubscriptionId));
        outbox.EnsureIndex(nameof(OutboxDocument.AnnouncementId));
    }
}

/// <summary>
/// Version 3: posts are numbered from a counter instead of one more than the highest number, which
/// two instances queueing at once would both read. The counter starts where the numbers are.
/// </summary>
internal sealed class NewsOrderMigration : IStoreMigration
{
    public string Module => "news";

    public int Version => 3;

    public string Description => "queued posts numbered from a shared counter";

    public void Apply(IDocumentStore store)
    {
        var highest = store.Collection<OutboxDocument>(NewsStore.OutboxCollection).All().Select(o => o.Order).DefaultIfEmpty(0).Max();
        store.Collection<StateDocument>(StateDocument.Collection).Upsert(new StateDocument { Id = NewsStore.OrderCounter, N = highest });
    }
}
