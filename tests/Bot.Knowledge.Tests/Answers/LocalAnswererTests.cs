using Bot.Knowledge.Answers;
using Bot.Knowledge.Tests.Support;

namespace Bot.Knowledge.Tests.Answers;

[Collection(ShippedKnowledgeCollection.Name)]
public sealed class LocalAnswererTests(ShippedKnowledge knowledge)
{
    [Fact]
    public async Task Ask_AbiQuestion_GivesTheSourcedEntry()
    {
        var answer = await knowledge.Ask().AskAsync("what does ABI compatible mean?", default);

        Assert.True(answer.Answered);
        Assert.Equal("abi-compatibility", answer.EntryId);
        Assert.NotEmpty(answer.Sources);
        Assert.All(answer.Sources, s => Assert.Equal("https", s.Scheme));
    }

    [Fact]
    public async Task Ask_EveryEntryAnswer_FitsAChatMessage()
    {
        foreach (var entry in knowledge.Corpus.Entries)
        {
            var answer = await knowledge.Ask().AskAsync(entry.Questions[0], default);
            var reply = AnswerReplies.ToReply(answer);
            var length = (reply.Title?.Length ?? 0) + reply.Text.Length + reply.Fields.Sum(f => f.Name.Length + f.Value.Length + 2);

            Assert.True(length <= 1500, $"{entry.Id}: {length} characters");
        }
    }

    [Fact]
    public async Task Ask_OffTopic_DeclinesWithNearestTopics()
    {
        var answer = await knowledge.Ask().AskAsync("what's a good recipe for lasagna", default);

        Assert.False(answer.Answered);
        Assert.Null(answer.EntryId);
        Assert.Equal(3, answer.Nearest.Count);
        Assert.Contains("`/faq ", answer.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \u0000 ")]
    public async Task Ask_Empty_GivesAUsageHint(string question)
    {
        var answer = await knowledge.Ask().AskAsync(question, default);

        Assert.True(answer.IsUsageProblem);
        Assert.Equal("Ask a question, e.g. `/ask what does ABI compatible mean?`", answer.Text);
    }

    [Fact]
    public async Task Ask_Over4000Characters_IsRefusedPolitely()
    {
        var answer = await knowledge.Ask().AskAsync("abi " + new string('x', 4000), default);

        Assert.True(answer.IsUsageProblem);
        Assert.StartsWith("That question is 4,004 characters long; I take at most 4,000.", answer.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("How do I set a static IP with nmcli on AlmaLinux 9?")]
    [InlineData("why did enabling FIPS mode break my old ssh rsa keys")]
    public async Task Ask_NearMissOfTheCorpus_IsDeclinedWithNearestTopicsAndWhatIsCovered(string question)
    {
        var answer = await knowledge.Ask().AskAsync(question, default);

        Assert.False(answer.Answered);
        Assert.StartsWith("I don't know that one; nearest topics:", answer.Text, StringComparison.Ordinal);
        Assert.EndsWith(LocalAnswerer.Covered, answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ask_CoveredSubjectInChatWording_IsAnsweredByItsEntry()
    {
        var answer = await knowledge.Ask().AskAsync("how do I turn on EPEL on my Rocky 9 server", default);

        Assert.True(answer.Answered);
        Assert.Equal("epel-repository", answer.EntryId);
    }

    [Theory]
    [InlineData("Что такое совместимость ABI с RHEL?")]
    [InlineData("RHEL 互換とはどういう意味ですか")]
    [InlineData("Wie backe ich einen Kuchen?")]
    public async Task Ask_OtherLanguage_AnswersOnlyWhenConfidentAndOnTopic(string question)
    {
        var answer = await knowledge.Ask().AskAsync(question, default);

        // Words the corpus has never seen make the subject check decline unless the match is sure.
        Assert.True(!answer.Answered || answer.Score >= knowledge.Options.AnswerThreshold);
        if (answer.Answered)
        {
            Assert.NotEmpty(answer.Sources);
        }
    }

    [Fact]
    public void Fit_LongFirstParagraph_IsCutAtASentenceWithAnEllipsis()
    {
        var text = LocalAnswerer.Fit(["One sentence here. Another sentence that is long enough to pass the limit."], 40);

        Assert.Equal("One sentence here.…", text);
    }
}
