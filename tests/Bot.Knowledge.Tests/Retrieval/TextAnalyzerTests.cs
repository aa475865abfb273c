using Bot.Knowledge.Retrieval;

namespace Bot.Knowledge.Tests.Retrieval;

public sealed class TextAnalyzerTests
{
    [Theory]
    [InlineData("compile", "compiled")]
    [InlineData("compiles", "compiling")]
    [InlineData("submit", "submitted")]
    [InlineData("ship", "shipping")]
    [InlineData("release", "releases")]
    [InlineData("name", "named")]
    public void Terms_WordForms_MeetAtOneTerm(string one, string other) =>
        Assert.Equal(TextAnalyzer.Terms(one), TextAnalyzer.Terms(other));

    [Fact]
    public void Terms_String_IsNotStrPlusIng() => Assert.Equal(["string"], TextAnalyzer.Terms("string"));

    [Fact]
    public void Terms_Installed_KeepsItsDoubleL() => Assert.Equal(TextAnalyzer.Terms("install"), TextAnalyzer.Terms("installed"));

    [Theory]
    [InlineData("alma isn't a clone")]
    [InlineData("i'm on alma")]
    [InlineData("i\u2019m on alma")]
    [InlineData("rocky's and alma's")]
    [InlineData("i can't and it won't")]
    public void Terms_Contractions_LeaveNoStrayLetters(string text) =>
        Assert.All(TextAnalyzer.Terms(text), t => Assert.True(t.Length > 2, $"'{t}' from \"{text}\""));

    [Fact]
    public void Terms_SourceRpms_AreOneConceptWithSrpms() =>
        Assert.Equal(TextAnalyzer.Terms("SRPMs"), TextAnalyzer.Terms("source RPMs"));

    [Fact]
    public void Terms_AQuotedWord_KeepsItsFirstLetters() =>
        Assert.Equal(["sshd", "config", "restorecon"], TextAnalyzer.Terms("edit 'sshd config' then 'restorecon'").Where(t => t != "edit" && t != "then"));
}
