using Bot.Core.Commands;

namespace Bot.Core.Tests.Commands;

public sealed class SuggestTests
{
    [Theory]
    [InlineData("hlep", "help")]
    [InlineData("abuot", "about")]
    [InlineData("pk", "pkg")]
    [InlineData("advisroy", "advisory")]
    public void Nearest_Typo_FindsTheIntendedWord(string typed, string expected)
    {
        Assert.Equal(expected, Suggest.Nearest(typed, ["help", "about", "pkg", "provides", "advisory", "ask"]));
    }

    [Fact]
    public void Nearest_NothingClose_ReturnsNull()
    {
        Assert.Null(Suggest.Nearest("weather", ["help", "about", "pkg"]));
    }
}
