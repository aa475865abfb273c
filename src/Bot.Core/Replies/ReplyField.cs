namespace Bot.Core.Replies;

/// <summary>A labelled value shown beside or below the text (Discord embed field).</summary>
/// <param name="Name">The label.</param>
/// <param name="Value">The value, in the same Markdown subset as the reply's text.</param>
/// <param name="Inline">Whether the field may sit beside others.</param>
public sealed record ReplyField(string Name, string Value, bool Inline = false);
