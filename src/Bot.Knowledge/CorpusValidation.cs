using Bot.Knowledge.Corpus;

namespace Bot.Knowledge;

/// <summary><c>bot knowledge validate</c>: every problem of a corpus directory, as <c>file:line: message</c>.</summary>
public static class CorpusValidation
{
    /// <summary>The corpus shipped next to the executable.</summary>
    public static string DefaultDirectory => new KnowledgeOptions().ResolveCorpusDirectory();

    /// <summary>Checks front matter, ids, sources and answers; returns the entry count and the problems.</summary>
    public static (int Entries, IReadOnlyList<string> Problems) Validate(string directory)
    {
        var corpus = CorpusLoader.Load(directory);
        return (corpus.Entries.Count, [.. corpus.Problems.Select(p => p.ToString())]);
    }
}
