using Bot.Knowledge.Tests.Support;

namespace Bot.Knowledge.Tests.Retrieval;

[Collection(ShippedKnowledgeCollection.Name)]
public sealed class SubjectGateTests(ShippedKnowledge knowledge)
{
    [Theory]
    [InlineData("how do I set a static IP with nmcli on AlmaLinux 9?", "nmcli")]
    [InlineData("how much does CIQ support for rocky cost per server", "kind of fact")]
    [InlineData("when is AlmaLinux 9.8 released", "kind of fact")]
    public async Task NearMiss_IsDeclined_WithTheReason(string question, string reason)
    {
        var answer = await knowledge.Ask().AskAsync(question, default);

        Assert.False(answer.Answered);
        Assert.Contains(reason, knowledge.Index.WhyNotAbout(question, answer.Nearest[0]), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("is epel safe to enable on rocky 9", "epel-repository")]
    [InlineData("alma isn't a RHEL clone anymore, what did they announce", "almalinux-announcement")]
    public async Task Paraphrase_InOtherWords_IsAnswered(string question, string entry)
    {
        var answer = await knowledge.Ask().AskAsync(question, default);

        Assert.True(answer.Answered, answer.Text);
        Assert.Equal(entry, answer.EntryId);
    }
}
