using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Bot.Matrix;

/// <summary>
/// The client-server API calls the adapter needs, over one HttpClient. Rate limits (429 /
/// M_LIMIT_EXCEEDED) wait as the homeserver says and 5xx are retried with backoff; other errors
/// come back as <see cref="MatrixException"/> with the homeserver's errcode.
/// </summary>
internal sealed class MatrixClient(HttpClient http, TimeProvider time)
{
    private const int Attempts = 5;

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
        return ((string)reply["access_token"]!, (string)reply["device_id"]!, (string)reply["user_id"]!);
    }

    public async Task<string> WhoAmIAsync(CancellationToken cancellationToken) =>
        (string)(await SendAsync(HttpMethod.Get, "account/whoami", null, true, cancellationToken).ConfigureAwait(false))["user_id"]!;

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
        return (string)reply["filter_id"]!;
    }

    public Task<JsonNode> SyncAsync(string? since, string filter, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var query = $"sync?filter={Uri.EscapeDataString(filter)}&timeout={(int)timeout.TotalMilliseconds}" + (since is null ? "" : $"&since={Uri.EscapeDataString(since)}");
        return SendAsync(HttpMethod.Get, query, null, true, cancellationToken);
    }

    public async Task<string> SendEventAsync(string roomId, string type, string txnId, JsonObject content, CancellationToken cancellationToken)
    {
        var reply = await SendAsync(HttpMethod.Put, $"rooms/{Uri.EscapeDataString(roomId)}/send/{type}/{Uri.EscapeDataString(txnId)}", content, true, cancellationToken).ConfigureAwait(false);
        return (string)reply["event_id"]!;
    }

    public Task JoinAsync(string roomId, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, $"join/{Uri.EscapeDataString(roomId)}", new JsonObject(), true, cancellationToken);

    public Task ForgetAsync(string roomId, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, $"rooms/{Uri.EscapeDataString(roomId)}/forget", null, true, cancellationToken); // the spec defines no body

    public async Task<IReadOnlyList<string>> JoinedRoomsAsync(CancellationToken cancellationToken)
    {
        var reply = await SendAsync(HttpMethod.Get, "joined_rooms", null, true, cancellationToken).ConfigureAwait(false);
        return [.. (reply["joined_rooms"]?.AsArray() ?? []).Select(r => (string?)r).OfType<string>()];
    }

    public Task<JsonNode> StateAsync(string roomId, string type, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Get, $"rooms/{Uri.EscapeDataString(roomId)}/state/{type}/", null, true, cancellationToken);

    private async Task<JsonNode> SendAsync(HttpMethod method, string path, JsonNode? body, bool authenticated, CancellationToken cancellationToken)
    {
        var delay = TimeSpan.FromSeconds(1);
        for (var attempt = 1; ; attempt++)
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

            MatrixException error;
            try
            {
                using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
                var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
                var json = string.IsNullOrWhiteSpace(text) ? new JsonObject() : JsonNode.Parse(text) ?? new JsonObject();
                if (response.IsSuccessStatusCode)
                {
                    return json;
                }

                TimeSpan? retryAfter = response.Headers.RetryAfter?.Delta
                    ?? ((long?)json["retry_after_ms"] is { } ms ? TimeSpan.FromMilliseconds(ms) : null);
                error = new MatrixException((int)response.StatusCode, (string?)json["errcode"] ?? "", (string?)json["error"] ?? response.ReasonPhrase ?? "", retryAfter);
            }
            catch (Exception ex) when (ex is HttpRequestException or System.Text.Json.JsonException)
            {
                error = new MatrixException(502, "M_NETWORK", ex.Message);
            }

            if (!error.IsTransient || attempt == Attempts)
            {
                throw error;
            }

            var wait = error.RetryAfter ?? delay;
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(30).Ticks));
            await Task.Delay(wait, time, cancellationToken).ConfigureAwait(false);
        }
    }

    internal static bool IsUnknownToken(MatrixException ex) => ex.ErrorCode == "M_UNKNOWN_TOKEN" || ex.Status == (int)HttpStatusCode.Unauthorized;
}
