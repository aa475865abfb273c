using Bot.News.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Bot.News.Tests.Polling;

/// <summary>Polling against a feed server on 127.0.0.1, on a fake clock.</summary>
public sealed class NewsPollerTests : IAsyncLifetime
{
    private readonly MemoryStream _database = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 20, 12, 0, 0, TimeSpan.Zero));
    private readonly RecordingPlatform _platform = new();
    private FeedServer _server = null!;
    private NewsHarness _news = null!;

    public async Task InitializeAsync()
    {
        _server = await FeedServer.StartAsync();
        _news = new NewsHarness(_database, _clock, _platform);
    }

    public async Task DisposeAsync()
    {
        _news.Dispose();
        await _server.DisposeAsync();
    }

    private static string Rss(params (string Guid, string Title, string Date)[] items) =>
        "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Distro News</title><link>https://example.org/</link>" +
        string.Concat(items.Select(i => $"<item><guid>{i.Guid}</guid><title>{i.Title}</title><link>https://example.org/{i.Guid}</link><pubDate>{i.Date}</pubDate><description>About {i.Title}</description></item>")) +
        "</channel></rss>";

    private Task<Bot.Core.Replies.Reply> Subscribe(string path, string? filter = null, string? template = null)
    {
        var options = new Dictionary<string, string> { ["url"] = _server.Url(path).ToString() };
        if (filter is not null)
        {
            options["filter"] = filter;
        }

        if (template is not null)
        {
            options["template"] = template;
        }

        return _news.SayAsync("news", "subscribe", options).AsTask();
    }

    private IReadOnlyList<string> Posted() => [.. _platform.Visible.Select(v => v.Reply.Title ?? v.Reply.Text)];

    [Fact]
    public async Task FirstFetch_IsSilent_ThenNewItemsArePostedOnceOldestFirst()
    {
        _server.Set("feed.xml", Rss(("a", "Old one", "Mon, 02 Nov 2026 10:00:00 +0000")));
        var subscribed = await Subscribe("feed.xml");
        Assert.StartsWith("Subscribed to **Distro News** (1 item now)", subscribed.Text, StringComparison.Ordinal);
        Assert.Empty(_platform.Visible);

        _server.Set("feed.xml", Rss(
            ("c", "Newest", "Wed, 04 Nov 2026 10:00:00 +0000"),
            ("b", "Middle", "Tue, 03 Nov 2026 10:00:00 +0000"),
            ("a", "Old one", "Mon, 02 Nov 2026 10:00:00 +0000")));
        await _news.PollAsync();
        await _news.PollAsync();

        Assert.Equal(["Middle", "Newest"], Posted());
        Assert.Equal("https://example.org/b", _platform.Visible[0].Reply.Link!.Url.ToString());
        Assert.Equal("About Middle", _platform.Visible[0].Reply.Text);
    }

    [Fact]
    public async Task UnchangedFeed_IsFetchedConditionally()
    {
        _server.Set("feed.xml", Rss(("a", "One", "Mon, 02 Nov 2026 10:00:00 +0000")));
        await Subscribe("feed.xml");

        await _news.PollAsync();
        await _news.PollAsync();

        Assert.Equal(2, _server.Count(304));
        Assert.Empty(_platform.Visible);
    }

    [Fact]
    public async Task ReorderedOrEditedOldItems_AreNotReposted()
    {
        _server.Set("feed.xml", Rss(("a", "One", "Mon, 02 Nov 2026 10:00:00 +0000"), ("b", "Two", "Tue, 03 Nov 2026 10:00:00 +0000")));
        await Subscribe("feed.xml");

        _server.Set("feed.xml", Rss(("b", "Two (edited)", "Tue, 03 Nov 2026 11:00:00 +0000"), ("a", "One", "Mon, 02 Nov 2026 10:00:00 +0000")));
        await _news.PollAsync();

        Assert.Empty(_platform.Visible);
    }

    [Fact]
    public async Task Failures_BackOffExponentially_ThenPauseAndTellTheChannelOnce()
    {
        _server.Set("feed.xml", Rss(("a", "One", "Mon, 02 Nov 2026 10:00:00 +0000")));
        await Subscribe("feed.xml");
        _server.FailNext = 100;

        await _news.PollAsync();
        var first = _news.Store.Subscriptions().Single();
        Assert.Equal(1, first.Failures);
        Assert.Equal(TimeSpan.FromSeconds(20), first.NextPoll.ToUniversalTime() - _clock.GetUtcNow().UtcDateTime);

        await _news.PollAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(1, _news.Store.Subscriptions().Single().Failures);

        await _news.PollAsync(TimeSpan.FromSeconds(11));
        Assert.Equal(2, _news.Store.Subscriptions().Single().Failures);
        await _news.PollAsync(TimeSpan.FromSeconds(41));
        await _news.PollAsync(TimeSpan.FromMinutes(10));

        var paused = _news.Store.Subscriptions().Single();
        Assert.True(paused.Paused);
        Assert.Equal(3, paused.Failures);
        var notice = Assert.Single(_platform.Visible);
        Assert.Equal("News feed paused", notice.Reply.Title);
        Assert.Contains("failed 3 times in a row (last: 127.0.0.1 answered 500 Internal Server Error)", notice.Reply.Text, StringComparison.Ordinal);

        var list = await _news.SayAsync("news", "list");
        Assert.Contains("**paused**", list.Text, StringComparison.Ordinal);
        Assert.Contains("last error: 127.0.0.1 answered 500", list.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Crash_BetweenQueueingAndPosting_PostsOnceAfterTheRestart()
    {
        _server.Set("feed.xml", Rss(("a", "One", "Mon, 02 Nov 2026 10:00:00 +0000")));
        await Subscribe("feed.xml");
        _server.Set("feed.xml", Rss(("b", "Two", "Tue, 03 Nov 2026 10:00:00 +0000"), ("a", "One", "Mon, 02 Nov 2026 10:00:00 +0000")));
        _news.Poller.Checkpoint = step => throw new SimulatedCrash(step);

        await Assert.ThrowsAsync<SimulatedCrash>(() => _news.PollAsync());
        _news.Dispose();
        Assert.Empty(_platform.Visible);

        using var restarted = new NewsHarness(_database, _clock, _platform);
        await restarted.PollAsync();

        Assert.Equal(["Two"], Posted());
        Assert.Empty(restarted.Store.Pending());
    }

    [Fact]
    public async Task Crash_BetweenPostingAndMarkingSent_DoesNotDoubleThePost()
    {
        _server.Set("feed.xml", Rss(("a", "One", "Mon, 02 Nov 2026 10:00:00 +0000")));
        await Subscribe("feed.xml");
        _server.Set("feed.xml", Rss(("b", "Two", "Tue, 03 Nov 2026 10:00:00 +0000"), ("a", "One", "Mon, 02 Nov 2026 10:00:00 +0000")));
        _news.Poller.Checkpoint = step =>
        {
            if (step == "posted")
            {
                throw new SimulatedCrash(step);
            }
        };

        await Assert.ThrowsAsync<SimulatedCrash>(() => _news.PollAsync());
        _news.Dispose();

        using var restarted = new NewsHarness(_database, _clock, _platform);
        await restarted.PollAsync();

        // The retry carried the same idempotency key, so the platform showed the post once.
        Assert.Equal(2, _platform.Attempts);
        Assert.Equal(["Two"], Posted());
        Assert.Empty(restarted.Store.Pending());
    }

    [Fact]
    public async Task PlatformDown_KeepsThePostQueuedUntilItIsBack()
    {
        _server.Set("feed.xml", Rss(("a", "One", "Mon, 02 Nov 2026 10:00:00 +0000")));
        await Subscribe("feed.xml");
        _server.Set("feed.xml", Rss(("b", "Two", "Tue, 03 Nov 2026 10:00:00 +0000"), ("a", "One", "Mon, 02 Nov 2026 10:00:00 +0000")));
        _platform.Down = true;

        await _news.PollAsync();
        Assert.Single(_news.Store.Pending());
        _platform.Down = false;
        await _news.PollAsync(Bot.News.Polling.DeliveryBackoff.FirstRetry);

        Assert.Equal(["Two"], Posted());
    }

    [Fact]
    public async Task Filter_IncludesAndExcludes_WordsAndRegexes()
    {
        _server.Set("feed.xml", Rss(("a", "Old", "Mon, 02 Nov 2026 10:00:00 +0000")));
        await Subscribe("feed.xml", filter: "release /9\\.\\d+/ -beta");
        _server.Set("feed.xml", Rss(
            ("b", "AlmaLinux 9.7 release", "Tue, 03 Nov 2026 10:00:00 +0000"),
            ("c", "Kitten 10 beta release", "Tue, 03 Nov 2026 11:00:00 +0000"),
            ("d", "Community day", "Tue, 03 Nov 2026 12:00:00 +0000"),
            ("e", "Version 9.8 notes", "Tue, 03 Nov 2026 13:00:00 +0000")));

        await _news.PollAsync();

        Assert.Equal(["AlmaLinux 9.7 release", "Version 9.8 notes"], Posted());
    }

    [Fact]
    public async Task Template_FillsThePlaceholders_AndNeverPings()
    {
        _server.Set("feed.xml", Rss(("a", "Old", "Mon, 02 Nov 2026 10:00:00 +0000")));
        await Subscribe("feed.xml", template: "New on {feed}: {title} <{link}> ({date})");
        _server.Set("feed.xml", Rss(("b", "Hey @everyone and @room", "Tue, 03 Nov 2026 10:00:00 +0000")));

        await _news.PollAsync();

        var text = Assert.Single(_platform.Visible).Reply.Text;
        Assert.Equal("New on Distro News: Hey @\u200Beveryone and @\u200Broom <https://example.org/b> (2026-11-03)", text);
    }

    [Fact]
    public async Task Subscribe_ToSomethingThatIsNotAFeed_IsRefused()
    {
        _server.Set("page.html", "<!DOCTYPE html><html><body>Hello</body></html>");

        var reply = await Subscribe("page.html");

        Assert.StartsWith("I could not subscribe to ", reply.Text, StringComparison.Ordinal);
        Assert.Contains("that is not an RSS or Atom feed", reply.Text, StringComparison.Ordinal);
        Assert.Empty(_news.Store.Subscriptions());
    }

    [Fact]
    public async Task HugeResponse_StopsAtTheSizeLimit()
    {
        _server.HugeBytes = 50L << 20;
        using var small = new NewsHarness(new MemoryStream(), _clock, _platform, new() { ["News:MaxFeedMegabytes"] = "2" });

        var reply = await small.SayAsync("news", "test", new() { ["url"] = _server.Url("huge.xml").ToString() });

        Assert.EndsWith("the feed is larger than the limit of 2 MB; stopped reading.", reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Test_PreviewsTheNewestItemAndSavesNothing()
    {
        _server.SetFixture("lwn.rdf", "lwn-headlines.rdf");

        var reply = await _news.SayAsync("news", "test", new() { ["url"] = _server.Url("lwn.rdf").ToString() });

        Assert.EndsWith("preview of the newest of 15 items; nothing was saved", reply.Footer, StringComparison.Ordinal);
        Assert.Empty(_news.Store.Subscriptions());
    }

    [Fact]
    public async Task Subscribe_ByAMember_IsRefused()
    {
        var reply = await _news.SayAsync("news", "subscribe", new() { ["url"] = "https://example.org/feed" }, new Bot.Core.Chat.Caller("u", "member", false));

        Assert.Equal("`/news subscribe` is for moderators.", reply.Text);
    }

    private sealed class SimulatedCrash(string step) : Exception(step);
}
