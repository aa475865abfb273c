using Bot.Core.Commands;

namespace Bot.Core.Text;

/// <summary>What the parser made of a line: a command request, an error to show, or not a command at all.</summary>
/// <param name="Request">The request, when the line is a command.</param>
/// <param name="Error">What is wrong with the line, with an example.</param>
public sealed record ParsedLine(CommandRequest? Request, string? Error)
{
    /// <summary>The line does not start with a command prefix; adapters usually ignore it.</summary>
    public static ParsedLine NotACommand { get; } = new(null, null);

    /// <summary>Whether the line was a command at all.</summary>
    public bool IsCommand => Request is not null || Error is not null;
}
