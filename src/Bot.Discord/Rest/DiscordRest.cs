using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Bot.Core.Diagnostics;
using Bot.Core.Resilience;
using Microsoft.Extensions.Logging;
using Polly;

namespace Bot.Discord.Rest;

/// <summary>
/// Discord's REST API v10 with its rules kept: <c>Authorization: Bot</c>, the User-Agent the docs
/// ask for, per-route buckets and the global limit waited for before sending, a 429 honoured
/// (retry_after, X-RateLimit-Scope), 5xx and dropped connections retried with backoff, 400/401/403/404
/// never retried, and a guard that stops sending long before Discord's ban at 10,000 invalid answers.
/// The token is sent, never logged.
/// </summary>
internal sealed partial class DiscordRest(HttpClient http, Uri apiBase, Func<string> token, RateLimits limits, TimeProvider time, ILogger<DiscordRest> logger)
{
    private const int MaxAttempts = 5;

    /// <summary>The longest wait between two tries of one request.</summary>
    private static readonly TimeSpan LongestRetry = TimeSpan.FromSeconds(16);

    /// <summary>X-RateLimit-Reset-After's precision.</summary>
    private static readonly TimeSpan HeaderRounding = TimeSpan.FromMilliseconds(1);

    private ResiliencePipeline? _retrying;
    /// <summary>The form Discord's docs ask for: DiscordBot ($url, $versionNumber).</summary>
    internal static readonly string UserAgent = $"DiscordBot ({BotIdentity.ProjectUrl}, {BotIdentity.Version})";
    private readonly string _base = apiBase.ToString().TrimEnd('/') + "/";

    /// <summary>POST channels/{id}/messages; the nonce makes a retried post land once.</summary>
    public async Task<string?> CreateMessageAsync(string channelId, JsonObject message, string? nonce, CancellationToken cancellationToken)
    {
        if (nonce is not null)
        {
            message["nonce"] = nonce;
            message["enforce_nonce"] = true;
        }

        var sent = await SendAsync(HttpMethod.Post, $"channels/{channelId}/messages", message, cancellationToken).ConfigureAwait(false);
        return (string?)sent?["id"];
    }

    /// <summary>PATCH channels/{id}/messages/{id}.</summary>
    public Task<JsonNode?> EditMessageAsync(string channelId, string messageId, JsonObject message, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Patch, $"channels/{channelId}/messages/{messageId}", message, cancellationToken);

    /// <summary>POST interactions/{id}/{token}/callback: the first answer to an interaction.</summary>
    public Task<JsonNode?> InteractionCallbackAsync(string interactionId, string interactionToken, JsonObject response, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, $"interactions/{interactionId}/{interactionToken}/callback", response, cancellationToken, global: false);

    /// <summary>PATCH webhooks/{app}/{token}/messages/@original: the answer after a deferral.</summary>
    public Task<JsonNode?> EditOriginalAsync(string applicationId, string interactionToken, JsonObject message, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Patch, $"webhooks/{applicationId}/{interactionToken}/messages/@original", message, cancellationToken, global: false);

    /// <summary>PUT applications/{app}/commands or .../guilds/{guild}/commands: replaces every command.</summary>
    public Task<JsonNode?> OverwriteCommandsAsync(string applicationId, string? guildId, JsonArray commands, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Put, guildId is null ? $"applications/{applicationId}/commands" : $"applications/{applicationId}/guilds/{guildId}/commands", commands, cancellationToken);

    /// <summary>GET channels/{id}: the channel object, whose guild_id says which server it belongs to.</summary>
    public Task<JsonNode?> GetChannelAsync(string channelId, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Get, $"channels/{channelId}", null, cancellationToken);

    /// <summary>GET gateway/bot: the gateway address, recommended shards and session start limits.</summary>
    public Task<JsonNode?> GatewayBotAsync(CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Get, "gateway/bot", null, cancellationToken);

    /// <summary>Sends one request, waiting for its bucket and the global window, retrying what may be retried.</summary>
    public async Task<JsonNode?> SendAsync(HttpMethod method, string path, JsonNode? body, CancellationToken cancellationToken, bool global = true)
    {
        var routeKey = RouteKey.Of(method, path);
        var shown = RouteKey.Redacted(routeKey);
        var bucket = limits.Enter(routeKey);
        var entered = bucket;
        try
        {
            return await SendInBucketAsync(method, path, body, routeKey, shown, bucket, global, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            limits.Leave(entered);
        }
    }

    private async Task<JsonNode?> SendInBucketAsync(HttpMethod method, string path, JsonNode? body, string routeKey, string shown, RateLimits.Bucket bucket, bool global, CancellationToken cancellationToken)
    {
        var payload = body?.ToJsonString();
        var gate = bucket.Gate;
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // The bucket can change between attempts: Discord names a route's bucket in every answer,
            // a 429 included, and the next attempt must wait in the bucket that answer named.
            var current = new BucketOfRoute(bucket);
            return await Retrying.ExecuteAsync(ct => AttemptAsync(method, path, payload, routeKey, shown, current, global, ct), cancellationToken).ConfigureAwait(false);
        }
        catch (TryAgain last)
        {
            // Callers handle DiscordApiException: an unreachable or failing Discord must not escape as something else.
            throw last.Failure ?? new DiscordApiException($"{shown}: Discord did not answer after {MaxAttempts} attempts ({last.Message})", last.InnerException!);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>One try: waits for the bucket and the global window, sends, and judges the answer.</summary>
    private async ValueTask<JsonNode?> AttemptAsync(
        HttpMethod method, string path, string? payload, string routeKey, string shown, BucketOfRoute current, bool global, CancellationToken cancellationToken)
    {
        var bucket = current.Bucket;
        if (limits.TooManyInvalid())
        {
            throw new DiscordApiException(0, null, "Discord requests paused: too many invalid requests (401/403/429) in the last 10 minutes.");
        }

        for (var now = time.GetUtcNow(); bucket.Remaining <= 0 && bucket.ResetAt > now; now = time.GetUtcNow())
        {
            // Timers count whole milliseconds and can wake a little before the reset: wait until it has passed.
            await Task.Delay(TimeSpan.FromMilliseconds(Math.Ceiling((bucket.ResetAt - now).TotalMilliseconds)), time, cancellationToken).ConfigureAwait(false);
        }

        var slot = global ? await limits.TakeGlobalAsync(cancellationToken).ConfigureAwait(false) : null;
        HttpResponseMessage response;
        try
        {
            using var request = new HttpRequestMessage(method, _base + path);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bot", token());
            request.Headers.TryAddWithoutValidation("User-Agent", UserAgent);
            if (payload is not null)
            {
                request.Content = new StringContent(payload, Encoding.UTF8, "application/json");
            }

            response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is HttpRequestException || (ex is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw new TryAgain(shown, ex is TaskCanceledException ? "timed out" : ex.Message, ex);
        }
        finally
        {
            slot?.Release();
        }

        using (response)
        {
            bucket = current.Bucket = Remember(routeKey, bucket, response);
            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode)
            {
                try
                {
                    return text.Length == 0 ? null : JsonNode.Parse(text);
                }
                catch (JsonException ex)
                {
                    // A proxy's HTML page, say: report it as what it is, in the callers' terms.
                    throw new DiscordApiException($"{shown}: {status} but the answer is not JSON", ex);
                }
            }

            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                RateLimited(response, text, shown, bucket);
                // The next try waits in the bucket or the global window, which now hold Discord's retry_after.
                throw new TryAgain(shown, "429", Failure(shown, status, text), TimeSpan.Zero);
            }

            if (status >= 500)
            {
                throw new TryAgain(shown, status.ToString(CultureInfo.InvariantCulture), Failure(shown, status, text));
            }

            if (status is 401 or 403)
            {
                limits.CountInvalid();
            }

            throw Failure(shown, status, text);
        }
    }

    private void RateLimited(HttpResponseMessage response, string text, string shown, RateLimits.Bucket bucket)
    {
        var scope = response.Headers.TryGetValues("X-RateLimit-Scope", out var s) ? s.First() : "user";
        var wait = RetryAfter(response, text);
        BotMetrics.DiscordRateLimited.Add(1, new KeyValuePair<string, object?>("scope", scope));
        if (scope != "shared")
        {
            limits.CountInvalid();
        }

        if (scope == "global" || (response.Headers.TryGetValues("X-RateLimit-Global", out var g) && g.First() == "true"))
        {
            limits.BlockGlobal(wait);
        }
        else
        {
            bucket.Remaining = 0;
            bucket.ResetAt = time.GetUtcNow() + wait;
        }

        LogRateLimited(logger, shown, scope, wait.TotalSeconds);
    }

    /// <summary>The first retry's wait; doubled for each further one (jittered). Tests shorten it.</summary>
    internal TimeSpan RetryBase { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Network failures, 5xx and 429, tried <see cref="MaxAttempts"/> times in all; built on first use, after <see cref="RetryBase"/> is set.</summary>
    private ResiliencePipeline Retrying => _retrying ??= Retries.Pipeline(time, new RetryPlan(RetryBase, LongestRetry, MaxAttempts - 1), ex => ex is TryAgain, (ex, _, attempt) =>
    {
        // A 429 was logged with its scope and wait where it was read.
        if (ex is TryAgain { RateLimited: false } again)
        {
            LogRetry(logger, again.Route, again.Message, attempt);
        }
    });

    /// <summary>The bucket a request waits in, as the latest answer named it.</summary>
    private sealed class BucketOfRoute(RateLimits.Bucket bucket)
    {
        public RateLimits.Bucket Bucket { get; set; } = bucket;
    }

    /// <summary>A failure worth another try: unreachable, 5xx, or rate limited (whose wait the bucket holds).</summary>
    private sealed class TryAgain : Exception, IRetryAfter
    {
        public TryAgain(string route, string why, Exception network)
            : base(why, network) => Route = route;

        public TryAgain(string route, string why, DiscordApiException failure, TimeSpan? retryAfter = null)
            : base(why) => (Route, Failure, RetryAfter) = (route, failure, retryAfter);

        public string Route { get; }

        /// <summary>What to report if no try works; null for a network failure.</summary>
        public DiscordApiException? Failure { get; }

        public TimeSpan? RetryAfter { get; }

        /// <summary>A 429, whose wait the bucket or the global window already holds.</summary>
        public bool RateLimited => RetryAfter is not null;
    }

    private static TimeSpan RetryAfter(HttpResponseMessage response, string body)
    {
        try
        {
            if (JsonNode.Parse(body)?["retry_after"] is JsonValue value && value.TryGetValue<double>(out var seconds))
            {
                return TimeSpan.FromSeconds(Math.Clamp(seconds, 0, 3600));
            }
        }
        catch (JsonException)
        {
            // Cloudflare answers a ban with HTML; the header below still holds.
        }

        return response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1);
    }

    private static DiscordApiException Failure(string routeKey, int status, string body)
    {
        int? code = null;
        var message = "";
        try
        {
            var json = JsonNode.Parse(body);
            code = (int?)json?["code"];
            message = (string?)json?["message"] ?? "";
        }
        catch (JsonException)
        {
            message = body.Length > 200 ? body[..200] : body;
        }

        var what = status switch
        {
            401 => "the bot token was refused (check Discord__Token)",
            403 => "the bot lacks a permission here",
            404 => "not found (the channel, message or interaction is gone)",
            429 => "still rate limited after several waits",
            _ => "Discord refused the request",
        };
        return new DiscordApiException(status, code, $"{routeKey}: {status} {what}{(message.Length > 0 ? ": " + message : "")}");
    }

    private RateLimits.Bucket Remember(string routeKey, RateLimits.Bucket bucket, HttpResponseMessage response)
    {
        var headers = response.Headers;
        if (headers.TryGetValues("X-RateLimit-Bucket", out var hash))
        {
            bucket = limits.Learn(routeKey, hash.First(), bucket);
        }

        if (headers.TryGetValues("X-RateLimit-Remaining", out var remaining)
            && int.TryParse(remaining.First(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var left))
        {
            bucket.Remaining = left;
        }

        if (headers.TryGetValues("X-RateLimit-Reset-After", out var after)
            && double.TryParse(after.First(), NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
        {
            // The header is rounded to the millisecond; one more keeps the next request after the real reset.
            bucket.ResetAt = time.GetUtcNow() + TimeSpan.FromSeconds(seconds) + HeaderRounding;
        }

        return bucket;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Discord {Route}: {Why}; retry {Attempt}")]
    private static partial void LogRetry(ILogger logger, string route, string why, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Discord {Route}: rate limited ({Scope}), waiting {Seconds:0.###} s")]
    private static partial void LogRateLimited(ILogger logger, string route, string scope, double seconds);
}
