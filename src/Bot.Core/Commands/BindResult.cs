namespace Bot.Core.Commands;

/// <summary>Typed options, or a message saying which option is wrong and what it takes.</summary>
/// <param name="Options">The typed values when binding worked.</param>
/// <param name="Error">The user-facing message when it did not.</param>
public sealed record BindResult(IReadOnlyDictionary<string, object>? Options, string? Error)
{
    /// <summary>Whether every option was valid.</summary>
    public bool Ok => Error is null;
}
