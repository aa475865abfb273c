using Bot.Knowledge.Tests.Support;

namespace Bot.Knowledge.Tests.Retrieval;

[Collection(ShippedKnowledgeCollection.Name)]
public sealed class SubjectGateTests(ShippedKnowledge knowledge)
{
    [Theory]
    [InlineData("how do I set a static IP with nmcli on AlmaLinux 9?", "nmcli")]
    [InlineData("how much does CIQ support for rocky cost per server", "kind of fact")]
    [InlineData("when is AlmaLinux 9.8 released", "kind of fact")]
    [InlineData("who's the current chair of the openela technical steering committee", "chair asked for")]
    [InlineData("what's the codename of almalinux 9.5", "codename asked for")]
    [InlineData("epel-next vs epel on rocky 9, which should i enable", "never mentions epel-next")]
    [InlineData("how do I become a member of the AlmaLinux foundation board", "how to become")]
    [InlineData("does ubuntu pro include fips certified packages?", "not about ubuntu")]
    [InlineData("who's the president of the resf right now", "president asked for")]
    [InlineData("is wireguard in the rocky 9 kernel", "never mentions wireguard")]
    public async Task NearMiss_IsDeclined_WithTheReason(string question, string reason)
    {
        var answer = await knowledge.Ask().AskAsync(question, default);

        Assert.False(answer.Answered);
        Assert.Contains(reason, knowledge.Index.WhyNotAbout(question, answer.Nearest[0]), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("is epel safe to enable on rocky 9", "epel-repository")]
    [InlineData("alma isn't a RHEL clone anymore, what did they announce", "almalinux-announcement")]
    [InlineData("default username and password on the alma raspberry pi image?", "raspberry-pi")]
    [InlineData("what's the codename of almalinux 10.0", "el10-lifecycle")]
    [InlineData("who's the ceo of ciq", "ciq")]
    [InlineData("what is the lifecycle of rocky linux 8", "rocky-linux-lifecycle")]
    [InlineData("how do you guys install epel on rocky 9", "epel-repository")]
    [InlineData("is almalinux available on amazon aws", "almalinux-cloud-images")]
    [InlineData("old alma 8 box hasnt been updated in ages and now dnf says the gpg key is wrong, which key do i import?", "package-signing-keys")]
    public async Task Paraphrase_InOtherWords_IsAnswered(string question, string entry)
    {
        var answer = await knowledge.Ask().AskAsync(question, default);

        Assert.True(answer.Answered, answer.Text);
        Assert.Equal(entry, answer.EntryId);
    }
}
