namespace Bot.Core.Chat;

/// <summary>The person behind an invocation, as the platform vouches for them.</summary>
/// <param name="Id">The platform's stable user id.</param>
/// <param name="DisplayName">A name to show in replies and leaderboards.</param>
/// <param name="IsModerator">Whether the platform's own permissions make this person a moderator here.</param>
public sealed record Caller(string Id, string DisplayName, bool IsModerator)
{
    /// <summary>The person who runs the bot, at its console: not subject to the per-person rate limits.</summary>
    public bool IsOperator { get; init; }
}
