using System.Globalization;
using System.Net;
using Bot.News.Feeds;
using Bot.News.Tests.Support;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Bot.News.Tests.Feeds;

/// <summary>Redirects: few, http(s) only, and each hop's connection checked by the same guard.</summary>
public sealed class RedirectTests : IAsyncLifetime
{
    private const string Feed = "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Moved</title></channel></rss>";

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 20, 12, 0, 0, TimeSpan.Zero));
    private FeedServer _first = null!;
    private FeedServer _inside = null!;

    public async Task InitializeAsync()
    {
        _first = await FeedServer.StartAsync();
        _inside = await FeedServer.StartAsync();
        _first.Set("feed.xml", Feed);
        _inside.Set("feed.xml", Feed);
    }

    public async Task DisposeAsync()
    {
        await _first.DisposeAsync();
        await _inside.DisposeAsync();
    }

    [Theory]
    [InlineData("http://127.0.0.1:{0}/feed.xml")]
    [InlineData("http://localhost:{0}/feed.xml")]
    [InlineData("http://2130706433:{0}/feed.xml")]
    [InlineData("http://127.1:{0}/feed.xml")]
    [InlineData("http://0x7f000001:{0}/feed.xml")]
    [InlineData("http://[::1]:{0}/feed.xml")]
    public async Task Redirect_ToLoopback_IsRefusedWithoutAConnection(string spelling)
    {
        // The first server stands for a public host: the guard lets exactly its endpoint through, nothing else.
        _first.Redirect("start", string.Format(CultureInfo.InvariantCulture, spelling, _inside.Url("").Port));
        using var http = FeedHttp.CreateClient(new GuardedConnector(endpoint => endpoint.Equals(Endpoint(_first)) || PublicAddress.IsPublic(endpoint.Address)));

        var result = await Fetcher(http).FetchAsync(_first.Url("start"), null, null, default);

        Assert.Equal(PublicAddress.Refusal, result.Error);
        Assert.Equal(1, _first.Count(302));
        Assert.Empty(_inside.Requests);
    }

    [Fact]
    public async Task Redirect_WithinTheAllowedHost_IsFollowed()
    {
        // The control of the test above: the same guard follows a redirect that stays on the allowed endpoint.
        _first.Redirect("start", _first.Url("feed.xml").ToString());
        using var http = FeedHttp.CreateClient(new GuardedConnector(endpoint => endpoint.Equals(Endpoint(_first)) || PublicAddress.IsPublic(endpoint.Address)));

        var result = await Fetcher(http).FetchAsync(_first.Url("start"), null, null, default);

        Assert.Equal("Moved", result.Feed?.Title);
    }

    [Fact]
    public async Task Fetch_ThroughFiveRedirects_Works()
    {
        Chain(FeedHttp.MaxRedirects);
        using var http = FeedHttp.CreateClient(new GuardedConnector(_ => true));

        var result = await Fetcher(http).FetchAsync(_first.Url("hop0"), null, null, default);

        Assert.Equal("Moved", result.Feed?.Title);
    }

    [Fact]
    public async Task Fetch_ThroughMoreThanFiveRedirects_IsRefused()
    {
        Chain(FeedHttp.MaxRedirects + 1);
        using var http = FeedHttp.CreateClient(new GuardedConnector(_ => true));

        var result = await Fetcher(http).FetchAsync(_first.Url("hop0"), null, null, default);

        Assert.Null(result.Feed);
        Assert.Equal("it redirects more than 5 times; I stop there", result.Error);
        Assert.Equal(0, _first.Count(200));
    }

    [Theory]
    [InlineData("file:///etc/passwd", "file:")]
    [InlineData("ftp://127.0.0.1/feed.xml", "ftp:")]
    [InlineData("gopher://127.0.0.1:70/", "gopher:")]
    public async Task Redirect_ToAnotherScheme_IsRefused(string location, string scheme)
    {
        _first.Redirect("start", location);
        using var http = FeedHttp.CreateClient(new GuardedConnector(_ => true));

        var result = await Fetcher(http).FetchAsync(_first.Url("start"), null, null, default);

        Assert.Null(result.Feed);
        Assert.Equal($"it redirects to a {scheme} address; I only follow http and https", result.Error);
    }

    /// <summary>hop0 → hop1 → … → feed.xml: <paramref name="redirects"/> redirects in all.</summary>
    private void Chain(int redirects)
    {
        for (var hop = 0; hop < redirects; hop++)
        {
            _first.Redirect($"hop{hop}", hop + 1 == redirects ? "/feed.xml" : $"/hop{hop + 1}");
        }
    }

    private static IPEndPoint Endpoint(FeedServer server) => new(IPAddress.Loopback, server.Url("").Port);

    private FeedFetcher Fetcher(HttpClient http) =>
        new(http, Options.Create(new NewsOptions { HostPoliteness = TimeSpan.Zero }), _clock);
}
