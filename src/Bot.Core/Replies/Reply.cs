namespace Bot.Core.Replies;

/// <summary>
/// A platform-neutral message. <see cref="Text"/> and field values use a small Markdown subset:
/// <c>**bold**</c>, <c>*italic*</c>, <c>`code`</c>, <c>[label](https://url)</c> and lines starting with <c>- </c>.
/// Each adapter renders it and enforces its platform's length limits.
/// </summary>
public sealed record Reply
{
    /// <summary>A short heading, if any.</summary>
    public string? Title { get; init; }

    /// <summary>The body.</summary>
    public string Text { get; init; } = "";

    /// <summary>Labelled values.</summary>
    public IReadOnlyList<ReplyField> Fields { get; init; } = [];

    /// <summary>Where the title links to.</summary>
    public ReplyLink? Link { get; init; }

    /// <summary>A small line at the end (sources, ids, times).</summary>
    public string? Footer { get; init; }

    /// <summary>Buttons to press.</summary>
    public IReadOnlyList<ReplyButton> Buttons { get; init; } = [];

    /// <summary>Shown only to the caller where the platform allows it.</summary>
    public bool Ephemeral { get; init; }

    /// <summary>
    /// Not to be posted where a post would be seen by others (Matrix, the console): the answer to a
    /// person who keeps going past their rate limit. Discord, which must answer an interaction,
    /// shows it to the caller alone.
    /// </summary>
    public bool Silent { get; init; }

    /// <summary>How the reply should feel.</summary>
    public Tone Tone { get; init; } = Tone.Info;

    /// <summary>A plain answer.</summary>
    public static Reply Say(string text) => new() { Text = text };

    /// <summary>A message about the user's request that could not be done as asked; shown only to them.</summary>
    public static Reply Problem(string text) => new() { Text = text, Tone = Tone.Problem, Ephemeral = true };

    /// <summary>A confirmation for the caller alone (an answer recorded), not for the channel.</summary>
    public static Reply Private(string text, Tone tone = Tone.Info) => new() { Text = text, Tone = tone, Ephemeral = true };
}
