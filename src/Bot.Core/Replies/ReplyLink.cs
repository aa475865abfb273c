namespace Bot.Core.Replies;

/// <summary>The link that a reply's title points to.</summary>
/// <param name="Url">An absolute http(s) URL.</param>
/// <param name="Label">Text for platforms that show the link apart from the title.</param>
public sealed record ReplyLink(Uri Url, string? Label = null);
