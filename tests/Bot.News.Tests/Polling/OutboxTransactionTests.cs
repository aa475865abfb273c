using Bot.News.Feeds;
using Bot.News.Polling;
using Bot.News.Storage;
using Bot.News.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Bot.News.Tests.Polling;

/// <summary>Outbox ids that a replay keeps, and the state changes that go with a send in one transaction.</summary>
public sealed class OutboxTransactionTests : IDisposable
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 20, 12, 0, 0, TimeSpan.Zero));
    private readonly RecordingPlatform _platform = new();
    private readonly NewsHarness _news;

    public OutboxTransactionTests() => _news = new NewsHarness(new MemoryStream(), _clock, _platform);

    public void Dispose() => _news.Dispose();

    private SubscriptionDocument Subscription()
    {
        var subscription = new SubscriptionDocument { Id = "n1234567", Key = "console:local:news|https://example.org/feed", Platform = "console", Server = "local", Channel = "news", Url = "https://example.org/feed" };
        _news.Store.Subscribe(subscription, [], [], _clock.GetUtcNow().UtcDateTime);
        return subscription;
    }

    [Fact]
    public void SameItem_QueuedTwice_CarriesTheSameOutboxIdAndIsQueuedOnce()
    {
        var subscription = Subscription();
        var item = new FeedItem("guid-7", "Seven", new Uri("https://example.org/7"), "", null, null, 0);
        var now = _clock.GetUtcNow().UtcDateTime;

        // The first commit's transaction was lost in a crash; the next poll queues the item again.
        var first = NewsPosts.Item(subscription, item, now);
        var replayed = NewsPosts.Item(subscription, item, now + TimeSpan.FromMinutes(15));
        _news.Store.CommitPoll(subscription, [item.Key], [first], now);
        _news.Store.CommitPoll(subscription, [item.Key], [replayed], now);

        Assert.Equal(first.Id, replayed.Id);
        Assert.Equal(first.Id, Assert.Single(_news.Store.Pending()).Id);
    }

    [Fact]
    public async Task SameItem_SentAgainAfterALostCommit_UsesTheSameIdempotencyKey()
    {
        var subscription = Subscription();
        var item = new FeedItem("guid-8", "Eight", null, "", null, null, 0);
        var now = _clock.GetUtcNow().UtcDateTime;
        _news.Store.CommitPoll(subscription, [item.Key], [NewsPosts.Item(subscription, item, now)], now);
        _news.Poller.Checkpoint = step => throw new InvalidOperationException(step);
        await Assert.ThrowsAsync<InvalidOperationException>(() => _news.Poller.DeliverAsync(default));
        _news.Poller.Checkpoint = null;

        _news.Store.Remove(subscription);
        Subscription();
        _news.Store.CommitPoll(subscription, [item.Key], [NewsPosts.Item(subscription, item, now)], now);
        await _news.Poller.DeliverAsync(default);

        Assert.Equal(2, _platform.Attempts);
        Assert.Single(_platform.Visible);
    }

    [Fact]
    public void MarkSent_MarksTheAnnouncementPostedInTheSameTransaction()
    {
        var store = _news.Store;
        store.Save(new AnnouncementDocument { Id = "a1b2c3", Platform = "console", Server = "local", Channel = "news", Text = "Hello" });
        store.Queue(new OutboxDocument { Id = OutboxIds.ForAnnouncement("a1b2c3"), AnnouncementId = "a1b2c3", Platform = "console", Server = "local", Channel = "news", Text = "Hello" });
        var post = Assert.Single(store.Pending());
        Assert.False(store.Announcement("a1b2c3")!.Posted);

        store.MarkSent(post);

        Assert.True(store.Announcement("a1b2c3")!.Posted);
        Assert.True(store.Post(post.Id)!.Sent);
        Assert.Empty(store.PendingAnnouncements());
    }

    [Fact]
    public async Task Announcement_WhilePostingFails_IsNotMarkedPostedUntilItsPostIsSent()
    {
        _platform.Down = true;
        await _news.SayAsync("announce", "send", new() { ["text"] = "Release day" });
        var waiting = Assert.Single(_news.Store.PendingAnnouncements());

        _platform.Down = false;
        _clock.Advance(DeliveryBackoff.FirstRetry);
        await _news.Announcer.RestoreAsync(default);
        await _news.Poller.DeliverAsync(default);

        Assert.Single(_platform.Visible);
        Assert.True(_news.Store.Announcement(waiting.Id)!.Posted);
    }

    [Fact]
    public void Pause_QueuesItsNoticeOnce()
    {
        var subscription = Subscription();
        var now = _clock.GetUtcNow().UtcDateTime;
        OutboxDocument Notice() => new() { Id = OutboxIds.ForNotice(subscription.Id, now), Platform = "console", Server = "local", Channel = "news", Text = "paused" };

        Assert.True(_news.Store.Pause(subscription, Notice()));
        Assert.False(_news.Store.Pause(subscription, Notice()));

        Assert.Single(_news.Store.Pending());
    }

    [Fact]
    public async Task Announcement_ToAChannelThatRefusesForGood_IsPausedAndTheChannelItWasGivenInIsTold()
    {
        _platform.Refusing["general"] = "403 Missing Permissions";

        var reply = await _news.SayAsync("announce", "send", new() { ["text"] = "Release day", ["channel"] = "#general" });

        Assert.StartsWith("general refused the announcement (403 Missing Permissions)", reply.Text, StringComparison.Ordinal);
        var announcement = Assert.Single(_news.Store.PendingAnnouncements());
        Assert.True(announcement.Paused);
        var notice = Assert.Single(_platform.Visible);
        Assert.Equal(("news", "Announcement not posted"), (notice.To.Channel, notice.Reply.Title));
        Assert.Contains("paused", (await _news.SayAsync("announce", "list")).Text, StringComparison.Ordinal);
    }
}
