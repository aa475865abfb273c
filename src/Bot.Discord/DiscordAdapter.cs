using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Bot.Core.Chat;
using Bot.Core.Replies;
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

    /// <summary>Discord was unreachable (0), busy (429) or failing (5xx): worth another try later.</summary>
    private static bool Transient(DiscordApiException ex) => ex.Status is 0 or 429 or >= 500;

    private async Task RegisterLaterAsync(string? guild, CancellationToken stoppingToken)
    {
        var delay = options.Value.ReconnectDelay;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(delay, time, stoppingToken).ConfigureAwait(false);
                await registrar.RegisterAsync(guild, force: false, stoppingToken).ConfigureAwait(false);
                return;
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (DiscordApiException ex)
            {
                LogRegistrationFailed(_logger, ex.Message);
                if (!Transient(ex))
                {
                    return;
                }

                delay = Backoff.Double(delay, TimeSpan.FromMinutes(30));
            }
        }
    }

    private async Task<Uri?> GatewayUrlAsync(DiscordOptions settings, CancellationToken stoppingToken)
    {
        if (settings.GatewayUrl is { } fixedUrl)
        {
            return fixedUrl;
        }

        var delay = settings.ReconnectDelay;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var bot = await rest.GatewayBotAsync(stoppingToken).ConfigureAwait(false);
                var limit = bot?["session_start_limit"];
                if ((int?)limit?["remaining"] == 0)
                {
                    // Identifying now would be refused (and could reset the token): wait for the daily budget.
                    var wait = TimeSpan.FromMilliseconds((double?)limit["reset_after"] ?? 60_000);
                    LogNoSessionStarts(_logger, wait.TotalMinutes);
                    await Task.Delay(wait, time, stoppingToken).ConfigureAwait(false);
                    continue;
                }

                if (Uri.TryCreate((string?)bot?["url"], UriKind.Absolute, out var url))
                {
                    return url;
                }
            }
            catch (DiscordApiException ex) when (ex.Status is 401 or 403)
            {
                Stopped = ex.Message;
                LogRegistrationFailed(_logger, ex.Message);
                return null;
            }
            catch (DiscordApiException ex)
            {
                LogRegistrationFailed(_logger, ex.Message);
            }

            await Task.Delay(delay, time, stoppingToken).ConfigureAwait(false);
            delay = Backoff.Double(delay, TimeSpan.FromMinutes(2));
        }

        return null;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Discord: {Error}")]
    private static partial void LogRegistrationFailed(ILogger logger, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Discord: no session starts left today; waiting {Minutes:0} minutes before connecting")]
    private static partial void LogNoSessionStarts(ILogger logger, double minutes);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Discord interaction not answered: {Why}")]
    private static partial void LogUnanswerable(ILogger logger, string why);
}
