using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Bot.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Bot.Matrix.Tests.Support;

/// <summary>
/// A homeserver on 127.0.0.1 with the client-server endpoints the adapter uses: login, whoami,
/// filter, sync (batch N answers since=sN-1, so an unsaved token replays), send (a repeated txnId
/// returns the first event, as the spec requires), join, forget and room state; faults on demand.
/// </summary>
internal sealed class FakeHomeserver : IAsyncDisposable
{
    public const string BotId = "@bot:test.org";
    public const string Token = "test-access-token";

    /// <summary>
    /// A property a test adds to any object of a batch; the server sends it as a repeated key instead,
    /// which a JsonObject cannot hold but a homeserver can pass on (System.Text.Json throws on first read).
    /// </summary>
    public const string RepeatedKeyMarker = "fuzz.repeated.key";

    private readonly WebApplication _app;
    private readonly List<JsonObject> _batches = [];
    private readonly ConcurrentDictionary<string, string> _txns = new(StringComparer.Ordinal);

    private FakeHomeserver(WebApplication app) => _app = app;

    public ConcurrentQueue<JsonObject> Messages { get; } = new();

    public ConcurrentQueue<string> Joined { get; } = new();

    public ConcurrentQueue<string> Forgotten { get; } = new();

    public ConcurrentQueue<string> Requests { get; } = new();

    /// <summary>Every way a sent m.notice broke the spec's schema.</summary>
    public ConcurrentQueue<string> SchemaViolations { get; } = new();

    /// <summary>Requests that are no operation of the client-server API, or whose body its schema refuses.</summary>
    public ConcurrentQueue<string> ContractViolations { get; } = new();

    public Dictionary<string, JsonObject> PowerLevels { get; } = new(StringComparer.Ordinal);

    /// <summary>The rooms the bot is joined to, as GET joined_rooms lists them.</summary>
    public ConcurrentDictionary<string, byte> JoinedRooms { get; } = new(StringComparer.Ordinal);

    public int FiltersCreated { get; private set; }

    public int RateLimitSends { get; set; }

    /// <summary>Rooms where the bot is muted: every send there answers 403 M_FORBIDDEN.</summary>
    public ConcurrentDictionary<string, byte> ForbiddenRooms { get; } = new(StringComparer.Ordinal);

    /// <summary>The sends tried in each room, answered or refused.</summary>
    public ConcurrentDictionary<string, int> SendAttempts { get; } = new(StringComparer.Ordinal);

    public int FailSends { get; set; }

    public bool TokenRevoked { get; set; }

    public Uri Url => _app.BaseUrl();

    /// <summary>Adds the next sync batch: timeline events of joined rooms, and invites.</summary>
    public void AddBatch(Dictionary<string, JsonObject[]>? timelines = null, Dictionary<string, JsonObject[]>? invites = null, string[]? left = null)
    {
        var rooms = new JsonObject();
        if (timelines is not null)
        {
            rooms["join"] = new JsonObject(timelines.Select(t => KeyValuePair.Create(t.Key, (JsonNode?)new JsonObject { ["timeline"] = new JsonObject { ["events"] = new JsonArray([.. t.Value]) } })));
        }

        if (invites is not null)
        {
            rooms["invite"] = new JsonObject(invites.Select(i => KeyValuePair.Create(i.Key, (JsonNode?)new JsonObject { ["invite_state"] = new JsonObject { ["events"] = new JsonArray([.. i.Value]) } })));
        }

        if (left is not null)
        {
            rooms["leave"] = new JsonObject(left.Select(l => KeyValuePair.Create(l, (JsonNode?)new JsonObject())));
        }

        AddRawBatch(rooms);
    }

    /// <summary>Adds the next sync batch with a <c>rooms</c> of any shape, for malformed syncs.</summary>
    public void AddRawBatch(JsonNode? rooms)
    {
        lock (_batches)
        {
            _batches.Add(new JsonObject { ["rooms"] = rooms });
        }
    }

    /// <summary>How many batches were added: the last one's token is "s" + (count - 1).</summary>
    public int BatchCount
    {
        get
        {
            lock (_batches)
            {
                return _batches.Count;
            }
        }
    }

    public static JsonObject Message(string id, string sender, string body, string msgtype = "m.text") => new()
    {
        ["type"] = "m.room.message",
        ["event_id"] = id,
        ["sender"] = sender,
        ["content"] = new JsonObject { ["msgtype"] = msgtype, ["body"] = body },
    };

    public static JsonObject Reaction(string id, string sender, string target, string key) => new()
    {
        ["type"] = "m.reaction",
        ["event_id"] = id,
        ["sender"] = sender,
        ["content"] = new JsonObject { ["m.relates_to"] = new JsonObject { ["rel_type"] = "m.annotation", ["event_id"] = target, ["key"] = key } },
    };

    public static async Task<FakeHomeserver> StartAsync()
    {
        var app = LoopbackServer.Create();
        var server = new FakeHomeserver(app);
        app.Run(server.ServeAsync);
        await app.StartAsync();
        return server;
    }

    private async Task ServeAsync(HttpContext http)
    {
        var path = http.Request.Path.Value ?? "";
        Requests.Enqueue($"{http.Request.Method} {path}");
        if (!path.StartsWith("/_matrix/client/v3/", StringComparison.Ordinal))
        {
            await Error(http, 404, "M_UNRECOGNIZED", "unknown endpoint");
            return;
        }

        // Every request must be an operation of the client-server API, with a body its schema allows.
        JsonNode? sent = null;
        if (http.Request.ContentLength > 0 || http.Request.ContentType is not null)
        {
            http.Request.EnableBuffering();
            sent = await JsonNode.ParseAsync(http.Request.Body);
            http.Request.Body.Position = 0;
        }

        if (MatrixContract.Check(http.Request.Method, path, sent) is { } violation)
        {
            ContractViolations.Enqueue(violation);
        }

        var route = path["/_matrix/client/v3/".Length..];
        if (route == "login" && http.Request.Method == "POST")
        {
            var body = (await JsonNode.ParseAsync(http.Request.Body))!;
            var device = (string?)body["device_id"] ?? "DEVICE1";
            await Json(http, new JsonObject { ["access_token"] = Token, ["device_id"] = device, ["user_id"] = BotId });
            return;
        }

        if (TokenRevoked || http.Request.Headers.Authorization.ToString() != "Bearer " + Token)
        {
            await Error(http, 401, "M_UNKNOWN_TOKEN", "Invalid access token passed.");
            return;
        }

        switch (http.Request.Method, route)
        {
            case ("GET", "account/whoami"):
                await Json(http, new JsonObject { ["user_id"] = BotId });
                return;
            case ("POST", _) when route.StartsWith("user/", StringComparison.Ordinal) && route.EndsWith("/filter", StringComparison.Ordinal):
                FiltersCreated++;
                await Json(http, new JsonObject { ["filter_id"] = "f" + FiltersCreated });
                return;
            case ("GET", "sync"):
                await SyncAsync(http);
                return;
            case ("PUT", _) when route.StartsWith("rooms/", StringComparison.Ordinal) && route.Contains("/send/", StringComparison.Ordinal):
                await SendAsync(http, route);
                return;
            case ("POST", _) when route.StartsWith("join/", StringComparison.Ordinal):
                var room = Uri.UnescapeDataString(route["join/".Length..]);
                Joined.Enqueue(room);
                await Json(http, new JsonObject { ["room_id"] = room });
                return;
            case ("POST", _) when route.EndsWith("/forget", StringComparison.Ordinal):
                Forgotten.Enqueue(Uri.UnescapeDataString(route.Split('/')[1]));
                await Json(http, new JsonObject());
                return;
            case ("GET", "joined_rooms"):
                await Json(http, new JsonObject { ["joined_rooms"] = new JsonArray([.. JoinedRooms.Keys.Select(r => JsonValue.Create(r))]) });
                return;
            case ("GET", _) when route.Contains("/state/m.room.power_levels", StringComparison.Ordinal):
                var roomId = Uri.UnescapeDataString(route.Split('/')[1]);
                await Json(http, PowerLevels.TryGetValue(roomId, out var levels) ? levels : new JsonObject { ["users"] = new JsonObject(), ["users_default"] = 0 });
                return;
            case ("GET", _) when route.Contains("/state/m.room.create", StringComparison.Ordinal):
                await Json(http, new JsonObject { ["room_version"] = "11" });
                return;
            default:
                await Error(http, 404, "M_UNRECOGNIZED", "unknown endpoint");
                return;
        }
    }

    private async Task SyncAsync(HttpContext http)
    {
        var since = http.Request.Query["since"].ToString();
        var index = string.IsNullOrEmpty(since) ? 0 : int.Parse(since[1..], System.Globalization.CultureInfo.InvariantCulture) + 1;
        var timeout = int.TryParse(http.Request.Query["timeout"], out var ms) ? ms : 0;
        var waited = 0;
        while (true)
        {
            JsonObject? batch = null;
            lock (_batches)
            {
                if (index < _batches.Count)
                {
                    batch = (JsonObject)_batches[index].DeepClone();
                }
            }

            if (batch is not null)
            {
                batch["next_batch"] = "s" + index;
                await Json(http, batch);
                return;
            }

            if (waited >= Math.Min(timeout, 2000) || http.RequestAborted.IsCancellationRequested)
            {
                await Json(http, new JsonObject { ["next_batch"] = string.IsNullOrEmpty(since) ? "s-1" : since, ["rooms"] = new JsonObject() });
                return;
            }

            await Task.Delay(20);
            waited += 20;
        }
    }

    private async Task SendAsync(HttpContext http, string route)
    {
        var parts = route.Split('/');
        var room = Uri.UnescapeDataString(parts[1]);
        SendAttempts.AddOrUpdate(room, 1, (_, n) => n + 1);
        if (ForbiddenRooms.ContainsKey(room))
        {
            await Error(http, 403, "M_FORBIDDEN", "You are not allowed to send messages in this room");
            return;
        }

        if (RateLimitSends > 0)
        {
            RateLimitSends--;
            await Error(http, 429, "M_LIMIT_EXCEEDED", "Too many requests", new JsonObject { ["retry_after_ms"] = 50 });
            return;
        }

        if (FailSends > 0)
        {
            FailSends--;
            await Error(http, 500, "M_UNKNOWN", "boom");
            return;
        }

        var txn = Uri.UnescapeDataString(parts[4]);
        var content = (JsonObject)(await JsonNode.ParseAsync(http.Request.Body))!;
        foreach (var problem in SchemaCheck.NoticeContent(content))
        {
            SchemaViolations.Enqueue(problem);
        }

        var eventId = _txns.GetOrAdd(room + "|" + txn, _ =>
        {
            content["room_id"] = room;
            Messages.Enqueue(content);
            return "$sent" + Messages.Count;
        });
        await Json(http, new JsonObject { ["event_id"] = eventId });
    }

    private static Task Json(HttpContext http, JsonNode body)
    {
        http.Response.ContentType = "application/json";
        var text = body.ToJsonString(Deep).Replace($"\"{RepeatedKeyMarker}\":0", "\"event_id\":\"$a\",\"event_id\":\"$b\"", StringComparison.Ordinal);
        return http.Response.WriteAsync(text);
    }

    /// <summary>Fuzzed events nest deeper than System.Text.Json's default of 64.</summary>
    private static readonly System.Text.Json.JsonSerializerOptions Deep = new() { MaxDepth = 1024 };

    private static Task Error(HttpContext http, int status, string code, string message, JsonObject? extra = null)
    {
        http.Response.StatusCode = status;
        var body = extra ?? new JsonObject();
        body["errcode"] = code;
        body["error"] = message;
        return Json(http, body);
    }

    public ValueTask DisposeAsync() => _app.StopAndDisposeAsync();
}
