namespace Bot.Core.Chat;

/// <summary>The outcome of one post through <see cref="IChatPublisher"/>.</summary>
/// <param name="Posted">Whether the platform accepted the post.</param>
/// <param name="MessageId">The platform's id of the posted message, if any.</param>
/// <param name="Error">Why the post failed, in words for a log or a moderator.</param>
public sealed record PublishResult(bool Posted, string? MessageId, string? Error)
{
    /// <summary>A successful post.</summary>
    public static PublishResult Ok(string? messageId) => new(true, messageId, null);

    /// <summary>A failed post.</summary>
    public static PublishResult Failed(string error) => new(false, null, error);
}
