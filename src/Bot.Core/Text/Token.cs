namespace Bot.Core.Text;

/// <summary>One word of a typed command.</summary>
/// <param name="Value">The word with quotes removed.</param>
/// <param name="Quoted">Whether it began with a quote, so that a colon inside it names no option.</param>
public sealed record Token(string Value, bool Quoted);
