using System.Diagnostics;
using System.Globalization;
using System.Text;
using Bot.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Bot.Host.Tests.Support;

/// <summary>
/// An RSS feed on 127.0.0.1 whose items appear one by one over time (item 0 at once, item n after
/// n × <c>every</c> after <see cref="Release"/>), so that polls of a bot being killed and restarted keep finding new ones.
/// </summary>
internal sealed class GrowingFeed : IAsyncDisposable
{
    private static readonly DateTimeOffset FirstDate = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly WebApplication _app;
    private readonly Stopwatch _clock = new();
    private readonly int _total;
    private readonly TimeSpan _every;
    private readonly string _name;

    private GrowingFeed(WebApplication app, int total, TimeSpan every, string name) => (_app, _total, _every, _name) = (app, total, every, name);

    public Uri Url => new(_app.BaseUrl() + "feed.xml");

    /// <summary>The items out so far.</summary>
    public int Visible => (int)Math.Min(_total, 1 + (_clock.Elapsed.Ticks / _every.Ticks));

    /// <summary>Starts the items appearing; until then the feed holds item 0 only (what a subscription starts from).</summary>
    public void Release() => _clock.Start();

    /// <summary>The title of item <paramref name="n"/>, unique in every post.</summary>
    public static string Title(int n) => Title("Crash", n);

    /// <summary>The title of item <paramref name="n"/> of the feed called <paramref name="name"/>.</summary>
    public static string Title(string name, int n) => $"{name} item {n:D3}";

    public static async Task<GrowingFeed> StartAsync(int total, TimeSpan every, string name = "Crash")
    {
        var app = LoopbackServer.Create();
        var feed = new GrowingFeed(app, total, every, name);
        app.Run(feed.ServeAsync);
        await app.StartAsync();
        return feed;
    }

    private Task ServeAsync(HttpContext http)
    {
        var xml = new StringBuilder("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Crash feed</title><link>http://127.0.0.1/</link><description>d</description>");
        // Newest first, as feeds list them.
        for (var n = Visible - 1; n >= 0; n--)
        {
            var date = FirstDate.AddMinutes(n).ToString("r", CultureInfo.InvariantCulture);
            xml.Append(CultureInfo.InvariantCulture, $"<item><title>{Title(_name, n)}</title><link>http://127.0.0.1/items/{n}</link><guid>crash-{n}</guid><pubDate>{date}</pubDate></item>");
        }

        xml.Append("</channel></rss>");
        http.Response.ContentType = "application/rss+xml";
        return http.Response.WriteAsync(xml.ToString());
    }

    public ValueTask DisposeAsync() => _app.StopAndDisposeAsync();
}
