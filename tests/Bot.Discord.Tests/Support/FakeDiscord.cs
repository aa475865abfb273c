using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using Bot.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Bot.Discord.Tests.Support;

/// <summary>
/// Discord on 127.0.0.1: the REST endpoints the adapter uses under /api/v10, with rate limits that
/// are enforced, not just announced (fixed-window buckets per route and top-level id, a sliding
/// one-second global window; a request over either gets 429 and is counted as a violation), bodies
/// checked against the OpenAPI spec, nonces honoured, and faults on demand. The gateway half is in
/// FakeDiscord.Gateway.cs.
/// </summary>
internal sealed partial class FakeDiscord : IAsyncDisposable
{
    public const string Token = "test-bot-token";
    public const string ApplicationId = "100000000000000001";

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, Window> _buckets = new(StringComparer.Ordinal);
    private readonly Queue<DateTimeOffset> _global = new();
    private readonly ConcurrentDictionary<string, string> _nonces = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Queue<int>> _faults = new(StringComparer.Ordinal);
    private long _ids = 900_000_000_000_000_000;

    private FakeDiscord(WebApplication app) => _app = app;

    /// <summary>Requests one bucket allows per window (Discord: 5 messages per 5 s per channel).</summary>
    public int BucketLimit { get; set; } = 5;

    public TimeSpan BucketWindow { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Requests per second in all, as Discord's global limit.</summary>
    public int GlobalLimit { get; set; } = 50;

    public ConcurrentQueue<(string Route, JsonNode? Body)> Requests { get; } = new();

    /// <summary>Messages that exist, by channel, in the order they were created.</summary>
    public ConcurrentQueue<(string Channel, JsonObject Body)> Messages { get; } = new();

    /// <summary>Requests Discord would have answered with a 429 that the bot should have waited for.</summary>
    public ConcurrentQueue<string> Violations { get; } = new();

    public ConcurrentQueue<string> SchemaViolations { get; } = new();

    /// <summary>The channels Discord knows, by id, with the guild each belongs to (GET channels/{id} answers from these).</summary>
    public ConcurrentDictionary<string, string> Channels { get; } = new(StringComparer.Ordinal);

    public ConcurrentQueue<string> UserAgents { get; } = new();

    public JsonArray? GlobalCommands { get; private set; }

    public JsonArray? GuildCommands { get; private set; }

    public Uri ApiBase => new(Url, "api/v10");

    public Uri Url => _app.BaseUrl();

    public static async Task<FakeDiscord> StartAsync()
    {
        var app = LoopbackServer.Create();
        var fake = new FakeDiscord(app);
        app.UseWebSockets();
        app.Map("/api/v10/{**path}", fake.RestAsync);
        app.Map("/gateway", fake.GatewayAsync);
        await app.StartAsync();
        return fake;
    }

    /// <summary>The next <paramref name="statuses"/> answers of a route key (e.g. <c>POST channels/1/messages</c>) are these.</summary>
    public void Fail(string routeKey, params int[] statuses) => _faults[routeKey] = new Queue<int>(statuses);

    public int Count(string route) => Requests.Count(r => r.Route == route);

    public ValueTask DisposeAsync() => _app.StopAndDisposeAsync();

    private async Task RestAsync(HttpContext http)
    {
        var path = ((string?)http.Request.RouteValues["path"] ?? "").Trim('/');
        var method = http.Request.Method;
        var route = method + " " + path;
        JsonNode? body = null;
        if (http.Request.ContentLength > 0 || http.Request.ContentType is not null)
        {
            body = await JsonNode.ParseAsync(http.Request.Body);
        }

        Requests.Enqueue((route, body));
        UserAgents.Enqueue(http.Request.Headers.UserAgent.ToString());
        var isInteraction = path.StartsWith("interactions/", StringComparison.Ordinal) || path.StartsWith("webhooks/", StringComparison.Ordinal);
        if (!isInteraction && http.Request.Headers.Authorization != "Bot " + Token)
        {
            await Answer(http, 401, new JsonObject { ["message"] = "401: Unauthorized", ["code"] = 0 });
            return;
        }

        if (_faults.TryGetValue(route, out var faults) && faults.TryDequeue(out var fault))
        {
            if (fault == 429)
            {
                http.Response.Headers["X-RateLimit-Scope"] = "shared";
                await Answer(http, 429, new JsonObject { ["message"] = "You are being rate limited.", ["retry_after"] = 0.05, ["global"] = false });
            }
            else
            {
                await Answer(http, fault, new JsonObject { ["message"] = "fault " + fault, ["code"] = fault == 404 ? 10008 : 0 });
            }

            return;
        }

        var (template, bucketKey) = Template(method, path);
        if (!isInteraction && !TakeGlobal())
        {
            Violations.Enqueue("global " + route);
            http.Response.Headers["X-RateLimit-Global"] = "true";
            http.Response.Headers["X-RateLimit-Scope"] = "global";
            await Answer(http, 429, new JsonObject { ["message"] = "You are being rate limited.", ["retry_after"] = 0.1, ["global"] = true });
            return;
        }

        var window = _buckets.GetOrAdd(bucketKey, _ => new Window());
        double resetAfter;
        int remaining;
        bool allowed;
        lock (window)
        {
            var now = TimeProvider.System.GetUtcNow();
            if (now >= window.ResetAt)
            {
                window.Used = 0;
                window.ResetAt = now + BucketWindow;
            }

            allowed = window.Used < BucketLimit;
            window.Used += allowed ? 1 : 0;
            remaining = BucketLimit - window.Used;
            resetAfter = Math.Max(0, (window.ResetAt - now).TotalSeconds);
        }

        http.Response.Headers["X-RateLimit-Limit"] = BucketLimit.ToString(CultureInfo.InvariantCulture);
        http.Response.Headers["X-RateLimit-Remaining"] = remaining.ToString(CultureInfo.InvariantCulture);
        http.Response.Headers["X-RateLimit-Reset-After"] = resetAfter.ToString("0.000", CultureInfo.InvariantCulture);
        http.Response.Headers["X-RateLimit-Bucket"] = "hash-" + template.GetHashCode(StringComparison.Ordinal).ToString("x", CultureInfo.InvariantCulture);
        if (!allowed)
        {
            Violations.Enqueue("bucket " + route);
            http.Response.Headers["X-RateLimit-Scope"] = "user";
            await Answer(http, 429, new JsonObject { ["message"] = "You are being rate limited.", ["retry_after"] = resetAfter, ["global"] = false });
            return;
        }

        if (!OpenApiBodies.HasOperation(method, template))
        {
            SchemaViolations.Enqueue($"the spec has no operation {method} {template}");
            await Answer(http, 404, new JsonObject { ["message"] = "404: Not Found", ["code"] = 0 });
            return;
        }

        if (body is not null && OpenApiBodies.Check(method, template, body) is { } schemaError)
        {
            SchemaViolations.Enqueue(schemaError);
            await Answer(http, 400, new JsonObject { ["message"] = "Invalid Form Body", ["code"] = 50035 });
            return;
        }

        await Handle(http, method, path, body);
    }

    private async Task Handle(HttpContext http, string method, string path, JsonNode? body)
    {
        var parts = path.Split('/');
        switch (method, parts)
        {
            case ("POST", ["channels", var channel, "messages"]):
                {
                    var nonce = (string?)body?["nonce"];
                    var enforce = (bool?)body?["enforce_nonce"] == true;
                    var id = Interlocked.Increment(ref _ids).ToString(CultureInfo.InvariantCulture);
                    if (enforce && nonce is not null && !_nonces.TryAdd(channel + "/" + nonce, id))
                    {
                        // Discord answers a repeated nonce with the message it already created.
                        await Answer(http, 200, new JsonObject { ["id"] = _nonces[channel + "/" + nonce], ["channel_id"] = channel });
                        return;
                    }

                    Messages.Enqueue((channel, (JsonObject)body!));
                    await Answer(http, 200, new JsonObject { ["id"] = id, ["channel_id"] = channel });
                    return;
                }

            case ("GET", ["channels", var channel]):
                // Unknown Channel (10003) for any channel not set up, as for one of a guild the bot is not in.
                await (Channels.TryGetValue(channel, out var guild)
                    ? Answer(http, 200, new JsonObject { ["id"] = channel, ["type"] = 0, ["flags"] = 0, ["guild_id"] = guild, ["name"] = "channel-" + channel, ["position"] = 0 })
                    : Answer(http, 404, new JsonObject { ["message"] = "Unknown Channel", ["code"] = 10003 }));
                return;
            case ("PUT", ["applications", _, "commands"]):
                GlobalCommands = (JsonArray?)body;
                await Answer(http, 200, body!.DeepClone());
                return;
            case ("PUT", ["applications", _, "guilds", _, "commands"]):
                GuildCommands = (JsonArray?)body;
                await Answer(http, 200, body!.DeepClone());
                return;
            case ("GET", ["gateway", "bot"]):
                await Answer(http, 200, new JsonObject
                {
                    ["url"] = new Uri(Url, "gateway").ToString().Replace("http://", "ws://", StringComparison.Ordinal),
                    ["shards"] = 1,
                    ["session_start_limit"] = new JsonObject { ["total"] = 1000, ["remaining"] = 999, ["reset_after"] = 14_400_000, ["max_concurrency"] = 1 },
                });
                return;
            default:
                await Answer(http, method == "POST" && parts[0] == "interactions" ? 204 : 200, method == "POST" && parts[0] == "interactions" ? null : new JsonObject { ["id"] = "1" });
                return;
        }
    }

    /// <summary>The spec's path template of a request, and the bucket it counts against (template + top-level ids).</summary>
    private static (string Template, string Bucket) Template(string method, string path)
    {
        var parts = path.Split('/');
        var names = new List<string>();
        var major = new List<string>();
        for (var i = 0; i < parts.Length; i++)
        {
            var previous = i > 0 ? parts[i - 1] : "";
            var name = previous switch
            {
                "channels" => "{channel_id}",
                "guilds" => "{guild_id}",
                "applications" => "{application_id}",
                "messages" when parts[i] != "@original" => "{message_id}",
                "interactions" => "{interaction_id}",
                "webhooks" => "{webhook_id}",
                _ when i > 1 && parts[i - 2] == "interactions" => "{interaction_token}",
                _ when i > 1 && parts[i - 2] == "webhooks" => "{webhook_token}",
                _ => null,
            };
            if (name is "{channel_id}" or "{guild_id}" or "{webhook_id}" or "{webhook_token}" or "{interaction_id}" or "{interaction_token}")
            {
                major.Add(parts[i]);
            }

            names.Add(name ?? parts[i]);
        }

        var template = "/" + string.Join('/', names);
        return (template, method + " " + template + " " + string.Join('/', major));
    }

    private bool TakeGlobal()
    {
        lock (_global)
        {
            var now = TimeProvider.System.GetUtcNow();
            while (_global.Count > 0 && now - _global.Peek() >= TimeSpan.FromSeconds(1))
            {
                _global.Dequeue();
            }

            if (_global.Count >= GlobalLimit)
            {
                return false;
            }

            _global.Enqueue(now);
            return true;
        }
    }

    private static async Task Answer(HttpContext http, int status, JsonNode? body)
    {
        http.Response.StatusCode = status;
        if (body is not null)
        {
            http.Response.ContentType = "application/json";
            await http.Response.WriteAsync(body.ToJsonString());
        }
    }

    private sealed class Window
    {
        public int Used { get; set; }

        public DateTimeOffset ResetAt { get; set; }
    }
}
