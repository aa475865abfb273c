using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Bot.Core.Chat;
using Bot.Core.Commands;
using Bot.Core.Replies;
using Bot.Core.Resilience;
using Bot.Core.Storage;
using Bot.Core.Text;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;

namespace Bot.Matrix;

/// <summary>
/// The Matrix adapter: a /sync long-poll loop that answers <c>!commands</c> with m.notice rich
/// replies, joins rooms it is invited to by allowed users, forgets rooms it was kicked from, takes
/// quiz answers as reactions, and posts scheduled messages. Each batch goes through a <see cref="SyncDispatcher"/>,
/// which skips any event that is malformed or keeps failing, and the sync token is saved after each batch
/// is handled; a reply's txnId is derived from the command's event id, so a batch replayed after a
/// crash sends no reply twice (the homeserver answers a repeated txnId with the first event).
/// </summary>
internal sealed partial class MatrixAdapter(
    MatrixClient client,
    MatrixStore store,
    PowerLevels power,
    TextCommandGateway gateway,
    CommandRouter router,
    IOptions<MatrixOptions> options,
    ILeaseStore leases,
    BotInstance instance,
    TimeProvider time,
    ILogger<MatrixAdapter> logger) : BackgroundService, IChatPlatform, ISyncHandler
{
    /// <summary>
    /// The lease whose holder runs /sync: two instances syncing one account would each answer every
    /// command. The others still post (announcements, rounds, news) with the same token.
    /// </summary>
    internal const string SyncLease = "matrix.sync";

    /// <summary>How often an instance without the sync lease asks for it again.</summary>
    private static readonly TimeSpan LeaseRetry = TimeSpan.FromSeconds(5);

    private readonly SyncDispatcher _dispatcher = new(logger);
    private readonly ConcurrentDictionary<string, IReadOnlyList<ReplyButton>> _buttons = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _roomQueues = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _handled = new(StringComparer.Ordinal);
    private const string NotConnectedYet = "the Matrix adapter has not logged in yet";

    /// <summary>The longest wait between two attempts to reach the homeserver.</summary>
    private static readonly TimeSpan LongestRetry = TimeSpan.FromMinutes(5);
    private string _userId = "";

    public string Name => PlatformNames.Matrix;

    public bool IsConnected { get; private set; }

    /// <summary>Test seam: called after a batch is handled and before its token is saved.</summary>
    internal Action? BeforeTokenSave { get; set; }

    /// <summary>When the last sync batch was handled (the sync lag metric).</summary>
    public DateTimeOffset? LastSync { get; private set; }

    /// <summary>Why the adapter stopped, if it did (for /about and tests).</summary>
    public string? Stopped { get; private set; }

    public async ValueTask<PublishResult> PostAsync(ChatAddress to, Reply reply, string idempotencyKey, CancellationToken cancellationToken)
    {
        if (client.BaseUrl is null || client.AccessToken is null)
        {
            // Modules start before the adapter has logged in (a resumed quiz round, a due announcement).
            return PublishResult.Failed(NotConnectedYet);
        }

        try
        {
            var id = await SendAsync(to.Channel, reply, null, "post-" + Hash(idempotencyKey), cancellationToken).ConfigureAwait(false);
            return PublishResult.Ok(id);
        }
        catch (MatrixException ex)
        {
            return ex.IsPermanentForRoom ? PublishResult.Refused(ex.Message) : PublishResult.Failed(ex.Message);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        client.BaseUrl = new Uri(settings.HomeserverUrl!.ToString().TrimEnd('/') + "/");
        string filter;
        try
        {
            // A homeserver that is down at start is waited for, not given up on.
            filter = await Retrying(settings, ex => ex is MatrixException matrix && !IsRefusedLogin(matrix)).ExecuteAsync(async ct =>
            {
                await AuthenticateAsync(settings, ct).ConfigureAwait(false);
                _userId = await client.WhoAmIAsync(ct).ConfigureAwait(false);
                return store.FilterId ??= await client.CreateFilterAsync(_userId, ct).ConfigureAwait(false);
            }, stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return;
        }
        catch (MatrixException ex) when (IsRefusedLogin(ex))
        {
            Stop($"the homeserver refused the bot's credentials ({ex.ErrorCode}); check Matrix__AccessToken or Matrix__Password");
            return;
        }

        // Events are guarded one by one; what fails here is /sync itself (or its HTTP timeout) or the
        // state store: wait and try again. Each sync that works starts the backoff afresh.
        var syncs = Retrying(settings, ex =>
            (ex is not OperationCanceledException || ex.InnerException is TimeoutException) && !(ex is MatrixException matrix && MatrixClient.IsUnknownToken(matrix)));
        while (!stoppingToken.IsCancellationRequested)
        {
            HeldLease lease;
            try
            {
                lease = await HeldLease.TakeAsync(leases, SyncLease, instance, time, LeaseRetry, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }

            await using (lease.ConfigureAwait(false))
            {
                using var held = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, lease.Lost);
                while (!held.IsCancellationRequested)
                {
                    try
                    {
                        await syncs.ExecuteAsync(ct => SyncOnceAsync(filter, settings, ct), held.Token).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                    {
                        return;
                    }
                    catch (OperationCanceledException) when (lease.Lost.IsCancellationRequested)
                    {
                        LogSyncLeaseLost(logger);
                    }
                    catch (MatrixException ex) when (MatrixClient.IsUnknownToken(ex))
                    {
                        Stop("the homeserver no longer accepts the bot's access token (M_UNKNOWN_TOKEN); log in again and set Matrix__AccessToken");
                        return;
                    }
                }
            }
        }
    }

    private async ValueTask SyncOnceAsync(string filter, MatrixOptions settings, CancellationToken cancellationToken)
    {
        var since = store.NextBatch;
        // A fresh install skips history: the first sync's timeline is not answered.
        var batch = await client.SyncAsync(since, filter, since is null ? TimeSpan.Zero : settings.SyncTimeout, cancellationToken).ConfigureAwait(false);
        IsConnected = true;
        await _dispatcher.DispatchAsync(batch, history: since is null, this, cancellationToken).ConfigureAwait(false);
        BeforeTokenSave?.Invoke();

        // Saved after every batch, whatever its events did: a poison event is never replayed.
        if (JsonFields.String(batch, "next_batch") is { } next)
        {
            store.NextBatch = next;
        }
        else
        {
            LogNoNextBatch(logger);
        }

        LastSync = time.GetUtcNow();
    }

    /// <summary>
    /// Tries again, for as long as the adapter runs, what fails for a reason that can pass: doubling
    /// from Matrix:RetryDelay to <see cref="LongestRetry"/>. What <paramref name="passing"/> does not
    /// call passing (a refused token) is not retried: the caller stops the adapter with a reason.
    /// </summary>
    private ResiliencePipeline Retrying(MatrixOptions settings, Func<Exception, bool> passing) =>
        Retries.Pipeline(time, new RetryPlan(settings.RetryDelay, LongestRetry), passing, (ex, wait, _) =>
        {
            IsConnected = false;
            LogSyncFailed(logger, ex.Message, wait.TotalSeconds);
        });

    private static bool IsRefusedLogin(MatrixException ex) => MatrixClient.IsUnknownToken(ex) || ex.ErrorCode == MatrixErrorCode.Forbidden;

    private async Task AuthenticateAsync(MatrixOptions settings, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrWhiteSpace(settings.AccessToken))
        {
            client.AccessToken = settings.AccessToken;
            return;
        }

        if (store.AccessToken is { Length: > 0 } saved)
        {
            client.AccessToken = saved;
            return;
        }

        var (token, device, _) = await client.LoginAsync(settings.UserId!, settings.Password!, store.DeviceId is { Length: > 0 } d ? d : null, cancellationToken).ConfigureAwait(false);
        (store.AccessToken, store.DeviceId, client.AccessToken) = (token, device, token);
    }

    public async Task InvitedAsync(string roomId, JsonArray inviteState, CancellationToken cancellationToken)
    {
        var invite = inviteState.OfType<JsonObject>().FirstOrDefault(e => JsonFields.String(e, "type") == "m.room.member"
            && JsonFields.String(e, "state_key") == _userId && JsonFields.String(JsonFields.Object(e, "content"), "membership") == "invite");
        var inviter = JsonFields.String(invite, "sender") ?? "";
        if (!options.Value.AcceptsInviteFrom(inviter, _userId))
        {
            LogInviteIgnored(logger, roomId, inviter);
            return;
        }

        await client.JoinAsync(roomId, cancellationToken).ConfigureAwait(false);
        LogJoined(logger, roomId, inviter);
    }

    public Task LeftAsync(string roomId, CancellationToken cancellationToken)
    {
        // Kicked, banned or left: nothing more to do there.
        power.Forget(roomId);
        return client.ForgetAsync(roomId, cancellationToken);
    }

    public async Task EventAsync(string roomId, JsonObject item, CancellationToken cancellationToken)
    {
        var type = JsonFields.String(item, "type");
        var sender = JsonFields.String(item, "sender");
        var eventId = JsonFields.String(item, "event_id");
        if (type is null || sender is null || eventId is null)
        {
            SyncDispatcher.LogSkipped(logger, roomId, eventId ?? "-", "type, sender or event_id is missing or not a string");
            return;
        }

        if (sender == _userId || _handled.ContainsKey(eventId))
        {
            return;
        }

        await HandleNewEventAsync(roomId, item, type, sender, eventId, cancellationToken).ConfigureAwait(false);

        // Marked only once handled: a replayed batch (the token not saved after a crash) is handled again (same txnId).
        if (_handled.Count > 10_000)
        {
            _handled.Clear();
        }

        _handled.TryAdd(eventId, 0);
    }

    private async Task HandleNewEventAsync(string roomId, JsonObject item, string type, string sender, string eventId, CancellationToken cancellationToken)
    {
        if (type == "m.room.power_levels")
        {
            power.Forget(roomId);
            return;
        }

        var place = new ChatAddress(Name, roomId.Split(':', 2) is [_, var server] ? server : "matrix", roomId);
        var content = JsonFields.Object(item, "content");
        if (type == "m.room.message")
        {
            var body = JsonFields.String(content, "body");
            if (body is null)
            {
                SyncDispatcher.LogSkipped(logger, roomId, eventId, "a message whose content.body is missing or not a string");
                return;
            }

            // Notices are bot talk (the spec asks bots not to answer them); a msgtype of another kind is no notice.
            body = body.Trim();
            if (JsonFields.String(content, "msgtype") == "m.notice" || !body.StartsWith(options.Value.CommandPrefix, StringComparison.Ordinal))
            {
                return;
            }

            var caller = new Caller(sender, DisplayName(sender), await power.IsModeratorAsync(roomId, sender, cancellationToken).ConfigureAwait(false));
            var line = "!" + body[options.Value.CommandPrefix.Length..];
            var reply = await gateway.HandleLineAsync(line, caller, place, cancellationToken).ConfigureAwait(false);
            if (reply is { Silent: false })
            {
                await SendAsync(roomId, reply, eventId, "reply-" + Hash(eventId), cancellationToken).ConfigureAwait(false);
            }
        }
        else if (type == "m.reaction"
            && JsonFields.Object(content, "m.relates_to") is { } relates && JsonFields.String(relates, "rel_type") == "m.annotation"
            && JsonFields.String(relates, "event_id") is { } target && _buttons.TryGetValue(target, out var buttons)
            && JsonFields.String(relates, "key") is { } key && Array.IndexOf(MatrixRenderer.Letters, key) is var index and >= 0 && index < buttons.Count)
        {
            // A reaction stands for pressing the button; its acknowledgement would only add noise to the room.
            var caller = new Caller(sender, DisplayName(sender), await power.IsModeratorAsync(roomId, sender, cancellationToken).ConfigureAwait(false));
            var reply = await router.PressAsync(buttons[index].Id, caller, place, cancellationToken).ConfigureAwait(false);
            if (!reply.Ephemeral)
            {
                await SendAsync(roomId, reply, eventId, "react-" + Hash(eventId), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task<string> SendAsync(string roomId, Reply reply, string? inReplyTo, string txnId, CancellationToken cancellationToken)
    {
        var (body, html) = MatrixRenderer.Render(reply);
        var content = new JsonObject
        {
            ["msgtype"] = "m.notice",
            ["body"] = body,
            ["format"] = "org.matrix.custom.html",
            ["formatted_body"] = html,
            // Intentional mentions: none, so no reply pings anyone.
            ["m.mentions"] = new JsonObject(),
        };
        if (inReplyTo is not null)
        {
            content["m.relates_to"] = new JsonObject { ["m.in_reply_to"] = new JsonObject { ["event_id"] = inReplyTo } };
        }

        // One room's messages go out in order.
        var queue = _roomQueues.GetOrAdd(roomId, _ => new SemaphoreSlim(1, 1));
        await queue.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var eventId = await client.SendEventAsync(roomId, "m.room.message", txnId, content, cancellationToken).ConfigureAwait(false);
            if (reply.Buttons.Count > 0)
            {
                _buttons[eventId] = reply.Buttons;
            }

            return eventId;
        }
        finally
        {
            queue.Release();
        }
    }

    private void Stop(string reason)
    {
        IsConnected = false;
        Stopped = reason;
        LogStopped(logger, reason);
    }

    private static string DisplayName(string userId) => userId.TrimStart('@').Split(':', 2)[0];

    private static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..24];


    public override void Dispose()
    {
        foreach (var queue in _roomQueues.Values)
        {
            queue.Dispose();
        }

        base.Dispose();
    }

    [LoggerMessage(EventId = 7000, Level = LogLevel.Warning, Message = "Matrix sync failed: {Error}; retrying in about {Seconds} s")]
    private static partial void LogSyncFailed(ILogger logger, string error, double seconds);

    [LoggerMessage(EventId = 5012, Level = LogLevel.Warning, Message = "The Matrix sync lease could not be renewed; this instance stops syncing until it holds the lease again")]
    private static partial void LogSyncLeaseLost(ILogger logger);

    [LoggerMessage(EventId = 7001, Level = LogLevel.Critical, Message = "The Matrix adapter stopped: {Reason}")]
    private static partial void LogStopped(ILogger logger, string reason);

    [LoggerMessage(EventId = 7002, Level = LogLevel.Information, Message = "Joined {Room}, invited by {Inviter}")]
    private static partial void LogJoined(ILogger logger, string room, string inviter);

    [LoggerMessage(EventId = 7004, Level = LogLevel.Warning, Message = "The Matrix sync batch has no next_batch token; the next sync repeats the last one")]
    private static partial void LogNoNextBatch(ILogger logger);

    [LoggerMessage(EventId = 7003, Level = LogLevel.Information, Message = "Ignored the invite to {Room} from {Inviter}: not in Matrix:AutoJoin (default: the bot's own homeserver)")]
    private static partial void LogInviteIgnored(ILogger logger, string room, string inviter);
}
