namespace Bot.Matrix;

/// <summary>An error answer from the homeserver, with its errcode.</summary>
internal sealed class MatrixException(int status, string errcode, string error, TimeSpan? retryAfter = null)
    : Exception($"{status} {errcode}: {error}")
{
    public int Status { get; } = status;

    public string ErrorCode { get; } = errcode;

    public TimeSpan? RetryAfter { get; } = retryAfter;

    public bool IsTransient => Status >= 500 || Status == 429;
}
