using Bot.Core.Chat;
using Bot.Core.Status;
using Bot.News.Polling;
using Bot.News.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Bot.News.Tests.Polling;

/// <summary>Each channel's posts go out in order and on their own: one bad channel never stops the news.</summary>
public sealed class DeliveryTests : IAsyncLifetime
{
    private static readonly ChatAddress General = NewsHarness.Channel with { Channel = "general" };
    private static readonly ChatAddress Releases = NewsHarness.Channel with { Channel = "releases" };

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 20, 12, 0, 0, TimeSpan.Zero));
    private readonly RecordingPlatform _platform = new();
    private FeedServer _server = null!;
    private NewsHarness _news = null!;

    public async Task InitializeAsync()
    {
        _server = await FeedServer.StartAsync();
        _news = new NewsHarness(new MemoryStream(), _clock, _platform);
    }

    public async Task DisposeAsync()
    {
        _news.Dispose();
        await _server.DisposeAsync();
    }

    /// <summary>A feed of items g1..gN (titles "Item 1".."Item N"), item i dated i hours into 2026-11-01.</summary>
    private static string Rss(int from, int to) =>
        "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Distro News</title><link>https://example.org/</link>" +
        string.Concat(Enumerable.Range(from, to - from + 1).Reverse().Select(i =>
            $"<item><guid>g{i}</guid><title>Item {i}</title><link>https://example.org/{i}</link><pubDate>{new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero).AddHours(i):R}</pubDate></item>")) +
        "</channel></rss>";

    private Task<Bot.Core.Replies.Reply> SubscribeIn(ChatAddress place) =>
        _news.SayInAsync(place, "news", "subscribe", new() { ["url"] = _server.Url("feed.xml").ToString() }).AsTask();

    [Fact]
    public async Task Delivery_OneChannelRefusesForGood_OthersGetEveryPostInOrder()
    {
        _server.Set("feed.xml", Rss(1, 1));
        await SubscribeIn(NewsHarness.Channel);
        await SubscribeIn(General);
        await SubscribeIn(Releases);
        _platform.Refusing[NewsHarness.Channel.Channel] = "403 Missing Access";

        _server.Set("feed.xml", Rss(1, 3));
        await _news.PollAsync();
        _server.Set("feed.xml", Rss(1, 4));
        await _news.PollAsync();

        Assert.Equal(["Item 2", "Item 3", "Item 4"], _platform.To("general"));
        Assert.Equal(["Item 2", "Item 3", "Item 4"], _platform.To("releases"));
        Assert.Empty(_platform.To("news"));
        var refused = Assert.Single(_news.Store.InChannel("console", "local", "news"));
        Assert.True(refused.Paused);
        var list = await _news.SayAsync("news", "list");
        Assert.Contains("**paused**", list.Text, StringComparison.Ordinal);
        Assert.Contains("the platform refused a post: 403 Missing Access", list.Text, StringComparison.Ordinal);
        var ready = _news.Get<IEnumerable<IReadinessCheck>>().Single(c => c.Name == "news").Check();
        Assert.Contains("1 paused: ", ready.Detail, StringComparison.Ordinal);
        Assert.Contains("in console/news; 2 posts parked", ready.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Resubscribe_AfterARefusal_ResumesTheFeedAndPostsWhatWasParkedInOrder()
    {
        _server.Set("feed.xml", Rss(1, 1));
        await SubscribeIn(NewsHarness.Channel);
        _platform.Refusing[NewsHarness.Channel.Channel] = "403 Missing Access";
        _server.Set("feed.xml", Rss(1, 3));
        await _news.PollAsync();
        Assert.Equal(2, _news.Store.Parked().Count);

        _platform.Refusing.Clear();
        var resumed = await SubscribeIn(NewsHarness.Channel);

        Assert.StartsWith("Resumed **Distro News**", resumed.Text, StringComparison.Ordinal);
        Assert.Equal(["Item 2", "Item 3"], _platform.To("news"));
        Assert.False(_news.Store.Subscriptions().Single().Paused);
        Assert.Empty(_news.Store.Parked());
    }

    [Fact]
    public async Task Delivery_OneChannelFailsForAWhile_OnlyItWaits_ThenGetsItsPostsInOrder()
    {
        _server.Set("feed.xml", Rss(1, 1));
        await SubscribeIn(General);
        await SubscribeIn(Releases);
        _platform.Failing["releases"] = 1;

        _server.Set("feed.xml", Rss(1, 3));
        await _news.PollAsync();
        _server.Set("feed.xml", Rss(1, 4));
        await _news.PollAsync(TimeSpan.FromSeconds(11));

        // The failed try is 11 s ago, short of the first backoff: releases waits, general does not.
        Assert.Equal(["Item 2", "Item 3", "Item 4"], _platform.To("general"));
        Assert.Empty(_platform.To("releases"));

        await _news.PollAsync(DeliveryBackoff.FirstRetry);

        Assert.Equal(["Item 2", "Item 3", "Item 4"], _platform.To("releases"));
        Assert.Empty(_news.Store.Pending());
    }

    [Fact]
    public async Task Unsubscribe_DuringAFetch_RepostsNothing()
    {
        _server.Set("feed.xml", Rss(1, 3));
        await SubscribeIn(NewsHarness.Channel);
        _server.Set("feed.xml", Rss(1, 4));
        _server.Hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var poll = _news.PollAsync();
        await _server.Held.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var unsubscribed = await _news.SayAsync("news", "unsubscribe", new() { ["url"] = _server.Url("feed.xml").ToString() });
        _server.Hold.SetResult();
        await poll;
        _server.Hold = null;
        await _news.PollAsync();
        await _news.PollAsync();

        Assert.StartsWith("Unsubscribed from", unsubscribed.Text, StringComparison.Ordinal);
        Assert.Empty(_news.Store.Subscriptions());
        Assert.Empty(_news.Store.Pending());
        Assert.Empty(_platform.Visible);
    }

    [Fact]
    public async Task GuidRewritingFeed_PostsAtMostFiveItemsPerPoll_AndOneSummaryLine()
    {
        _server.Set("feed.xml", Rss(1, 1));
        await SubscribeIn(NewsHarness.Channel);

        _server.Set("feed.xml", Rss(2, 18));
        await _news.PollAsync();
        await _news.PollAsync();

        var posted = _platform.To("news");
        Assert.Equal(["Item 14", "Item 15", "Item 16", "Item 17", "Item 18", $"…and 12 more new items: {_server.Url("feed.xml")}"], posted);
        Assert.Empty(_news.Store.Pending());
    }
}
