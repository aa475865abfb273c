using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Bot.Core.Chat;
using Bot.Core.Replies;
using Bot.Core.Resilience;
using Bot.Discord.Gateway;
using Bot.Discord.Interactions;
using Bot.Discord.Registration;
using Bot.Discord.Rest;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Bot.Discord;

/// <summary>
/// The Discord adapter: registers the commands when the catalog changed, then takes interactions
/// from the gateway (or lets the HTTP endpoint take them) and answers each through its callback;
/// posts for the publisher go out as channel messages with a nonce derived from the idempotency key.
/// </summary>
internal sealed partial class DiscordAdapter(
    DiscordRest rest,
    InteractionDispatcher dispatcher,
    CommandRegistrar registrar,
    IGatewayTransport transport,
    IOptions<DiscordOptions> options,
    TimeProvider time,
    ILoggerFactory loggers) : BackgroundService, IChatPlatform
{
    private readonly ILogger _logger = loggers.CreateLogger<DiscordAdapter>();
    private GatewayClient? _gateway;
    private bool _httpReady;

    public string Name => PlatformNames.Discord;

    public bool IsConnected => options.Value.Mode == DiscordMode.Http ? _httpReady : _gateway?.IsReady == true;

    /// <summary>Why the adapter stopped, if it did.</summary>
    public string? Stopped { get; private set; }

    public async ValueTask<PublishResult> PostAsync(ChatAddress to, Reply reply, string idempotencyKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(to);
        try
        {
            var id = await rest.CreateMessageAsync(to.Channel, DiscordRenderer.Message(reply), Nonce(idempotencyKey), cancellationToken).ConfigureAwait(false);
            return PublishResult.Ok(id);
        }
        catch (DiscordApiException ex)
        {
            // 403 (Missing Access, Missing Permissions) and 404 (Unknown Channel) do not heal by retrying.
            return ex.Status is 403 or 404 ? PublishResult.Refused(ex.Message) : PublishResult.Failed(ex.Message);
        }
    }

    public async ValueTask<PublishResult> EditAsync(ChatAddress to, string messageId, Reply reply, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(to);
        var message = DiscordRenderer.Message(reply);
        // An edit without components keeps the old buttons; an empty list removes them.
        message["components"] ??= new JsonArray();
        try
        {
            await rest.EditMessageAsync(to.Channel, messageId, message, cancellationToken).ConfigureAwait(false);
            return PublishResult.Ok(messageId);
        }
        catch (DiscordApiException ex)
        {
            return PublishResult.Failed(ex.Message);
        }
    }

    /// <summary>Discord's nonce holds at most 25 characters: a hash of the key, the same on every retry.</summary>
    internal static string Nonce(string idempotencyKey) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(idempotencyKey)))[..25];

    /// <summary>One interaction from the gateway: its first response through the callback endpoint, then any follow-up.</summary>
    internal async Task OnInteractionAsync(JsonNode interaction, CancellationToken cancellationToken)
    {
        var answer = await dispatcher.RespondAsync(interaction, cancellationToken).ConfigureAwait(false);
        if (answer.Status != 200)
        {
            LogUnanswerable(_logger, answer.Body);
            return;
        }

        await rest.InteractionCallbackAsync((string?)interaction["id"] ?? "", (string?)interaction["token"] ?? "", (JsonObject)JsonNode.Parse(answer.Body)!, cancellationToken).ConfigureAwait(false);
        if (answer.After is { } after)
        {
            await after(cancellationToken).ConfigureAwait(false);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (settings.RegisterOnStart)
        {
            var guild = string.IsNullOrWhiteSpace(settings.GuildId) ? null : settings.GuildId;
            try
            {
                await registrar.RegisterAsync(guild, force: false, stoppingToken).ConfigureAwait(false);
            }
            catch (DiscordApiException ex)
            {
                LogRegistrationFailed(_logger, ex.Message);
                if (ex.Status == (int)HttpStatusCode.Unauthorized)
                {
                    Stopped = ex.Message;
                    return;
                }

                if (Transient(ex))
                {
                    // Discord was unreachable or busy: the commands still get registered, later.
                    _ = RegisterLaterAsync(guild, stoppingToken);
                }
            }
        }

        if (settings.Mode == DiscordMode.Http)
        {
            _httpReady = true;
            return;
        }

        var url = await GatewayUrlAsync(settings, stoppingToken).ConfigureAwait(false);
        if (url is null)
        {
            return;
        }

        _gateway = new GatewayClient(
            transport,
            new GatewaySettings(settings.ResolveToken, settings.ShardId, settings.ShardCount, settings.IdentifyInterval, settings.ReconnectDelay),
            interaction => OnInteractionAsync(interaction, stoppingToken),
            time,
            loggers.CreateLogger<GatewayClient>());
        await _gateway.RunAsync(url, stoppingToken).ConfigureAwait(false);
        Stopped = _gateway.Stopped;
    }

    /// <summary>The longest wait between two tries to register the commands.</summary>
    private static readonly TimeSpan LongestRegistrationRetry = TimeSpan.FromMinutes(30);

    /// <summary>The longest wait between two asks for the gateway's address.</summary>
    private static readonly TimeSpan LongestGatewayRetry = TimeSpan.FromMinutes(2);

    /// <summary>Discord was unreachable (0), busy (429) or failing (5xx): worth another try later.</summary>
    private static bool Transient(DiscordApiException ex) => ex.Status is 0 or 429 or >= 500;

    private async Task RegisterLaterAsync(string? guild, CancellationToken stoppingToken)
    {
        // Discord was unreachable or busy at start: the commands still get registered, later.
        var later = Retries.Pipeline(time, new RetryPlan(options.Value.ReconnectDelay, LongestRegistrationRetry),
            ex => ex is DiscordApiException api && Transient(api), (ex, _, _) => LogRegistrationFailed(_logger, ex.Message));
        try
        {
            await Task.Delay(options.Value.ReconnectDelay, time, stoppingToken).ConfigureAwait(false);
            await later.ExecuteAsync(async ct => await registrar.RegisterAsync(guild, force: false, ct).ConfigureAwait(false), stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The bot is stopping.
        }
        catch (DiscordApiException ex)
        {
            LogRegistrationFailed(_logger, ex.Message);
        }
    }

    private async Task<Uri?> GatewayUrlAsync(DiscordOptions settings, CancellationToken stoppingToken)
    {
        if (settings.GatewayUrl is { } fixedUrl)
        {
            return fixedUrl;
        }

        var lookups = Retries.Pipeline(time, new RetryPlan(settings.ReconnectDelay, LongestGatewayRetry),
            ex => ex is DiscordApiException { Status: not (401 or 403) } or NoGatewayUrlException,
            (ex, _, _) =>
            {
                // A day without session starts is logged where it is found; a missing address, as before, not at all.
                if (ex is DiscordApiException)
                {
                    LogRegistrationFailed(_logger, ex.Message);
                }
            });
        try
        {
            return await lookups.ExecuteAsync(async ct =>
            {
                var bot = await rest.GatewayBotAsync(ct).ConfigureAwait(false);
                var limit = bot?["session_start_limit"];
                if ((int?)limit?["remaining"] == 0)
                {
                    // Identifying now would be refused (and could reset the token): wait for the daily budget.
                    var wait = TimeSpan.FromMilliseconds((double?)limit["reset_after"] ?? 60_000);
                    LogNoSessionStarts(_logger, wait.TotalMinutes);
                    throw new NoGatewayUrlException("no session starts left today", wait);
                }

                return Uri.TryCreate((string?)bot?["url"], UriKind.Absolute, out var url)
                    ? url
                    : throw new NoGatewayUrlException("GET /gateway/bot answered without a url", null);
            }, stoppingToken).ConfigureAwait(false);
        }
        catch (DiscordApiException ex)
        {
            Stopped = ex.Message;
            LogRegistrationFailed(_logger, ex.Message);
            return null;
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return null;
        }
    }

    /// <summary>GET /gateway/bot gave no address to connect to now; <see cref="RetryAfter"/> says when to ask again, if Discord said.</summary>
    private sealed class NoGatewayUrlException(string message, TimeSpan? retryAfter) : Exception(message), IRetryAfter
    {
        public TimeSpan? RetryAfter { get; } = retryAfter;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Discord: {Error}")]
    private static partial void LogRegistrationFailed(ILogger logger, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Discord: no session starts left today; waiting {Minutes:0} minutes before connecting")]
    private static partial void LogNoSessionStarts(ILogger logger, double minutes);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Discord interaction not answered: {Why}")]
    private static partial void LogUnanswerable(ILogger logger, string why);
}
