namespace Bot.Matrix;

/// <summary>
/// The <c>errcode</c> values the bot acts on (Client-Server API, "Standard error response"), and the
/// two it gives its own failures that never reached a homeserver's answer.
/// </summary>
internal static class MatrixErrorCode
{
    public const string Forbidden = "M_FORBIDDEN";
    public const string NotFound = "M_NOT_FOUND";
    public const string UnknownToken = "M_UNKNOWN_TOKEN";

    /// <summary>Ours: the request did not reach the homeserver, or its answer did not arrive.</summary>
    public const string Network = "M_NETWORK";

    /// <summary>Ours: the homeserver answered with JSON that lacks a field the spec requires.</summary>
    public const string BadResponse = "M_BAD_RESPONSE";
}
