using Bot.Core.Status;
using Bot.News.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Bot.News.Tests.Polling;

/// <summary>A feed URL with a password or a token in it is fetched in full but never shown in full.</summary>
public sealed class FeedCredentialsTests : IAsyncLifetime
{
    private const string Password = "s3cret-pass-91";
    private const string Token = "tok-5521-abc";

    private readonly MemoryStream _database = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 20, 12, 0, 0, TimeSpan.Zero));
    private readonly RecordingPlatform _platform = new();
    private FeedServer _server = null!;
    private NewsHarness _news = null!;

    public async Task InitializeAsync()
    {
        _server = await FeedServer.StartAsync();
        _news = new NewsHarness(_database, _clock, _platform);
        _server.Set("feed.xml", "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Private News</title>" +
            "<item><guid>a</guid><title>One</title><link>https://example.org/a</link></item></channel></rss>");
    }

    public async Task DisposeAsync()
    {
        _news.Dispose();
        await _server.DisposeAsync();
    }

    private string SecretUrl => new UriBuilder(_server.Url("feed.xml")) { UserName = "reader", Password = Password, Query = $"token={Token}&lang=en" }.Uri.ToString();

    [Fact]
    public async Task NewsList_ShowsTheFeedWithItsCredentialsMasked()
    {
        var subscribed = await _news.SayAsync("news", "subscribe", new() { ["url"] = SecretUrl });

        var list = await _news.SayAsync("news", "list");

        Assert.StartsWith("Subscribed to **Private News**", subscribed.Text, StringComparison.Ordinal);
        Assert.Equal(SecretUrl, _news.Store.Subscriptions().Single().Url);
        Assert.Contains("<http://***@127.0.0.1:", list.Text, StringComparison.Ordinal);
        Assert.Contains("/feed.xml?token=***&lang=en>", list.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, list.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(Token, list.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Readiness_NamesAStaleFeedWithoutItsCredentials()
    {
        await _news.SayAsync("news", "subscribe", new() { ["url"] = SecretUrl });
        _clock.Advance(TimeSpan.FromHours(2));

        var (ready, detail) = _news.Get<IEnumerable<IReadinessCheck>>().Single(c => c.Name == "news").Check();

        Assert.False(ready);
        Assert.Contains("/feed.xml?token=***&lang=en", detail, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, detail, StringComparison.Ordinal);
        Assert.DoesNotContain(Token, detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PausedNotice_AndErrors_DoNotSpellOutTheCredentials()
    {
        await _news.SayAsync("news", "subscribe", new() { ["url"] = SecretUrl });
        _server.FailNext = 100;

        for (var i = 0; i < 3; i++)
        {
            await _news.PollAsync(TimeSpan.FromHours(1));
        }

        var test = await _news.SayAsync("news", "test", new() { ["url"] = SecretUrl });
        var notice = Assert.Single(_platform.Visible);
        Assert.Equal("News feed paused", notice.Reply.Title);
        foreach (var text in new[] { notice.Reply.Text, test.Text })
        {
            Assert.DoesNotContain(Password, text, StringComparison.Ordinal);
            Assert.DoesNotContain(Token, text, StringComparison.Ordinal);
        }
    }
}
