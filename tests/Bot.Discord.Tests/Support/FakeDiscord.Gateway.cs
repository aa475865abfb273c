using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Bot.Discord.Tests.Support;

/// <summary>
/// The gateway half of the fake: each connection runs the next scripted plan (or the standard one:
/// Hello, READY or RESUMED, heartbeats ACKed). Plans drive faults: close codes, op 7, op 9, silence.
/// </summary>
internal sealed partial class FakeDiscord
{
    private int _sessions;

    /// <summary>Plans for the next connections, in order; when empty, connections get <see cref="StandardAsync"/>.</summary>
    public ConcurrentQueue<Func<GatewaySession, Task>> Plans { get; } = new();

    /// <summary>Each connection's first payload (Identify op 2 or Resume op 6) and the query it came with.</summary>
    public ConcurrentQueue<(string Query, int Op, JsonObject? Data)> Handshakes { get; } = new();

    public int HeartbeatIntervalMs { get; set; } = 45_000;

    public async Task GatewayAsync(HttpContext http)
    {
        if (!http.WebSockets.IsWebSocketRequest)
        {
            http.Response.StatusCode = 400;
            return;
        }

        using var socket = await http.WebSockets.AcceptWebSocketAsync();
        var session = new GatewaySession(this, socket, http.Request.QueryString.Value ?? "");
        var plan = Plans.TryDequeue(out var next) ? next : StandardAsync;
        try
        {
            await plan(session);
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
        {
            // The client went away: part of several scripts.
        }
    }

    /// <summary>
    /// Scripts the next connection: the handshake, then <paramref name="then"/> (a fault, a dispatch),
    /// then serving heartbeats until the client leaves. The task gives the session once it started.
    /// </summary>
    public Task<GatewaySession> Script(Func<GatewaySession, Task>? then = null, bool ackHeartbeats = true)
    {
        var started = new TaskCompletionSource<GatewaySession>(TaskCreationOptions.RunContinuationsAsynchronously);
        Plans.Enqueue(async session =>
        {
            started.TrySetResult(session);
            await session.HandshakeAsync();
            if (then is not null)
            {
                await then(session);
            }

            if (session.IsOpen)
            {
                await session.ServeAsync(ackHeartbeats, CancellationToken.None);
            }
        });
        return started.Task;
    }

    /// <summary>Hello, then READY for an Identify or RESUMED for a Resume, then serve until the client leaves.</summary>
    public static async Task StandardAsync(GatewaySession session)
    {
        await session.HandshakeAsync();
        await session.ServeAsync(ackHeartbeats: true, CancellationToken.None);
    }

    internal sealed class GatewaySession(FakeDiscord owner, WebSocket socket, string query)
    {
        private long _sequence;

        public ConcurrentQueue<JsonObject> Received { get; } = new();

        public bool IsOpen => socket.State == WebSocketState.Open;

        public int Heartbeats { get; private set; }

        public DateTimeOffset HelloAt { get; private set; }

        public DateTimeOffset? FirstHeartbeatAt { get; private set; }

        public async Task HandshakeAsync()
        {
            HelloAt = TimeProvider.System.GetUtcNow();
            await SendAsync(new JsonObject { ["op"] = 10, ["d"] = new JsonObject { ["heartbeat_interval"] = owner.HeartbeatIntervalMs } });
            var first = await ReceiveAsync() ?? throw new WebSocketException("closed before identifying");
            var op = (int)first["op"]!;
            owner.Handshakes.Enqueue((query, op, first["d"] as JsonObject));
            if (op == 2)
            {
                var id = Interlocked.Increment(ref owner._sessions);
                await DispatchAsync("READY", new JsonObject
                {
                    ["v"] = 10,
                    ["session_id"] = "session-" + id,
                    ["resume_gateway_url"] = new Uri(owner.Url, "gateway").ToString().Replace("http://", "ws://", StringComparison.Ordinal) + "?resume=" + id,
                    ["user"] = new JsonObject { ["id"] = "1", ["username"] = "elbot" },
                    ["guilds"] = new JsonArray(),
                });
            }
            else if (op == 6)
            {
                _sequence = (long?)first["d"]?["seq"] ?? 0;
                await DispatchAsync("RESUMED", new JsonObject());
            }
        }

        /// <summary>Reads until the client closes; heartbeats get ACKs unless told otherwise.</summary>
        public async Task ServeAsync(bool ackHeartbeats, CancellationToken cancellationToken)
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var message = await ReceiveAsync(cancellationToken);
                if (message is null)
                {
                    return;
                }

                if ((int?)message["op"] == 1)
                {
                    Heartbeats++;
                    FirstHeartbeatAt ??= TimeProvider.System.GetUtcNow();
                    if (ackHeartbeats)
                    {
                        await SendAsync(new JsonObject { ["op"] = 11 });
                    }
                }
            }
        }

        public Task DispatchAsync(string type, JsonNode data) =>
            SendAsync(new JsonObject { ["op"] = 0, ["s"] = Interlocked.Increment(ref _sequence), ["t"] = type, ["d"] = data });

        public Task SendAsync(JsonObject payload) =>
            socket.SendAsync(Encoding.UTF8.GetBytes(payload.ToJsonString()), WebSocketMessageType.Text, true, CancellationToken.None);

        public async Task CloseAsync(int code)
        {
            await socket.CloseOutputAsync((WebSocketCloseStatus)code, "scripted", CancellationToken.None);
            // Drain until the client's close arrives.
            while (await ReceiveAsync() is not null)
            {
            }
        }

        public async Task<JsonObject?> ReceiveAsync(CancellationToken cancellationToken = default)
        {
            var buffer = new byte[64 * 1024];
            using var message = new MemoryStream();
            while (true)
            {
                WebSocketReceiveResult result;
                try
                {
                    result = await socket.ReceiveAsync(buffer, cancellationToken);
                }
                catch (WebSocketException)
                {
                    return null;
                }

                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return null;
                }

                message.Write(buffer, 0, result.Count);
                if (result.EndOfMessage)
                {
                    var payload = (JsonObject)JsonNode.Parse(message.ToArray())!;
                    Received.Enqueue(payload);
                    return payload;
                }
            }
        }
    }
}
