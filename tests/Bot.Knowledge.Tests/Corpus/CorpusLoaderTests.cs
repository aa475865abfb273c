using Bot.Knowledge.Corpus;
using Bot.Knowledge.Tests.Support;

namespace Bot.Knowledge.Tests.Corpus;

public sealed class CorpusLoaderTests
{
    [Fact]
    public void ShippedCorpus_HasAtLeast30ValidEntriesAndNoProblems()
    {
        var corpus = CorpusLoader.Load(RepoPaths.FaqDirectory);

        Assert.Empty(corpus.Problems);
        Assert.True(corpus.Entries.Count >= 30, $"{corpus.Entries.Count} entries");
        Assert.All(corpus.Entries, e => Assert.Equal(e.Id + ".md", e.File));
        Assert.True(corpus.Explanations.Count is >= 6 and <= 25);
    }

    [Fact]
    public void ShippedCorpus_CoversTheTopicsTheIssueNames()
    {
        var corpus = CorpusLoader.Load(RepoPaths.FaqDirectory);
        string[] topics =
        [
            "almalinux-announcement", "why-almalinux-changed", "one-to-one-vs-abi", "bug-for-bug", "abi-compatibility", "api-vs-abi",
            "kabi-kernel-modules", "what-changes-for-users", "rhel-software-runs", "vendor-certification", "almalinux-own-fixes",
            "almalinux-release-suffix", "almalinux-10-x86-64-v2", "almalinux-sources", "upstream-contributions", "rocky-linux-response",
            "oracle-linux-response", "openela", "centos-stream", "centos-linux-end", "migrate-almalinux-deploy", "elevate",
            "el8-lifecycle", "el9-lifecycle", "el10-lifecycle", "compare-packages", "check-cve", "article-prediction",
        ];

        Assert.All(topics, t => Assert.NotNull(corpus.Find(t)));
    }

    [Fact]
    public void Load_DuplicateIdAndBrokenFile_SkipsThemAndKeepsTheRest()
    {
        var dir = Directory.CreateTempSubdirectory("bot-corpus-");
        try
        {
            var good = File.ReadAllText(Path.Combine(RepoPaths.FaqDirectory, "openela.md"));
            File.WriteAllText(Path.Combine(dir.FullName, "a.md"), good);
            File.WriteAllText(Path.Combine(dir.FullName, "b.md"), good);
            File.WriteAllText(Path.Combine(dir.FullName, "c.md"), "---\nid: [broken\n---\ntext");

            var corpus = CorpusLoader.Load(dir.FullName);

            Assert.Single(corpus.Entries);
            Assert.Equal(2, corpus.Problems.Count);
            Assert.Contains(corpus.Problems, p => p.File == "b.md" && p.Message == "id 'openela' is already used by a.md");
            Assert.Contains(corpus.Problems, p => p.File == "c.md" && p.Line == 3 && p.Message.StartsWith("front matter is not valid YAML", StringComparison.Ordinal));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
