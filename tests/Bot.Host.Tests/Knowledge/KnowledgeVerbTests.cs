using System.Text.Json;
using Bot.Host.Tests.Support;

namespace Bot.Host.Tests.Knowledge;

public sealed class KnowledgeVerbTests : IDisposable
{
    private readonly BotRun _bot = new();

    public void Dispose() => _bot.Dispose();

    private string BrokenCorpus()
    {
        var dir = Directory.CreateDirectory(Path.Combine(_bot.DataDirectory.FullName, "faq"));
        File.Copy(Path.Combine(AppContext.BaseDirectory, "knowledge", "faq", "openela.md"), Path.Combine(dir.FullName, "openela.md"));
        File.WriteAllText(Path.Combine(dir.FullName, "broken.md"), "---\nid: broken\ntitle: Broken\nquestions: [a, b]\ntags: [x]\nsources:\n  - ftp://example.org/\n---\nBody.\n");
        return dir.FullName;
    }

    [Fact]
    public async Task Validate_ShippedCorpus_PassesWithExitZero()
    {
        var (code, output, error) = await _bot.RunAsync("", null, "knowledge", "validate");

        Assert.Equal(0, code);
        Assert.Equal("", error);
        Assert.Matches(@": (1\d\d|[4-9]\d) valid entries, 0 problems", output);
    }

    [Fact]
    public async Task Validate_BrokenFile_NamesFileAndLineAndExitsOne()
    {
        var (code, output, error) = await _bot.RunAsync("", null, "knowledge", "validate", "--dir", BrokenCorpus());

        Assert.Equal(1, code);
        Assert.Equal("broken.md:7: source 'ftp://example.org/' is not an absolute https URL", error.Trim());
        Assert.EndsWith("1 valid entry, 1 problem", output.Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Chat_BrokenCorpusFile_StartsWithoutItAndSaysWhichInAbout()
    {
        var (code, output, _) = await _bot.ChatAsync("/about\n/faq\n", null, $"Knowledge:CorpusDirectory={BrokenCorpus()}");

        Assert.Equal(0, code);
        Assert.Contains("skipped `broken.md:7: source 'ftp://example.org/' is not an absolute https URL`", output, StringComparison.Ordinal);
        Assert.Contains("FAQ: 1 entries", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Chat_AskExplainAndFaq_AnswerFromTheCorpus()
    {
        var (_, output, _) = await _bot.ChatAsync("/ask what is kabi?\n/explain openela\n/faq rocky-vs-lama\n/ask\n");

        Assert.Contains("kABI and third-party kernel modules\n", output, StringComparison.Ordinal);
        Assert.Contains("OpenELA, the Open Enterprise Linux Association\n", output, StringComparison.Ordinal);
        Assert.Contains("! There is no FAQ entry `rocky-vs-lama`. Did you mean `/faq rocky-vs-alma`?", output, StringComparison.Ordinal);
        Assert.Contains("! `/ask` needs question, e.g. `/ask what does ABI compatible mean?`", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Explain_UnknownTopic_ListsTheChoices()
    {
        var (_, output, _) = await _bot.ChatAsync("/explain quantum\n");

        Assert.StartsWith("! `topic` takes one of ", output, StringComparison.Ordinal);
        Assert.Contains("one-to-one-vs-abi", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AskJson_QuestionsFromStandardInput_OneObjectPerLineWithTheModel()
    {
        var environment = new Dictionary<string, string> { ["Knowledge__Embeddings"] = "true" };

        var (code, output, _) = await BotProcess.RunAsync(
            "what does ABI compatible mean?\n\nhow do I bake bread\n", environment, "ask", "--json", "--data-dir", _bot.DataDirectory.FullName);

        Assert.Equal(0, code);
        var lines = output.Trim().Split('\n');
        Assert.Equal(2, lines.Length);
        using var first = JsonDocument.Parse(lines[0]);
        Assert.True(first.RootElement.GetProperty("answered").GetBoolean());
        Assert.Equal("abi-compatibility", first.RootElement.GetProperty("entry").GetString());
        Assert.StartsWith("https://", first.RootElement.GetProperty("sources")[0].GetString(), StringComparison.Ordinal);
        Assert.InRange(first.RootElement.GetProperty("score").GetDouble(), 0.4, 1.0);
        using var second = JsonDocument.Parse(lines[1]);
        Assert.False(second.RootElement.GetProperty("answered").GetBoolean());
        Assert.Equal(JsonValueKind.Null, second.RootElement.GetProperty("entry").ValueKind);
        Assert.True(File.Exists(Path.Combine(_bot.DataDirectory.FullName, "knowledge", "embeddings.bin")));
    }

    [Fact]
    public async Task Ask_OneQuestion_PrintsTheRenderedAnswer()
    {
        var (code, output, _) = await _bot.RunAsync("", null, "ask", "who", "founded", "OpenELA?");

        Assert.Equal(0, code);
        Assert.StartsWith("OpenELA, the Open Enterprise Linux Association\n---", output, StringComparison.Ordinal);
        Assert.Contains("Sources:\n  https://openela.org/news/hello_world/", output, StringComparison.Ordinal);
    }
}
