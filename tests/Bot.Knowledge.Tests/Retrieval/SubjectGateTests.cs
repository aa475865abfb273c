using Bot.Knowledge.Retrieval;
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
    [InlineData("is amazon linux 2023 based on rhel", "not about amazon linux")]
    [InlineData("is kerneld still a thing on alma 9", "never mentions kerneld")]
    [InlineData("what's the maximum ram rocky linux 9 supports", "which the question is about")]
    public async Task NearMiss_IsDeclined_WithTheReason(string question, string reason)
    {
        var answer = await knowledge.Ask().AskAsync(question, default);

        Assert.False(answer.Answered);
        Assert.Contains(reason, await knowledge.Index.WhyNotAboutAsync(question, answer.Nearest[0], default), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("rhel 10 els end date", "rhel7-els", "about release 7, not 10")]
    public async Task EntryAboutOtherReleases_IsNotAbout_AReleaseItNeverNames(string question, string entry, string reason)
    {
        Assert.Contains(reason, await WhyNotAboutAsync(question, entry), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("does python version 3 still work on a rhel els box", "rhel7-els")]
    [InlineData("rhel 8/9 dates for the extended phase", "el9-lifecycle")]
    public async Task ReleaseCheck_ComponentVersionsAndListedReleases_AreNotOtherReleases(string question, string entry)
    {
        Assert.DoesNotContain("about release", await WhyNotAboutAsync(question, entry) ?? "", StringComparison.Ordinal);
    }

    /// <summary>The gate's verdict on one entry for the question, wherever the entry ranks.</summary>
    private async Task<string?> WhyNotAboutAsync(string question, string entry)
    {
        var hits = await knowledge.Index.SearchAsync(question, knowledge.Corpus.Entries.Count, default);
        return await knowledge.Index.WhyNotAboutAsync(question, hits.Single(h => h.Entry.Id == entry), default);
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
    [InlineData("how can i tell whether secure boot is on", "secure-boot")]
    [InlineData("is secureboot supported on rocky 9", "secure-boot")]
    [InlineData("riscv alma which boards", "riscv-support")]
    [InlineData("alma riscv images for which boards?", "riscv-support")]
    [InlineData("setting up ol9 on graviton and the vendor wants rhck not uek, doable on arm?", "aarch64-support")]
    [InlineData("is shim-x64 on alma signed by microsoft", "secure-boot-ca-2023-transition")]
    [InlineData("dnf-automatic runs at 3am on alma, does it apply security errata only?", "dnf-security-updates")]
    [InlineData("anyone still selling patches for centos 6?", "centos7-extended-support-offers")]
    [InlineData("old alma 8 box hasnt been updated in ages and now dnf says the gpg key is wrong, which key do i import?", "package-signing-keys")]
    public async Task Paraphrase_InOtherWords_IsAnswered(string question, string entry)
    {
        var answer = await knowledge.Ask().AskAsync(question, default);

        Assert.True(answer.Answered, answer.Text);
        Assert.Equal(entry, answer.EntryId);
    }

    /// <summary>
    /// Ordinary words an entry does not use are context when the question means nearly the same without
    /// them: the words alone would decline these, the model's reading answers them.
    /// </summary>
    [Theory]
    [InlineData("boss is worried oracle will send us a bill someday, do we need a paid contract to get errata from yum.oracle.com?", "bill")]
    [InlineData("did suse ever say how much cash they would sink into their el clone", "cash")]
    public async Task ContextWords_ThatDoNotChangeTheMeaning_DoNotDecline(string question, string contextWord)
    {
        var hit = (await knowledge.Index.SearchAsync(question, 5, default))[0];

        var byWords = new SubjectGate(knowledge.Corpus).Judge(question, hit);

        Assert.NotNull(byWords.Refusal);
        Assert.Contains(contextWord, byWords.ContextWords);
        Assert.True(await knowledge.Index.IsAboutAsync(question, hit, default));
    }
}
