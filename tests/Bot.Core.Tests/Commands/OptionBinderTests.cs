using Bot.Core.Commands;

namespace Bot.Core.Tests.Commands;

public sealed class OptionBinderTests
{
    private static readonly CommandSpec Announce = new("announce", "Announce")
    {
        Options = [new OptionSpec("channel", OptionKind.Channel, "Where", Required: true)],
    };

    [Theory]
    [InlineData("#news", "news")]
    [InlineData("news", "news")]
    [InlineData("<#123456789012345678>", "123456789012345678")]
    [InlineData("123456789012345678", "123456789012345678")]
    [InlineData("#room:example.org", "#room:example.org")]
    [InlineData("!abc:example.org", "!abc:example.org")]
    public void ChannelOptions_BindToTheChannelsId(string typed, string bound)
    {
        var result = OptionBinder.Bind("announce", Announce, new Dictionary<string, string> { ["channel"] = typed });

        Assert.Null(result.Error);
        Assert.Equal(bound, result.Options!["channel"]);
    }

    [Theory]
    [InlineData("two words")]
    [InlineData("#")]
    public void SomethingThatIsNoChannel_IsRefusedNamingTheOption(string typed)
    {
        var result = OptionBinder.Bind("announce", Announce, new Dictionary<string, string> { ["channel"] = typed });

        Assert.Contains("`channel` takes a channel", result.Error, StringComparison.Ordinal);
    }
}
