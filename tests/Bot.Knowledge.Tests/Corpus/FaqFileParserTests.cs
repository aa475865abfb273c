using Bot.Knowledge.Corpus;

namespace Bot.Knowledge.Tests.Corpus;

public sealed class FaqFileParserTests
{
    private const string Good =
        """
        ---
        id: sample-entry
        title: A sample
        kind: explanation
        questions:
          - What is a sample?
          - Why a sample?
        tags: [test]
        sources:
          - https://example.org/a
        related: [/faq other]
        ---
        First paragraph.

        Second paragraph.
        """;

    [Fact]
    public void Parse_CompleteEntry_ReadsEveryField()
    {
        var (entry, problems) = FaqFileParser.Parse("/x/sample-entry.md", Good);

        Assert.Empty(problems);
        Assert.NotNull(entry);
        Assert.Equal("sample-entry", entry.Id);
        Assert.True(entry.IsExplanation);
        Assert.Equal(["First paragraph.", "Second paragraph."], entry.Paragraphs);
        Assert.Equal(new Uri("https://example.org/a"), Assert.Single(entry.Sources));
        Assert.Equal("sample-entry.md", entry.File);
    }

    [Theory]
    [InlineData("title: A sample", "title: \"unclosed", 3, "front matter is not valid YAML")]
    [InlineData("  - https://example.org/a", "  - http://example.org/a", 10, "source 'http://example.org/a' is not an absolute https URL")]
    [InlineData("  - https://example.org/a", "  - /relative/path", 10, "is not an absolute https URL")]
    [InlineData("id: sample-entry\n", "", 2, "missing 'id'")]
    [InlineData("kind: explanation", "kind: rumour", 4, "kind 'rumour' is unknown")]
    [InlineData("tags: [test]", "tags: [test]\nauthor: me", 9, "unknown field 'author'")]
    [InlineData("  - Why a sample?\n", "", 5, "'questions' needs 2 to 14 items, has 1")]
    public void Parse_BrokenEntry_NamesTheLine(string replace, string with, int line, string message)
    {
        var (entry, problems) = FaqFileParser.Parse("/x/bad.md", Good.Replace(replace, with, StringComparison.Ordinal));

        Assert.Null(entry);
        var problem = Assert.Single(problems);
        Assert.Equal("bad.md", problem.File);
        Assert.Equal(line, problem.Line);
        Assert.Contains(message, problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_EmptyAnswer_IsAProblem()
    {
        var text = Good[..(Good.IndexOf("First", StringComparison.Ordinal))];

        var (_, problems) = FaqFileParser.Parse("e.md", text);

        Assert.Contains(problems, p => p.Message == "the answer after the front matter is empty" && p.Line == 13);
    }

    [Fact]
    public void Parse_NoFrontMatter_IsAProblemOnLineOne()
    {
        var (_, problems) = FaqFileParser.Parse("n.md", "just text");

        Assert.Equal("n.md:1: the file must start with '---' and YAML front matter", Assert.Single(problems).ToString());
    }
}
