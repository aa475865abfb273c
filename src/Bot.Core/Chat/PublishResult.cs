namespace Bot.Core.Chat;

/// <summary>The outcome of one post through <see cref="IChatPublisher"/>.</summary>
/// <param name="Posted">Whether the platform accepted the post.</param>
/// <param name="MessageId">The platform's id of the posted message, if any.</param>
/// <param name="Error">Why the post failed, in words for a log or a moderator.</param>
public sealed record PublishResult(bool Posted, string? MessageId, string? Error)
{
    /// <summary>
    /// Whether the platform refused the post for good (no access to the channel, the channel is
    /// gone): trying again cannot help, so what feeds that channel pauses instead.
    /// </summary>
    public bool Permanent { get; init; }

    /// <summary>A successful post.</summary>
    public static PublishResult Ok(string? messageId) => new(true, messageId, null);

    /// <summary>A failed post.</summary>
    public static PublishResult Failed(string error) => new(false, null, error);

    /// <summary>A post the platform refused for good (see <see cref="Permanent"/>).</summary>
    public static PublishResult Refused(string error) => new(false, null, error) { Permanent = true };
}
