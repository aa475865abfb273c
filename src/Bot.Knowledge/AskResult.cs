using Bot.Core.Replies;

namespace Bot.Knowledge;

/// <summary>An answer as the host's <c>bot ask</c> verb prints it (and its JSON form).</summary>
/// <param name="Answered">Whether the bot answered rather than declined.</param>
/// <param name="Answer">The answer or decline text.</param>
/// <param name="Sources">Absolute URLs of the public sources.</param>
/// <param name="Entry">The FAQ entry id, if answered from one.</param>
/// <param name="Score">Retrieval confidence of the best entry, 0-1.</param>
/// <param name="Reply">The same answer as a chat reply.</param>
public sealed record AskResult(bool Answered, string Answer, IReadOnlyList<string> Sources, string? Entry, double Score, Reply Reply);
