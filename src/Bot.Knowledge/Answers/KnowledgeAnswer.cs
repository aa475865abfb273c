using Bot.Knowledge.Retrieval;

namespace Bot.Knowledge.Answers;

/// <summary>What /ask, <c>bot ask</c> and the JSON output show.</summary>
/// <param name="Answered">Whether an answer is given (false: declined, or the question was unusable).</param>
/// <param name="Title">The answering entry's title.</param>
/// <param name="Text">The answer, or the decline with nearest topics, in the replies' Markdown subset.</param>
/// <param name="Sources">The public sources the answer rests on.</param>
/// <param name="EntryId">The answering entry's id.</param>
/// <param name="Score">The retrieval confidence of the best entry, 0-1.</param>
internal sealed record KnowledgeAnswer(bool Answered, string? Title, string Text, IReadOnlyList<Uri> Sources, string? EntryId, double Score)
{
    /// <summary>Commands that go further (from the entry's <c>related</c>).</summary>
    public IReadOnlyList<string> Related { get; init; } = [];

    /// <summary>Whether a language model composed the text from the passages.</summary>
    public bool ComposedByModel { get; init; }

    /// <summary>The nearest entries when declined.</summary>
    public IReadOnlyList<SearchHit> Nearest { get; init; } = [];

    /// <summary>Whether the question itself was unusable (empty, too long): a usage problem, not a decline.</summary>
    public bool IsUsageProblem { get; init; }
}
