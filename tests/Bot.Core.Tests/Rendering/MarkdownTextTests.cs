using Bot.Core.Rendering;

namespace Bot.Core.Tests.Rendering;

public sealed class MarkdownTextTests
{
    [Theory]
    [InlineData("**Bold** and *italic*", "Bold and italic")]
    [InlineData("see [the post](https://almalinux.org/blog/)", "see the post <https://almalinux.org/blog/>")]
    [InlineData("run `dnf update`", "run `dnf update`")]
    [InlineData("libssl.so.3()(64bit) and 2*3*4", "libssl.so.3()(64bit) and 2*3*4")]
    [InlineData("snake_case_name stays", "snake_case_name stays")]
    public void ToPlain_DropsMarkersButKeepsText(string markdown, string plain)
    {
        Assert.Equal(plain, MarkdownText.ToPlain(markdown));
    }

    [Fact]
    public void Escape_UserTextShowsLiterally()
    {
        Assert.Equal(@"\*\*not bold\*\* \`x\` \[a\]\(b\)", MarkdownText.Escape("**not bold** `x` [a](b)"));
    }

    [Theory]
    [InlineData("[click](https://evil.example)", @"\[click\]\(https://evil.example\)")]
    [InlineData("@everyone look", "@\u200Beveryone look")]
    [InlineData("hi @Here and @room", "hi @\u200BHere and @\u200Broom")]
    [InlineData("<@123456> and <@&42>", "<\u200B@123456\\> and <\u200B@&42\\>")]
    [InlineData("404 Not Found", "404 Not Found")]
    public void Literal_NamesAndReasonPhrasesMakeNoLinkAndPingNobody(string text, string shown)
    {
        Assert.Equal(shown, MarkdownText.Literal(text));
    }
}
