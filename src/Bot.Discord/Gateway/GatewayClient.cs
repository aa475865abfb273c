using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Bot.Core.Diagnostics;
using Bot.Core.Resilience;
using Microsoft.Extensions.Logging;

namespace Bot.Discord.Gateway;

/// <summary>
/// Discord's gateway, API v10, JSON: Hello → heartbeats (the first after a random part of the
/// interval; a missing ACK marks the connection a zombie) → Identify (intents 0: interactions need
/// none) or Resume → dispatches with their sequence numbers. Resumable closes, op 7 and op 9 with
/// d=true resume at resume_gateway_url; op 9 with d=false, 4007 and 4009 identify afresh; 4004 and
/// 4010-4014 stop the adapter with a message that says what to fix. Reconnects back off with jitter;
/// Identify sends are paced.
/// </summary>
internal sealed partial class GatewayClient(
    IGatewayTransport transport,
    GatewaySettings settings,
    Func<JsonNode, Task> onInteraction,
    TimeProvider time,
    ILogger<GatewayClient> logger)
{
    private static readonly Dictionary<GatewayCloseCode, string> Fatal = new()
    {
        [GatewayCloseCode.AuthenticationFailed] = "authentication failed: the bot token is wrong or was reset (set Discord__Token)",
        [GatewayCloseCode.InvalidShard] = "invalid shard (check Discord:ShardId and Discord:ShardCount)",
        [GatewayCloseCode.ShardingRequired] = "sharding required: the bot is in too many guilds for one shard (set Discord:ShardCount)",
        [GatewayCloseCode.InvalidApiVersion] = "invalid API version",
        [GatewayCloseCode.InvalidIntents] = "invalid intents",
        [GatewayCloseCode.DisallowedIntents] = "disallowed intents: enable them in the Developer Portal or ask for fewer",
    };

    private string? _sessionId;
    private Uri? _resumeUrl;
    private long? _sequence;
    private DateTimeOffset _lastIdentify = DateTimeOffset.MinValue;

    /// <summary>The longest wait between two connections that did not become ready.</summary>
    private static readonly TimeSpan LongestReconnect = TimeSpan.FromMinutes(2);

    /// <summary>Whether a session is ready (after READY or RESUMED, until the connection ends).</summary>
    public bool IsReady { get; private set; }

    /// <summary>Why the client stopped for good, if it did.</summary>
    public string? Stopped { get; private set; }

    /// <summary>Connections opened (tests count them).</summary>
    public int Connections { get; private set; }

    public async Task RunAsync(Uri gatewayUrl, CancellationToken cancellationToken)
    {
        // Sessions that end before READY back off: ReconnectDelay doubling to LongestReconnect with
        // jitter, or the wait an op 9 names. A session that was ready starts the backoff afresh.
        var reconnects = Retries.Pipeline(time, new RetryPlan(settings.ReconnectDelay, LongestReconnect),
            ex => ex is SessionEnded { Next.Fatal: null },
            (ex, wait, _) => Reconnecting(((SessionEnded)ex).Next, wait));
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await reconnects.ExecuteAsync(ct => ConnectOnceAsync(gatewayUrl, ct), cancellationToken).ConfigureAwait(false);
            }
            catch (SessionEnded ended)
            {
                Stopped = ended.Next.Fatal;
                LogFatal(logger, Stopped!);
                return;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    /// <summary>One session; throws <see cref="SessionEnded"/> unless it was ready, then pauses before the next.</summary>
    private async ValueTask ConnectOnceAsync(Uri gatewayUrl, CancellationToken cancellationToken)
    {
        var resuming = _sessionId is not null && _resumeUrl is not null;
        var (next, wasReady) = await SessionAsync(resuming ? _resumeUrl! : gatewayUrl, resuming, cancellationToken).ConfigureAwait(false);
        IsReady = false;
        cancellationToken.ThrowIfCancellationRequested();
        if (!next.Resume)
        {
            _sessionId = null;
            _resumeUrl = null;
            _sequence = null;
        }

        if (next.Fatal is not null || !wasReady)
        {
            throw new SessionEnded(next);
        }

        // Jittered, so that sessions Discord drops together do not all come back at once.
        var pause = next.Wait ?? settings.ReconnectDelay * (0.5 + Random.Shared.NextDouble());
        Reconnecting(next, pause);
        await Task.Delay(pause, time, cancellationToken).ConfigureAwait(false);
    }

    private void Reconnecting(Next next, TimeSpan wait)
    {
        BotMetrics.DiscordReconnects.Add(1, new KeyValuePair<string, object?>("kind", next.Resume ? "resume" : "identify"));
        LogReconnect(logger, next.Why, next.Resume ? "resume" : "identify", wait.TotalSeconds);
    }

    private async Task<(Next Next, bool WasReady)> SessionAsync(Uri baseUrl, bool resuming, CancellationToken cancellationToken)
    {
        IGatewayConnection connection;
        try
        {
            connection = await transport.ConnectAsync(WithQuery(baseUrl), cancellationToken).ConfigureAwait(false);
            Connections++;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return (Next.Again(resuming, "connect failed: " + ex.Message), false);
        }

        await using (connection.ConfigureAwait(false))
        using (var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        using (var hello = CancellationTokenSource.CreateLinkedTokenSource(stop.Token))
        {
            // A server that accepts the socket but never says Hello would otherwise hold the bot forever.
            hello.CancelAfter(settings.HelloTimeout);
            var wasReady = false;
            Task? heartbeats = null;
            var acked = new HeartbeatState();
            try
            {
                while (true)
                {
                    var frame = await connection.ReceiveAsync(heartbeats is null ? hello.Token : stop.Token).ConfigureAwait(false);
                    if (frame.Closed)
                    {
                        return (acked.Zombie ? Next.Again(true, "no heartbeat ACK (zombie connection)") : Decide(frame.CloseCode), wasReady);
                    }

                    JsonNode? payload;
                    try
                    {
                        payload = JsonNode.Parse(frame.Text!);
                    }
                    catch (JsonException)
                    {
                        await connection.CloseAsync(GatewayCloseCode.Resumable, CancellationToken.None).ConfigureAwait(false);
                        return (Next.Again(true, "undecodable payload"), wasReady);
                    }

                    var op = (GatewayOpCode)((int?)payload?["op"] ?? -1);
                    switch (op)
                    {
                        case GatewayOpCode.Hello:
                            var interval = TimeSpan.FromMilliseconds((double?)payload!["d"]?["heartbeat_interval"] ?? 41_250);
                            heartbeats = HeartbeatLoopAsync(connection, interval, acked, stop.Token);
                            if (resuming)
                            {
                                await SendAsync(connection, GatewayOpCode.Resume, new JsonObject { ["token"] = settings.Token(), ["session_id"] = _sessionId, ["seq"] = _sequence }, stop.Token).ConfigureAwait(false);
                            }
                            else
                            {
                                await IdentifyAsync(connection, stop.Token).ConfigureAwait(false);
                            }

                            break;
                        case GatewayOpCode.HeartbeatAck:
                            acked.Acked = true;
                            break;
                        case GatewayOpCode.Heartbeat:
                            await HeartbeatAsync(connection, stop.Token).ConfigureAwait(false);
                            break;
                        case GatewayOpCode.Reconnect:
                            await connection.CloseAsync(GatewayCloseCode.Resumable, CancellationToken.None).ConfigureAwait(false);
                            return (Next.Again(true, "Discord asked for a reconnect (op 7)"), wasReady);
                        case GatewayOpCode.InvalidSession:
                            // Discord asks for a wait of 1-5 s before the next attempt.
                            var resumable = (bool?)payload!["d"] == true;
                            await connection.CloseAsync(resumable ? GatewayCloseCode.Resumable : GatewayCloseCode.Normal, CancellationToken.None).ConfigureAwait(false);
                            return (Next.Again(resumable, $"invalid session (op 9, d={resumable.ToString().ToLowerInvariant()})") with { Wait = TimeSpan.FromMilliseconds(Random.Shared.Next(1000, 5000)) }, wasReady);
                        case GatewayOpCode.Dispatch:
                            _sequence = (long?)payload!["s"] ?? _sequence;
                            wasReady |= Dispatch((string?)payload["t"], payload["d"]);
                            break;
                    }
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // 1000 ends the session, so the bot shows offline at once instead of after a timeout.
                await connection.CloseAsync(GatewayCloseCode.Normal, CancellationToken.None).ConfigureAwait(false);
                return (Next.Again(true, "stopping"), wasReady);
            }
            catch (OperationCanceledException) when (heartbeats is null)
            {
                await connection.CloseAsync(GatewayCloseCode.Resumable, CancellationToken.None).ConfigureAwait(false);
                return (Next.Again(resuming, $"no Hello within {settings.HelloTimeout.TotalSeconds:0.#} s"), wasReady);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // A send on a broken connection, a payload of the wrong shape: this connection is
                // done, the bot is not. The session stays resumable.
                await connection.CloseAsync(GatewayCloseCode.Resumable, CancellationToken.None).ConfigureAwait(false);
                return (Next.Again(true, $"{ex.GetType().Name}: {ex.Message}"), wasReady);
            }
            finally
            {
                await stop.CancelAsync().ConfigureAwait(false);
                if (heartbeats is not null)
                {
                    await heartbeats.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                }
            }
        }
    }

    private bool Dispatch(string? type, JsonNode? data)
    {
        switch (type)
        {
            case "READY":
                _sessionId = (string?)data?["session_id"];
                _resumeUrl = Uri.TryCreate((string?)data?["resume_gateway_url"], UriKind.Absolute, out var resume) ? resume : null;
                IsReady = true;
                LogReady(logger, (string?)data?["user"]?["username"] ?? "?", (data?["guilds"] as JsonArray)?.Count ?? 0);
                return true;
            case "RESUMED":
                IsReady = true;
                LogResumed(logger, _sequence ?? 0);
                return true;
            case "INTERACTION_CREATE" when data is not null:
                _ = Task.Run(async () =>
                {
                    try
                    {
                        await onInteraction(data).ConfigureAwait(false);
                    }
                    catch (Exception ex)
                    {
                        LogInteractionFailed(logger, ex);
                    }
                });
                return false;
            default:
                return false;
        }
    }

    private async Task IdentifyAsync(IGatewayConnection connection, CancellationToken cancellationToken)
    {
        // One Identify per interval per rate-limit bucket (this process runs one shard, so its own bucket).
        var wait = _lastIdentify + settings.IdentifyInterval - time.GetUtcNow();
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, time, cancellationToken).ConfigureAwait(false);
        }

        _lastIdentify = time.GetUtcNow();
        var identify = new JsonObject
        {
            ["token"] = settings.Token(),
            ["intents"] = 0,
            ["properties"] = new JsonObject { ["os"] = Environment.OSVersion.Platform == PlatformID.Unix ? "linux" : "other", ["browser"] = "el-bot", ["device"] = "el-bot" },
        };
        if (settings.ShardCount > 1)
        {
            identify["shard"] = new JsonArray(settings.ShardId, settings.ShardCount);
        }

        await SendAsync(connection, GatewayOpCode.Identify, identify, cancellationToken).ConfigureAwait(false);
    }

    private async Task HeartbeatLoopAsync(IGatewayConnection connection, TimeSpan interval, HeartbeatState acked, CancellationToken cancellationToken)
    {
        try
        {
            // The first beat after interval * jitter, so that a fleet of reconnecting clients spreads out.
            await Task.Delay(interval * Random.Shared.NextDouble(), time, cancellationToken).ConfigureAwait(false);
            while (!cancellationToken.IsCancellationRequested)
            {
                if (!acked.Acked)
                {
                    acked.Zombie = true;
                    await connection.CloseAsync(GatewayCloseCode.Resumable, CancellationToken.None).ConfigureAwait(false);
                    return;
                }

                acked.Acked = false;
                await HeartbeatAsync(connection, cancellationToken).ConfigureAwait(false);
                await Task.Delay(interval, time, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            // The session ended.
        }
    }

    /// <summary>Op 1 with the last sequence number seen (null before the first dispatch).</summary>
    private Task HeartbeatAsync(IGatewayConnection connection, CancellationToken cancellationToken) =>
        SendAsync(connection, GatewayOpCode.Heartbeat, _sequence is { } sequence ? JsonValue.Create(sequence) : null, cancellationToken);

    private static Task SendAsync(IGatewayConnection connection, GatewayOpCode op, JsonNode? data, CancellationToken cancellationToken) =>
        connection.SendAsync(new JsonObject { ["op"] = (int)op, ["d"] = data }.ToJsonString(), cancellationToken);

    private static Next Decide(int? code) => code switch
    {
        { } c when Fatal.TryGetValue((GatewayCloseCode)c, out var why) => new Next(false, $"closed {c}", why, null),
        (int)GatewayCloseCode.InvalidSequence or (int)GatewayCloseCode.SessionTimedOut => Next.Again(false, $"closed {code} (session no longer valid)"),
        _ => Next.Again(true, $"closed {code?.ToString(CultureInfo.InvariantCulture) ?? "without a code"}"),
    };

    private static Uri WithQuery(Uri url)
    {
        var query = url.Query.TrimStart('?');
        return new UriBuilder(url) { Query = (query.Length > 0 ? query + "&" : "") + "v=10&encoding=json" }.Uri;
    }


    [LoggerMessage(Level = LogLevel.Information, Message = "Discord gateway ready as {User} ({Guilds} guilds)")]
    private static partial void LogReady(ILogger logger, string user, int guilds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Discord gateway session resumed at sequence {Sequence}")]
    private static partial void LogResumed(ILogger logger, long sequence);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Discord gateway: {Why}; {Kind} in {Seconds:0.0} s")]
    private static partial void LogReconnect(ILogger logger, string why, string kind, double seconds);

    [LoggerMessage(Level = LogLevel.Critical, Message = "Discord gateway stopped: {Why}")]
    private static partial void LogFatal(ILogger logger, string why);

    [LoggerMessage(Level = LogLevel.Error, Message = "A Discord interaction from the gateway failed")]
    private static partial void LogInteractionFailed(ILogger logger, Exception exception);

    /// <summary>What to do after a connection ended: resume or identify (after Wait), or stop (Fatal).</summary>
    private sealed record Next(bool Resume, string Why, string? Fatal, TimeSpan? Wait)
    {
        public static Next Again(bool resume, string why) => new(resume, why, null, null);
    }

    /// <summary>A session that ended without becoming ready, or for good (<see cref="Next.Fatal"/>); an op 9 names its wait.</summary>
    private sealed class SessionEnded(Next next) : Exception(next.Fatal ?? next.Why), IRetryAfter
    {
        public Next Next { get; } = next;

        public TimeSpan? RetryAfter => Next.Wait;
    }

    /// <summary>Shared by the receive loop (ACKs arrive there) and the heartbeat loop (which judges them).</summary>
    private sealed class HeartbeatState
    {
        public volatile bool Acked = true;
        public volatile bool Zombie;
    }
}

/// <summary>What the gateway client needs of the options.</summary>
internal sealed record GatewaySettings(Func<string> Token, int ShardId, int ShardCount, TimeSpan IdentifyInterval, TimeSpan ReconnectDelay)
{
    /// <summary>How long a new connection may take to say Hello.</summary>
    public TimeSpan HelloTimeout { get; init; } = TimeSpan.FromSeconds(30);
}
