namespace Bot.Knowledge.Corpus;

/// <summary>One FAQ entry: front matter and answer, as written in <c>knowledge/faq/ID.md</c>.</summary>
internal sealed record FaqEntry(
    string Id,
    string Title,
    IReadOnlyList<string> Questions,
    IReadOnlyList<string> Tags,
    IReadOnlyList<Uri> Sources,
    IReadOnlyList<string> Related,
    bool IsExplanation,
    string Body,
    string File)
{
    /// <summary>The answer's paragraphs, in order.</summary>
    public IReadOnlyList<string> Paragraphs { get; } =
        [.. Body.Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
}
