namespace Bot.Discord.Rest;

/// <summary>Discord refused a request for good (not retried): the status, Discord's error code and its words.</summary>
public sealed class DiscordApiException : Exception
{
    public DiscordApiException()
    {
    }

    public DiscordApiException(string message)
        : base(message)
    {
    }

    public DiscordApiException(string message, Exception inner)
        : base(message, inner)
    {
    }

    public DiscordApiException(int status, int? code, string message)
        : base(message)
    {
        Status = status;
        Code = code;
    }

    /// <summary>The HTTP status; 0 when no answer came (the invalid-request guard, exhausted retries).</summary>
    public int Status { get; }

    /// <summary>Discord's JSON error code (10008 unknown message, 50001 missing access, ...).</summary>
    public int? Code { get; }
}
