using System.Collections.Concurrent;
using System.Security.Cryptography;
using Bot.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Bot.Packages.Tests.Support;

/// <summary>
/// A repository mirror on 127.0.0.1 serving a copy of the fixture repos, with ETags and
/// If-None-Match like real mirrors, a request log, and faults on demand.
/// </summary>
internal sealed class FakeMirror : IAsyncDisposable
{
    private readonly WebApplication _app;

    private FakeMirror(WebApplication app, string root)
    {
        _app = app;
        Root = root;
    }

    /// <summary>The directory served; tests may change files in it.</summary>
    public string Root { get; }

    public ConcurrentQueue<(string Path, int Status)> Requests { get; } = new();

    /// <summary>How many of the next requests answer 500.</summary>
    public int FailNext { get; set; }

    /// <summary>Every request answers 503 while true.</summary>
    public bool Down { get; set; }

    public string Url(string repo) => _app.BaseUrl() + repo + "/";

    public static async Task<FakeMirror> StartAsync()
    {
        var root = Directory.CreateTempSubdirectory("bot-mirror-").FullName;
        foreach (var file in Directory.GetFiles(Fixture.Path("repos"), "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(root, Path.GetRelativePath(Fixture.Path("repos"), file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        var app = LoopbackServer.Create();
        var mirror = new FakeMirror(app, root);
        app.Run(async http =>
        {
            var status = await mirror.ServeAsync(http);
            mirror.Requests.Enqueue((http.Request.Path.Value ?? "", status));
        });
        await app.StartAsync();
        return mirror;
    }

    public int Count(string pathEnd, int status = 200) => Requests.Count(r => r.Path.EndsWith(pathEnd, StringComparison.Ordinal) && r.Status == status);

    private async Task<int> ServeAsync(HttpContext http)
    {
        if (Down)
        {
            http.Response.StatusCode = 503;
            return 503;
        }

        if (FailNext > 0)
        {
            FailNext--;
            http.Response.StatusCode = 500;
            return 500;
        }

        var path = Path.GetFullPath(Path.Combine(Root, http.Request.Path.Value!.TrimStart('/')));
        if (!path.StartsWith(Root, StringComparison.Ordinal) || !File.Exists(path))
        {
            http.Response.StatusCode = 404;
            return 404;
        }

        var bytes = await File.ReadAllBytesAsync(path);
        var etag = "\"" + Convert.ToHexStringLower(SHA256.HashData(bytes))[..16] + "\"";
        if (http.Request.Headers.IfNoneMatch.ToString() == etag)
        {
            http.Response.StatusCode = 304;
            return 304;
        }

        http.Response.Headers.ETag = etag;
        await http.Response.Body.WriteAsync(bytes);
        return 200;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        Directory.Delete(Root, recursive: true);
    }
}
