namespace Bot.Knowledge;

/// <summary>Asks the knowledge module a question outside chat (the <c>bot ask</c> verb).</summary>
public interface IKnowledgeAsker
{
    /// <summary>Answers, declines, or explains why the question cannot be used.</summary>
    Task<AskResult> AskAsync(string? question, CancellationToken cancellationToken);
}
