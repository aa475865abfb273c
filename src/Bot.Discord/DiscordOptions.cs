using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;

namespace Bot.Discord;

/// <summary>How Discord delivers interactions to the bot.</summary>
public enum DiscordMode
{
    /// <summary>A gateway WebSocket the bot opens (no public address needed).</summary>
    Gateway,

    /// <summary>Discord POSTs signed interactions to the bot's <c>/interactions</c> endpoint.</summary>
    Http,
}

/// <summary>Settings of the Discord adapter (section <c>Discord</c>); the adapter runs when a token is set.</summary>
public sealed partial class DiscordOptions : IValidatableObject
{
    public const string Section = "Discord";

    /// <summary>A secret: the bot token (environment <c>Discord__Token</c>). Or <see cref="TokenFile"/>.</summary>
    public string? Token { get; set; }

    /// <summary>A file holding the bot token (a Docker or systemd secret), read at start.</summary>
    public string? TokenFile { get; set; }

    /// <summary>The application id (Developer Portal, General Information).</summary>
    public string? ApplicationId { get; set; }

    /// <summary>The application's Ed25519 public key, hex; needed in http mode.</summary>
    public string? PublicKey { get; set; }

    /// <summary>gateway (default) or http.</summary>
    public DiscordMode Mode { get; set; } = DiscordMode.Gateway;

    /// <summary>The REST base, API v10.</summary>
    [Required]
    public Uri ApiBaseUrl { get; set; } = new("https://discord.com/api/v10");

    /// <summary>Overrides the gateway address that GET /gateway/bot returns (tests, proxies).</summary>
    public Uri? GatewayUrl { get; set; }

    /// <summary>Registers commands in this guild only (instant, for testing) instead of globally.</summary>
    public string? GuildId { get; set; }

    /// <summary>Bulk-overwrites the commands at start when the catalog changed since the last registration.</summary>
    public bool RegisterOnStart { get; set; } = true;

    /// <summary>This process's shard (0-based), with <see cref="ShardCount"/>.</summary>
    [Range(0, 65_535)]
    public int ShardId { get; set; }

    /// <summary>How many shards the bot runs in all; 1 for a community bot.</summary>
    [Range(1, 65_536)]
    public int ShardCount { get; set; } = 1;

    /// <summary>Requests per second the bot allows itself in all (Discord's global limit is 50).</summary>
    [Range(1, 10_000)]
    public int GlobalRateLimit { get; set; } = 50;

    /// <summary>
    /// Stop sending for the rest of a 10-minute window after this many 401/403/429 answers; Discord
    /// bans an address at 10,000, so this stays far below.
    /// </summary>
    [Range(10, 5_000)]
    public int InvalidRequestLimit { get; set; } = 1_000;

    /// <summary>Answer inline when the command is done within this time, else defer (Discord allows 3 s).</summary>
    public TimeSpan InlineAnswerWindow { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The least time between two Identify sends of one rate-limit bucket (Discord: 5 s).</summary>
    public TimeSpan IdentifyInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The first wait before reconnecting (or registering again) after a failure; doubled each time, with jitter.</summary>
    public TimeSpan ReconnectDelay { get; set; } = TimeSpan.FromSeconds(1);

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Token) || !string.IsNullOrWhiteSpace(TokenFile);

    /// <summary>The token from <see cref="Token"/> or <see cref="TokenFile"/>.</summary>
    public string ResolveToken() =>
        !string.IsNullOrWhiteSpace(Token) ? Token.Trim()
        : !string.IsNullOrWhiteSpace(TokenFile) ? File.ReadAllText(TokenFile).Trim()
        : throw new InvalidOperationException("Discord:Token is not set.");

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!ApiBaseUrl.IsAbsoluteUri || ApiBaseUrl.Scheme is not ("https" or "http"))
        {
            yield return new ValidationResult("must be an absolute https URL", [nameof(ApiBaseUrl)]);
        }

        if (!IsConfigured)
        {
            yield break;
        }

        if (!string.IsNullOrWhiteSpace(TokenFile) && !File.Exists(TokenFile))
        {
            yield return new ValidationResult("names a file that does not exist", [nameof(TokenFile)]);
        }

        if (string.IsNullOrWhiteSpace(ApplicationId) || !Snowflake().IsMatch(ApplicationId))
        {
            yield return new ValidationResult("must be the application id, a number (Developer Portal, General Information)", [nameof(ApplicationId)]);
        }

        if (GuildId is { Length: > 0 } && !Snowflake().IsMatch(GuildId))
        {
            yield return new ValidationResult("must be a guild id, a number", [nameof(GuildId)]);
        }

        if (Mode == DiscordMode.Http && (PublicKey is null || !HexKey().IsMatch(PublicKey)))
        {
            yield return new ValidationResult("http mode needs the application's public key: 64 hex digits", [nameof(PublicKey)]);
        }

        if (ShardId >= ShardCount)
        {
            yield return new ValidationResult($"must be below Discord:ShardCount ({ShardCount})", [nameof(ShardId)]);
        }

        if (InlineAnswerWindow <= TimeSpan.Zero || InlineAnswerWindow > TimeSpan.FromSeconds(2.5))
        {
            yield return new ValidationResult("must be above zero and at most 00:00:02.5 (Discord allows 3 s in all)", [nameof(InlineAnswerWindow)]);
        }
    }

    [GeneratedRegex("^[0-9]{1,20}$")]
    private static partial Regex Snowflake();

    [GeneratedRegex("^[0-9a-fA-F]{64}$")]
    private static partial Regex HexKey();
}
