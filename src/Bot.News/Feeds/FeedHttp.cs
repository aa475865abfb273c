using Bot.Core.Diagnostics;

namespace Bot.News.Feeds;

/// <summary>The feed fetcher's HTTP client: every connection through the guard, no redirects of its own, no proxy.</summary>
internal static class FeedHttp
{
    /// <summary>
    /// Enough for a moved blog (http → https → new host → …); a longer chain is a loop or a trick. The fetcher
    /// follows them itself: the handler's own redirects would also follow a Location of another scheme
    /// (ftp://, file://), speaking HTTP to it or failing with an exception.
    /// </summary>
    public const int MaxRedirects = 5;

    private static readonly TimeSpan ConnectionLifetime = TimeSpan.FromMinutes(10);

    public static HttpClient CreateClient(GuardedConnector connector)
    {
        ArgumentNullException.ThrowIfNull(connector);
        var handler = new SocketsHttpHandler
        {
            AutomaticDecompression = System.Net.DecompressionMethods.All,
            PooledConnectionLifetime = ConnectionLifetime,
            AllowAutoRedirect = false,
            ConnectCallback = connector.ConnectAsync,

            // Through a proxy the guard would see only the proxy's address, and the proxy would reach the rest.
            UseProxy = false,
        };
        return new HttpClient(handler)
        {
            Timeout = Timeout.InfiniteTimeSpan,
            DefaultRequestHeaders = { { "User-Agent", BotIdentity.UserAgent } },
        };
    }
}
