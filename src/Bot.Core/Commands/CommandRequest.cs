using Bot.Core.Chat;

namespace Bot.Core.Commands;

/// <summary>
/// A command as an adapter received it, before validation: option values are still text
/// (Discord's typed values are passed in their invariant text form).
/// </summary>
/// <param name="Command">The command name as typed, without prefix.</param>
/// <param name="Caller">Who ran it.</param>
/// <param name="Place">Where.</param>
public sealed record CommandRequest(string Command, Caller Caller, ChatAddress Place)
{
    /// <summary>The subcommand name, if one was given.</summary>
    public string? Subcommand { get; init; }

    /// <summary>Option values by option name, as text.</summary>
    public IReadOnlyDictionary<string, string> Options { get; init; } = new Dictionary<string, string>();

    /// <summary>The caller's locale (BCP 47), where the platform tells it.</summary>
    public string Locale { get; init; } = "en";
}
