using System.Net;
using Bot.Core.Resilience;

namespace Bot.Matrix;

/// <summary>An error answer from the homeserver, with its errcode.</summary>
internal sealed class MatrixException(int status, string errcode, string error, TimeSpan? retryAfter = null)
    : Exception($"{status} {errcode}: {error}"), IRetryAfter
{
    public int Status { get; } = status;

    public string ErrorCode { get; } = errcode;

    /// <summary>The homeserver's retry_after_ms (M_LIMIT_EXCEEDED), which the adapter's retries wait out.</summary>
    public TimeSpan? RetryAfter { get; } = retryAfter;

    public bool IsTransient => Status >= 500 || Status == 429;

    /// <summary>The room refuses the bot for good: it may not post there (M_FORBIDDEN) or the room is unknown (M_NOT_FOUND).</summary>
    public bool IsPermanentForRoom => ErrorCode is MatrixErrorCode.Forbidden or MatrixErrorCode.NotFound || Status is (int)HttpStatusCode.Forbidden or (int)HttpStatusCode.NotFound;
}
