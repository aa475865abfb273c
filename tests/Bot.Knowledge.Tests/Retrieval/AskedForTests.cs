using Bot.Knowledge.Retrieval;

namespace Bot.Knowledge.Tests.Retrieval;

public sealed class AskedForTests
{
    [Theory]
    [InlineData("how much does ciq support cost per server", "ciq sells support for rocky linux.", false)]
    [InlineData("how much does ciq support cost per server", "support starts at $500 per server a year.", true)]
    [InlineData("red hat no cost developer subscription", "the developer subscription is free.", true)]
    [InlineData("how much ram does alma 10 need", "alma needs 1.5 gib.", true)]
    [InlineData("how much does rocky differ from rhel", "rocky rebuilds rhel's sources.", true)]
    public void Price_IsAskedFor_OnlyWhereAnAmountIsStated(string question, string entry, bool answers) =>
        Assert.Equal(answers, AskedFor.IsIn(question, entry));

    [Theory]
    [InlineData("how many employees does ciq have", "ciq is a company founded by gregory kurtzer.", false)]
    [InlineData("how many packages are in epel 9", "epel 9 holds over 10,000 packages.", true)]
    [InlineData("how many years of support does alma 9 get", "each major version gets ten years of support.", true)]
    [InlineData("how many repositories does alma 9 have", "alma 9 ships 12 repositories.", true)]
    public void Count_IsAskedFor_OnlyWhereANumberComesWithTheThingCounted(string question, string entry, bool answers) =>
        Assert.Equal(answers, AskedFor.IsIn(question, entry));

    [Theory]
    [InlineData("when is almalinux 9.8 released", "almalinux 9 is supported until 2032; minor releases come every six months.", false)]
    [InlineData("when is almalinux 9.8 released", "almalinux 9.8 was released on 2026-05-26.", true)]
    [InlineData("when is rocky linux 10.1 coming out", "rocky linux 10.10 is planned.", false)]
    [InlineData("when did centos 7 reach end of life", "centos 7 ended on 30 june 2024.", true)]
    public void ReleaseDate_IsAskedFor_OnlyWhereTheVersionIsNamed(string question, string entry, bool answers) =>
        Assert.Equal(answers, AskedFor.IsIn(question, entry));

    [Theory]
    [InlineData("what kernel version does rocky 9.5 ship", "minor releases get fixes until the next one.", false)]
    [InlineData("what podman version is in alma 9.6", "rhel 9.2 moved to podman 4.4; el10 has podman 5.", false)]
    [InlineData("what podman version is in alma 9.6", "alma 9.6 ships podman 5.4.", true)]
    [InlineData("does el10 ship openssl 3.5", "fips uses the openssl provider.", false)]
    [InlineData("which version of the kernel is in el10", "el10 uses kernel 6.12.", true)]
    public void ComponentVersion_IsAskedFor_OnlyWhereTheComponentHasANumber(string question, string entry, bool answers) =>
        Assert.Equal(answers, AskedFor.IsIn(question, entry));

    [Theory]
    [InlineData("How do I become an official mirror?", true)]
    [InlineData("how to enable crb", true)]
    [InlineData("what is crb", false)]
    public void HowTo_IsRecognised(string question, bool howTo) => Assert.Equal(howTo, AskedFor.IsHowTo(question));
}
