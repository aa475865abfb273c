namespace Bot.Core.Replies;

/// <summary>How a reply should feel; platforms may colour it (Discord embed colour).</summary>
public enum Tone
{
    /// <summary>An ordinary answer.</summary>
    Info,

    /// <summary>Something worked.</summary>
    Success,

    /// <summary>The user asked for something that cannot be done as asked (bad option, not found, no permission).</summary>
    Problem,

    /// <summary>The bot failed; the text apologises and carries a correlation id.</summary>
    Failure,
}
