namespace Bot.Core.Chat;

/// <summary>Whether a caller may have the bot post into another channel, and if not, why in words for them.</summary>
/// <param name="Allowed">Whether the post may go ahead.</param>
/// <param name="Reason">Why not, for the caller; null when allowed.</param>
public sealed record TargetVerdict(bool Allowed, string? Reason)
{
    /// <summary>The refusal when a lookup failed: it says nothing about the channel, which may not exist or not be ours to see.</summary>
    public const string CouldNotCheck = "I could not check that channel, so nothing was posted; try again later or give a channel of this server.";

    /// <summary>The post may go ahead.</summary>
    public static TargetVerdict Allow { get; } = new(true, null);

    /// <summary>The post is refused for <paramref name="reason"/>.</summary>
    public static TargetVerdict Refuse(string reason) => new(false, reason);
}
