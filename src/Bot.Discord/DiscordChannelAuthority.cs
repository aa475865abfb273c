using Bot.Core.Chat;
using Bot.Discord.Rest;

namespace Bot.Discord;

/// <summary>
/// On Discord a caller may post into another channel of the guild the interaction came from: the
/// caller's moderator flag was computed from their permissions in that guild, so the same guild means
/// the same authority. The channel's guild is asked of Discord (GET channels/{id}) rather than taken
/// from the interaction's resolved data, which the bot cannot tell from a typed-in id.
/// </summary>
internal sealed class DiscordChannelAuthority(DiscordRest rest) : IChannelAuthority
{
    /// <summary>Snowflakes are unsigned 64-bit integers: at most 20 digits.</summary>
    private const int MaxSnowflakeDigits = 20;

    public string Platform => PlatformNames.Discord;

    public async ValueTask<TargetVerdict> CheckTargetAsync(ChatAddress from, ChatAddress target, Caller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(caller);
        if (!caller.IsModerator)
        {
            return TargetVerdict.Refuse("You are not a moderator in this server.");
        }

        // Only a snowflake goes into the request path; a channel name or anything else never reaches Discord.
        if (!IsSnowflake(target.Channel) || !IsSnowflake(from.Server))
        {
            return TargetVerdict.Refuse("That channel is not in this server; pick it from the list or mention it as #channel.");
        }

        string? guild;
        try
        {
            guild = (string?)(await rest.GetChannelAsync(target.Channel, cancellationToken).ConfigureAwait(false))?["guild_id"];
        }
        catch (DiscordApiException)
        {
            // 404 for an unknown channel, 403 for one of a guild the bot is not in: neither is said apart.
            return TargetVerdict.Refuse(TargetVerdict.CouldNotCheck);
        }

        return guild == from.Server ? TargetVerdict.Allow : TargetVerdict.Refuse("That channel is not in this server.");
    }

    private static bool IsSnowflake(string id) => id.Length is > 0 and <= MaxSnowflakeDigits && id.All(char.IsAsciiDigit);
}
