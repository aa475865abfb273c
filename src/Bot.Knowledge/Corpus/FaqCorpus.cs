namespace Bot.Knowledge.Corpus;

/// <summary>The loaded entries, and the files that were skipped with why.</summary>
internal sealed class FaqCorpus(IReadOnlyList<FaqEntry> entries, IReadOnlyList<CorpusProblem> problems, string directory)
{
    private readonly Dictionary<string, FaqEntry> _byId = entries.ToDictionary(e => e.Id, StringComparer.OrdinalIgnoreCase);

    public IReadOnlyList<FaqEntry> Entries { get; } = entries;

    public IReadOnlyList<CorpusProblem> Problems { get; } = problems;

    public string Directory { get; } = directory;

    public FaqEntry? Find(string id) => _byId.GetValueOrDefault(id);

    public IReadOnlyList<FaqEntry> Explanations => [.. Entries.Where(e => e.IsExplanation)];
}
