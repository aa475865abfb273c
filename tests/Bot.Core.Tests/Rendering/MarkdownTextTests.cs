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
}
