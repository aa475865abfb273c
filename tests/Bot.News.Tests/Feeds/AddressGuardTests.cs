using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Bot.News.Feeds;
using Bot.News.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Bot.News.Tests.Feeds;

/// <summary>
/// The News module as deployed (public addresses only) against feed servers on loopback: every spelling of a
/// loopback address is refused before a connection is opened. Only 127.0.0.1 and [::1] are ever connected to.
/// </summary>
public sealed class AddressGuardTests : IAsyncLifetime
{
    private const string Feed = "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Inside</title>" +
        "<item><guid>a</guid><title>Secret</title><link>https://example.org/a</link></item></channel></rss>";

    private static readonly Dictionary<string, string?> PublicOnly = new() { ["News:AllowPrivateAddresses"] = "false" };

    private readonly MemoryStream _database = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 20, 12, 0, 0, TimeSpan.Zero));
    private readonly RecordingPlatform _platform = new();
    private FeedServer _server = null!;
    private NewsHarness _news = null!;

    public async Task InitializeAsync()
    {
        _server = await FeedServer.StartAsync();
        _server.Set("feed.xml", Feed);
        _news = new NewsHarness(_database, _clock, _platform, PublicOnly);
    }

    public async Task DisposeAsync()
    {
        _news.Dispose();
        await _server.DisposeAsync();
    }

    public static TheoryData<string> LoopbackSpellings => new()
    {
        "http://127.0.0.1:{0}/feed.xml",
        "http://localhost:{0}/feed.xml",
        "http://127.1:{0}/feed.xml",
        "http://2130706433:{0}/feed.xml",
        "http://0x7f000001:{0}/feed.xml",
    };

    [Theory]
    [MemberData(nameof(LoopbackSpellings))]
    public async Task Fetch_ToLoopback_IsRefusedWithoutAConnection(string spelling)
    {
        var result = await _news.Get<FeedFetcher>().FetchAsync(At(spelling, _server), null, null, default);

        Assert.Null(result.Feed);
        Assert.Equal(PublicAddress.Refusal, result.Error);
        Assert.Empty(_server.Requests);
    }

    [Theory]
    [MemberData(nameof(LoopbackSpellings))]
    public async Task Fetch_ToLoopback_ReachesTheFeedWhenPrivateAddressesAreAllowed(string spelling)
    {
        // The control of the test above: each spelling does lead to the server, so "no request" means refused.
        using var trusting = new NewsHarness(new MemoryStream(), _clock, _platform);

        var result = await trusting.Get<FeedFetcher>().FetchAsync(At(spelling, _server), null, null, default);

        Assert.Equal("Inside", result.Feed?.Title);
        Assert.Single(_server.Requests);
    }

    [Fact]
    public async Task Fetch_ToIpv6Loopback_IsRefusedWithoutAConnection()
    {
        await using var server = await FeedServer.StartAsync("[::1]");
        server.Set("feed.xml", Feed);
        using var trusting = new NewsHarness(new MemoryStream(), _clock, _platform);
        var url = server.Url("feed.xml");
        Assert.StartsWith("http://[::1]:", url.ToString(), StringComparison.Ordinal);

        var refused = await _news.Get<FeedFetcher>().FetchAsync(url, null, null, default);
        Assert.Equal(PublicAddress.Refusal, refused.Error);
        Assert.Empty(server.Requests);

        var allowed = await trusting.Get<FeedFetcher>().FetchAsync(url, null, null, default);
        Assert.Equal("Inside", allowed.Feed?.Title);
    }

    [Fact]
    public async Task RefusedAddress_SaysTheSameForAnOpenAndAClosedPort()
    {
        var open = _server.Url("feed.xml");
        var closed = new UriBuilder(open) { Port = ClosedPort() }.Uri;

        foreach (var verb in new[] { "test", "subscribe" })
        {
            var toOpen = await _news.SayAsync("news", verb, new() { ["url"] = open.ToString() });
            var toClosed = await _news.SayAsync("news", verb, new() { ["url"] = closed.ToString() });

            Assert.Contains(PublicAddress.Refusal, toOpen.Text, StringComparison.Ordinal);
            Assert.Equal(toOpen.Text!.Replace(open.ToString(), "URL", StringComparison.Ordinal), toClosed.Text!.Replace(closed.ToString(), "URL", StringComparison.Ordinal));
        }

        Assert.Empty(_server.Requests);
        Assert.Empty(_news.Store.Subscriptions());
    }

    [Fact]
    public async Task Poll_OfAPrivateFeed_FetchesNothingOncePrivateAddressesAreDisallowed()
    {
        _news.Dispose();
        using (var trusting = new NewsHarness(_database, _clock, _platform))
        {
            var subscribed = await trusting.SayAsync("news", "subscribe", new() { ["url"] = _server.Url("feed.xml").ToString() });
            Assert.StartsWith("Subscribed to **Inside**", subscribed.Text, StringComparison.Ordinal);
        }

        var before = _server.Requests.Count;
        _news = new NewsHarness(_database, _clock, _platform, PublicOnly);

        await _news.PollAsync();

        Assert.Equal(before, _server.Requests.Count);
        Assert.Equal(PublicAddress.Refusal, _news.Store.Subscriptions().Single().LastError);
    }

    [Theory]
    [InlineData("ftp://127.0.0.1:{0}/feed.xml")]
    [InlineData("file:///etc/passwd")]
    public async Task Fetch_OfANonWebUrl_IsRefusedBeforeFetching(string spelling)
    {
        var result = await _news.Get<FeedFetcher>().FetchAsync(At(spelling, _server), null, null, default);

        Assert.EndsWith("I only read http and https feeds", result.Error, StringComparison.Ordinal);
        Assert.Empty(_server.Requests);
    }

    private static Uri At(string spelling, FeedServer server) =>
        new(string.Format(CultureInfo.InvariantCulture, spelling, server.Url("").Port));

    private static int ClosedPort()
    {
        // A port the OS just handed out and took back: nothing listens there.
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        listener.Dispose();
        return port;
    }
}
