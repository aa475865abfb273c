using Bot.Core.Chat;
using Bot.Core.Replies;
using Bot.News.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Bot.News.Tests.Polling;

/// <summary>What one channel may hold in a public server: feeds, waiting announcements, and who may make the bot fetch.</summary>
public sealed class NewsLimitsTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 20, 12, 0, 0, TimeSpan.Zero));
    private readonly RecordingPlatform _platform = new();
    private FeedServer _server = null!;

    public async Task InitializeAsync() => _server = await FeedServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private const string Rss = "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>T</title><link>https://example.org/</link>" +
        "<item><guid>1</guid><title>One</title><link>https://example.org/1</link></item></channel></rss>";

    [Fact]
    public async Task NewsTest_ByAMember_IsRefused_AndNothingIsFetched()
    {
        using var news = new NewsHarness(new MemoryStream(), _clock, _platform);
        _server.Set("feed.xml", Rss);

        var reply = await news.SayAsync("news", "test", new() { ["url"] = _server.Url("feed.xml").ToString() }, new Caller("bob", "bob", IsModerator: false));

        Assert.Equal("`/news test` is for moderators.", reply.Text);
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public async Task Subscribe_PastMaxFeedsPerChannel_IsRefusedNamingTheLimit_WhileAnotherChannelMayStillSubscribe()
    {
        using var news = new NewsHarness(new MemoryStream(), _clock, _platform, new() { ["News:MaxFeedsPerChannel"] = "2" });
        foreach (var name in new[] { "a.xml", "b.xml", "c.xml" })
        {
            _server.Set(name, Rss);
        }

        await news.SayAsync("news", "subscribe", new() { ["url"] = _server.Url("a.xml").ToString() });
        await news.SayAsync("news", "subscribe", new() { ["url"] = _server.Url("b.xml").ToString() });
        var third = await news.SayAsync("news", "subscribe", new() { ["url"] = _server.Url("c.xml").ToString() });
        var again = await news.SayAsync("news", "subscribe", new() { ["url"] = _server.Url("a.xml").ToString(), ["filter"] = "one" });

        Assert.Equal(Tone.Problem, third.Tone);
        Assert.Contains("News:MaxFeedsPerChannel = 2", third.Text, StringComparison.Ordinal);
        Assert.NotEqual(Tone.Problem, again.Tone);
        Assert.Equal(2, news.Store.Subscriptions().Count);
    }

    [Fact]
    public async Task Announce_PastMaxPendingAnnouncements_IsRefusedNamingTheLimit_ButNowStillPosts()
    {
        using var news = new NewsHarness(new MemoryStream(), _clock, _platform, new() { ["News:MaxPendingAnnouncements"] = "2" });

        await news.SayAsync("announce", "send", new() { ["text"] = "one", ["at"] = "in 1h" });
        await news.SayAsync("announce", "send", new() { ["text"] = "two", ["at"] = "in 2h" });
        var third = await news.SayAsync("announce", "send", new() { ["text"] = "three", ["at"] = "in 3h" });
        var now = await news.SayAsync("announce", "send", new() { ["text"] = "right now" });

        Assert.Equal(Tone.Problem, third.Tone);
        Assert.Contains("News:MaxPendingAnnouncements = 2", third.Text, StringComparison.Ordinal);
        Assert.Equal(Tone.Success, now.Tone);
        Assert.Equal(2, news.Store.PendingAnnouncements().Count);
    }
}
