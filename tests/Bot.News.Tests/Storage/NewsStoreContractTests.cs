using Bot.Core.Storage;
using Bot.News.Storage;
using Bot.Testing;

namespace Bot.News.Tests.Storage;

/// <summary>The news store's promises, on LiteDB and on PostgreSQL.</summary>
public sealed class NewsStoreContractTests
{
    private static readonly DateTime Now = new(2026, 3, 1, 9, 0, 0, DateTimeKind.Utc);

    public static TheoryData<string> Backends => StoreBackends.All;

    private static OpenStore Open(string backend) => StoreBackends.Open(
        backend,
        [new NewsStoreMigration(), new NewsDeliveryMigration(), new NewsOrderMigration()],
        typeof(SubscriptionDocument), typeof(SeenDocument), typeof(OutboxDocument), typeof(AnnouncementDocument));

    private static NewsStore News(OpenStore open) => new(open.Store, new StateStore(open.Store));

    private static SubscriptionDocument Feed(string id, string channel = "c1") => new()
    {
        Id = id, Key = "key-" + id, Platform = "console", Server = "s", Channel = channel, Url = "https://example.org/" + id, NextPoll = Now,
    };

    private static OutboxDocument Post(string id, string? feed, string channel = "c1") => new()
    {
        Id = id, SubscriptionId = feed, Platform = "console", Server = "s", Channel = channel, Text = "post " + id, CreatedAt = Now, NextAttempt = Now,
    };

    [Theory]
    [MemberData(nameof(Backends))]
    public void CommitPoll_MarksSeenAndQueuesInOrder_AndAReplayedPostIsQueuedOnce(string backend)
    {
        using var open = Open(backend);
        var store = News(open);
        store.Subscribe(Feed("f1"), ["old"], [], Now);

        Assert.True(store.CommitPoll(Feed("f1"), ["a", "b"], [Post("pb", "f1"), Post("pa", "f1")], Now));
        Assert.True(store.CommitPoll(Feed("f1"), ["a"], [Post("pb", "f1")], Now));

        Assert.True(store.Seen("f1", "old"));
        Assert.True(store.Seen("f1", "b"));
        Assert.False(store.Seen("f1", "c"));
        Assert.Equal(["pb", "pa"], store.Pending().Select(p => p.Id));
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public void CommitPoll_OfARemovedSubscription_KeepsNothing(string backend)
    {
        using var open = Open(backend);
        var store = News(open);
        var feed = Feed("f1");
        store.Subscribe(feed, [], [Post("p1", "f1")], Now);

        store.Remove(feed);

        Assert.False(store.CommitPoll(Feed("f1"), ["x"], [Post("p2", "f1")], Now));
        Assert.Empty(store.Pending());
        Assert.False(store.Seen("f1", "x"));
        Assert.Null(store.FindByKey("key-f1"));
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public void Park_PausesTheFeedAndParksItsOtherPosts_AndResubscribeQueuesThemAgain(string backend)
    {
        using var open = Open(backend);
        var store = News(open);
        store.Subscribe(Feed("f1"), [], [Post("p1", "f1"), Post("p2", "f1")], Now);
        store.Subscribe(Feed("f2", "c2"), [], [Post("q1", "f2", "c2")], Now);

        var (paused, _) = store.Park(store.Post("p1")!, "missing access", null);

        Assert.Equal("f1", paused!.Id);
        Assert.True(store.FindByKey("key-f1")!.Paused);
        Assert.Equal(["p1", "p2"], store.Parked().Select(p => p.Id));
        Assert.Equal(["q1"], store.Pending().Select(p => p.Id));

        store.Subscribe(Feed("f1"), [], [], Now);

        Assert.Equal(["p1", "p2", "q1"], store.Pending().Select(p => p.Id));
        Assert.Empty(store.Parked());
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public void MarkSent_MarksTheAnnouncementPosted_AndRemoveAnnouncementDropsOnlyUnsentPosts(string backend)
    {
        using var open = Open(backend);
        var store = News(open);
        store.Save(new AnnouncementDocument { Id = "a1", Platform = "console", Server = "s", Channel = "c1", Text = "hi", At = Now });
        store.Save(new AnnouncementDocument { Id = "a2", Platform = "console", Server = "s", Channel = "c1", Text = "later", At = Now.AddHours(1) });
        var post = Post("announce-a1", null);
        post.AnnouncementId = "a1";
        store.Queue(post);

        store.MarkSent(store.Post("announce-a1")!);

        Assert.True(store.Announcement("a1")!.Posted);
        Assert.Equal(["a2"], store.PendingAnnouncements().Select(a => a.Id));
        Assert.Equal(["announce-a1"], store.Sent().Select(p => p.Id));
        Assert.True(store.RemoveAnnouncement("a2"));
        Assert.Empty(store.PendingAnnouncements());
        Assert.Equal(["announce-a1"], store.Sent().Select(p => p.Id));
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public void InChannel_ListsThatChannelsSubscriptionsOnly(string backend)
    {
        using var open = Open(backend);
        var store = News(open);
        store.Subscribe(Feed("f1"), [], [], Now);
        store.Subscribe(Feed("f2", "c2"), [], [], Now);
        store.Subscribe(Feed("f3"), [], [], Now);

        Assert.Equal(["f1", "f3"], store.InChannel("console", "s", "c1").Select(s => s.Id));
        Assert.Equal(3, store.Subscriptions().Count);
    }
}
