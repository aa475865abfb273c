using System.Collections.Concurrent;
using System.Security.Cryptography;
using Bot.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Bot.News.Tests.Support;

/// <summary>Feeds on 127.0.0.1 (or [::1]) whose content a test sets, with ETag / If-None-Match, redirects and faults.</summary>
internal sealed class FeedServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, byte[]> _documents = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _redirects = new(StringComparer.Ordinal);

    private FeedServer(WebApplication app) => _app = app;

    public ConcurrentQueue<(string Path, int Status)> Requests { get; } = new();

    public int FailNext { get; set; }

    /// <summary>While set, a request waits for it to complete; <see cref="Held"/> completes when one arrived.</summary>
    public TaskCompletionSource? Hold { get; set; }

    public TaskCompletionSource Held { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Serve this many bytes of junk for /huge.xml (no Content-Length).</summary>
    public long HugeBytes { get; set; }

    public Uri Url(string path) => new(_app.BaseUrl() + path);

    public void Set(string path, string content) => _documents[path] = System.Text.Encoding.UTF8.GetBytes(content);

    /// <summary>Answer requests for <paramref name="path"/> with 302 Found to <paramref name="location"/>.</summary>
    public void Redirect(string path, string location) => _redirects[path] = location;

    public void SetFixture(string path, string fixture) => _documents[path] = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Fixtures", "feeds", fixture));

    public static Task<FeedServer> StartAsync() => StartAsync("127.0.0.1");

    public static async Task<FeedServer> StartAsync(string loopbackHost)
    {
        var app = LoopbackServer.Create(loopbackHost);
        var server = new FeedServer(app);
        app.Run(async http =>
        {
            var status = await server.ServeAsync(http);
            server.Requests.Enqueue((http.Request.Path.Value ?? "", status));
        });
        await app.StartAsync();
        return server;
    }

    public int Count(int status) => Requests.Count(r => r.Status == status);

    private async Task<int> ServeAsync(HttpContext http)
    {
        if (Hold is { } hold)
        {
            Held.TrySetResult();
            await hold.Task.WaitAsync(http.RequestAborted);
        }

        if (FailNext > 0)
        {
            FailNext--;
            http.Response.StatusCode = 500;
            return 500;
        }

        var path = http.Request.Path.Value!.TrimStart('/');
        if (_redirects.TryGetValue(path, out var location))
        {
            http.Response.StatusCode = 302;
            http.Response.Headers.Location = location;
            return 302;
        }

        if (path == "huge.xml")
        {
            var chunk = new byte[1 << 20];
            Array.Fill(chunk, (byte)'x');
            await http.Response.Body.WriteAsync("<?xml version=\"1.0\"?><rss><channel><title>"u8.ToArray());
            for (long sent = 0; sent < HugeBytes && !http.RequestAborted.IsCancellationRequested; sent += chunk.Length)
            {
                await http.Response.Body.WriteAsync(chunk, http.RequestAborted);
            }

            return 200;
        }

        if (!_documents.TryGetValue(path, out var bytes))
        {
            http.Response.StatusCode = 404;
            return 404;
        }

        var etag = "\"" + Convert.ToHexStringLower(SHA256.HashData(bytes))[..16] + "\"";
        if (http.Request.Headers.IfNoneMatch.ToString() == etag)
        {
            http.Response.StatusCode = 304;
            return 304;
        }

        http.Response.Headers.ETag = etag;
        http.Response.ContentType = "application/rss+xml";
        await http.Response.Body.WriteAsync(bytes);
        return 200;
    }

    public ValueTask DisposeAsync() => _app.StopAndDisposeAsync();
}
