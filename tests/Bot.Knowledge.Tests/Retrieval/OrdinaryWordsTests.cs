using Bot.Knowledge.Retrieval;

namespace Bot.Knowledge.Tests.Retrieval;

public sealed class OrdinaryWordsTests
{
    [Fact]
    public void Stems_ComeFromTheModelsVocabulary() =>
        // If a package update moves the vocabulary, every unknown word would read as jargon: fail loudly.
        Assert.InRange(OrdinaryWords.Stems.Count, 15_000, 25_000);

    [Theory]
    [InlineData("summer")]
    [InlineData("justification")]
    [InlineData("raid")]
    public void OrdinaryEnglish_IsOrdinary(string word) => Assert.Contains(TextAnalyzer.Terms(word)[0], OrdinaryWords.Stems);

    [Theory]
    [InlineData("nmcli")]
    [InlineData("wireguard")]
    [InlineData("selinux")]
    [InlineData("koji")]
    public void Jargon_IsNotOrdinary(string word) => Assert.DoesNotContain(TextAnalyzer.Terms(word)[0], OrdinaryWords.Stems);

    [Theory]
    [InlineData("big", true)]
    [InlineData("different", true)]
    [InlineData("certification", false)]
    [InlineData("mirror", false)]
    public void Everyday_IsOnlyTheCommonest(string word, bool everyday) =>
        Assert.Equal(everyday, OrdinaryWords.Everyday.Contains(TextAnalyzer.Terms(word)[0]));

    [Theory]
    [InlineData("username", true)]
    [InlineData("gemstone", true)]
    [InlineData("newkernel", true)]
    [InlineData("nmcli", false)]
    [InlineData("selinux", false)]
    [InlineData("koji", false)]
    [InlineData("firewalld", false)]
    public void TwoWordsRunTogether_AreOrdinary_JargonIsNot(string word, bool ordinary) =>
        Assert.Equal(ordinary, OrdinaryWords.IsOrdinary(TextAnalyzer.Terms(word, foldPhrases: false)[0]));
}
