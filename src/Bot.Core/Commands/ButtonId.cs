namespace Bot.Core.Commands;

/// <summary>
/// A button's id as every platform carries it: the command that handles the press, then that
/// command's own parts, joined by colons (<c>quiz:ab12cd:3:B</c>). The router reads the command;
/// the command's own button type reads the parts. Discord allows 100 characters.
/// </summary>
/// <param name="Command">The command whose handler gets the press.</param>
/// <param name="Parts">What the handler needs to know; none may contain the separator.</param>
public sealed record ButtonId(string Command, IReadOnlyList<string> Parts)
{
    private const char Separator = ':';

    /// <summary>The longest id Discord carries (<c>custom_id</c>).</summary>
    public const int MaxLength = 100;

    /// <summary>The id's text.</summary>
    public override string ToString()
    {
        if (Command.Contains(Separator, StringComparison.Ordinal) || Parts.Any(p => p.Contains(Separator, StringComparison.Ordinal)))
        {
            throw new InvalidOperationException($"A button id's parts may not contain '{Separator}': {Command} {string.Join(' ', Parts)}");
        }

        var text = string.Join(Separator, [Command, .. Parts]);
        return text.Length <= MaxLength ? text : throw new InvalidOperationException($"A button id has at most {MaxLength} characters: {text}");
    }

    /// <summary>Reads an id; null when it is empty.</summary>
    public static ButtonId? Parse(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        var parts = text.Split(Separator);
        return new ButtonId(parts[0], parts[1..]);
    }
}
