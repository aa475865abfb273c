namespace Bot.Knowledge.Corpus;

/// <summary>Loads every <c>*.md</c> entry of a directory; a broken file is skipped and reported, never fatal.</summary>
internal static class CorpusLoader
{
    public static FaqCorpus Load(string directory)
    {
        if (!Directory.Exists(directory))
        {
            return new FaqCorpus([], [new CorpusProblem(directory, 0, "the corpus directory does not exist")], directory);
        }

        var entries = new List<FaqEntry>();
        var problems = new List<CorpusProblem>();
        var seen = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var file in Directory.EnumerateFiles(directory, "*.md").Order(StringComparer.Ordinal))
        {
            var (entry, fileProblems) = FaqFileParser.Parse(file, File.ReadAllText(file));
            problems.AddRange(fileProblems);
            if (entry is null)
            {
                continue;
            }

            if (seen.TryGetValue(entry.Id, out var first))
            {
                problems.Add(new CorpusProblem(entry.File, 2, $"id '{entry.Id}' is already used by {first}"));
                continue;
            }

            seen[entry.Id] = entry.File;
            entries.Add(entry);
        }

        return new FaqCorpus(entries, problems, directory);
    }
}
