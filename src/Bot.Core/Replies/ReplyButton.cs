namespace Bot.Core.Replies;

/// <summary>A button under a reply. Pressing it comes back as a component invocation with <paramref name="Id"/>.</summary>
/// <param name="Id">
/// <c>command:payload</c>, at most 100 characters: the router sends the press to the handler of <c>command</c>.
/// </param>
/// <param name="Label">The text on the button.</param>
public sealed record ReplyButton(string Id, string Label);
