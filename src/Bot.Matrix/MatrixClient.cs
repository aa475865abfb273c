using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Bot.Core.Resilience;
using Polly;

namespace Bot.Matrix;

/// <summary>
/// The client-server API calls the adapter needs, over one HttpClient. Rate limits (429 /
/// M_LIMIT_EXCEEDED) wait as the homeserver says and 5xx are retried with backoff; other errors
/// come back as <see cref="MatrixException"/> with the homeserver's errcode.
/// </summary>
internal sealed class MatrixClient(HttpClient http, TimeProvider time)
{
    /// <summary>How often a rate-limited or 5xx request is tried before its error is thrown.</summary>
    internal const int Attempts = 5;

    /// <summary>A wait asked for beyond an hour is no rate limit but garbage; the usual backoff applies.</summary>
    private const long MaxRetryAfterMs = 3_600_000;

    private static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(1);

    private static readonly TimeSpan LongestRetry = TimeSpan.FromSeconds(30);

    private ResiliencePipeline? _retrying;

    /// <summary>
    /// Content nests as deep as senders like (the spec sets no limit) and a sync reply adds about ten
    /// levels; System.Text.Json's default of 64 would fail the whole /sync on one deep event, forever.
    /// </summary>
    private static readonly JsonDocumentOptions Depth = new() { MaxDepth = 1024 };

    public Uri? BaseUrl { get; set; }

    public string? AccessToken { get; set; }

    public async Task<(string Token, string DeviceId, string UserId)> LoginAsync(string user, string password, string? deviceId, CancellationToken cancellationToken)
    {
        var body = new JsonObject
        {
            ["type"] = "m.login.password",
            ["identifier"] = new JsonObject { ["type"] = "m.id.user", ["user"] = user },
            ["password"] = password,
            ["initial_device_display_name"] = "Enterprise Linux community bot",
        };
        if (deviceId is not null)
        {
            body["device_id"] = deviceId;
        }

        var reply = await SendAsync(HttpMethod.Post, "login", body, authenticated: false, cancellationToken).ConfigureAwait(false);
        return (Required(reply, "access_token"), Required(reply, "device_id"), Required(reply, "user_id"));
    }

    public async Task<string> WhoAmIAsync(CancellationToken cancellationToken) =>
        Required(await SendAsync(HttpMethod.Get, "account/whoami", null, true, cancellationToken).ConfigureAwait(false), "user_id");

    public async Task<string> CreateFilterAsync(string userId, CancellationToken cancellationToken)
    {
        // Only what the bot acts on: messages, reactions, membership and redactions; no presence,
        // account data or ephemeral events; lazy-loaded members.
        var filter = JsonNode.Parse("""
            {
              "presence": { "not_types": ["*"] },
              "account_data": { "not_types": ["*"] },
              "room": {
                "ephemeral": { "not_types": ["*"] },
                "account_data": { "not_types": ["*"] },
                "state": { "lazy_load_members": true },
                "timeline": { "types": ["m.room.message", "m.reaction", "m.room.member", "m.room.redaction", "m.room.power_levels"], "limit": 50 }
              }
            }
            """)!;
        var reply = await SendAsync(HttpMethod.Post, $"user/{Uri.EscapeDataString(userId)}/filter", filter, true, cancellationToken).ConfigureAwait(false);
        return Required(reply, "filter_id");
    }

    public Task<JsonNode> SyncAsync(string? since, string filter, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var query = $"sync?filter={Uri.EscapeDataString(filter)}&timeout={(int)timeout.TotalMilliseconds}" + (since is null ? "" : $"&since={Uri.EscapeDataString(since)}");
        return SendAsync(HttpMethod.Get, query, null, true, cancellationToken);
    }

    public async Task<string> SendEventAsync(string roomId, string type, string txnId, JsonObject content, CancellationToken cancellationToken)
    {
        var reply = await SendAsync(HttpMethod.Put, $"rooms/{Uri.EscapeDataString(roomId)}/send/{type}/{Uri.EscapeDataString(txnId)}", content, true, cancellationToken).ConfigureAwait(false);
        return Required(reply, "event_id");
    }

    public Task JoinAsync(string roomId, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, $"join/{Uri.EscapeDataString(roomId)}", new JsonObject(), true, cancellationToken);

    public Task ForgetAsync(string roomId, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, $"rooms/{Uri.EscapeDataString(roomId)}/forget", null, true, cancellationToken); // the spec defines no body

    public async Task<IReadOnlyList<string>> JoinedRoomsAsync(CancellationToken cancellationToken)
    {
        var reply = await SendAsync(HttpMethod.Get, "joined_rooms", null, true, cancellationToken).ConfigureAwait(false);
        return [.. (JsonFields.Array(reply, "joined_rooms") ?? []).OfType<JsonValue>().Where(r => r.GetValueKind() == JsonValueKind.String).Select(r => r.GetValue<string>())];
    }

    public Task<JsonNode> StateAsync(string roomId, string type, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Get, $"rooms/{Uri.EscapeDataString(roomId)}/state/{type}/", null, true, cancellationToken);

    /// <summary>A request, tried again on 5xx, 429 (after the homeserver's retry_after_ms) and network failures, <see cref="Attempts"/> times in all.</summary>
    private async Task<JsonNode> SendAsync(HttpMethod method, string path, JsonNode? body, bool authenticated, CancellationToken cancellationToken) =>
        await (_retrying ??= Retries.Pipeline(time, new RetryPlan(FirstRetry, LongestRetry, Attempts - 1), ex => ex is MatrixException { IsTransient: true }))
            .ExecuteAsync(ct => SendOnceAsync(method, path, body, authenticated, ct), cancellationToken).ConfigureAwait(false);

    private async ValueTask<JsonNode> SendOnceAsync(HttpMethod method, string path, JsonNode? body, bool authenticated, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, new Uri(BaseUrl!, "_matrix/client/v3/" + path));
        if (authenticated)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", AccessToken);
        }

        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        try
        {
            using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            var json = string.IsNullOrWhiteSpace(text) ? new JsonObject() : JsonNode.Parse(text, documentOptions: Depth) ?? new JsonObject();
            if (response.IsSuccessStatusCode)
            {
                return json;
            }

            TimeSpan? retryAfter = response.Headers.RetryAfter?.Delta
                ?? (JsonFields.Integer(json, "retry_after_ms") is { } ms and >= 0 and <= MaxRetryAfterMs ? TimeSpan.FromMilliseconds(ms) : null);
            throw new MatrixException((int)response.StatusCode, JsonFields.String(json, "errcode") ?? "", JsonFields.String(json, "error") ?? response.ReasonPhrase ?? "", retryAfter);
        }
        catch (Exception ex) when (ex is HttpRequestException or System.Text.Json.JsonException)
        {
            throw new MatrixException(502, MatrixErrorCode.Network, ex.Message);
        }
    }

    /// <summary>A field the spec requires in a success reply; without it the homeserver is at fault (502: start-up waits and tries again).</summary>
    private static string Required(JsonNode reply, string name) =>
        JsonFields.String(reply, name) ?? throw new MatrixException(502, MatrixErrorCode.BadResponse, $"the homeserver's reply has no string '{name}'");

    internal static bool IsUnknownToken(MatrixException ex) => ex.ErrorCode == MatrixErrorCode.UnknownToken || ex.Status == (int)HttpStatusCode.Unauthorized;
}
