namespace Bot.Core.Chat;

/// <summary>Where a message comes from or goes to, in any platform's terms.</summary>
/// <param name="Platform">The adapter's name: <c>console</c>, <c>discord</c>, <c>matrix</c>.</param>
/// <param name="Server">Discord guild id, Matrix homeserver of the room, or <c>local</c>.</param>
/// <param name="Channel">Discord channel id, Matrix room id, or the console's channel name.</param>
public sealed record ChatAddress(string Platform, string Server, string Channel)
{
    /// <summary>A stable single-string key for storage (<c>discord/123/456</c>).</summary>
    public string Key => $"{Platform}/{Server}/{Channel}";

    /// <inheritdoc />
    public override string ToString() => Key;
}
