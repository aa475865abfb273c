using Bot.Core.Commands;
using Bot.Core.Options;
using Bot.Core.Replies;
using Bot.Core.Tests.Support;
using Bot.Core.Text;
using Microsoft.Extensions.Options;

namespace Bot.Core.Tests.Text;

public sealed class TextCommandGatewayTests
{
    private readonly RecordingHandler _ask = TestHandlers.Ask();
    private readonly TextCommandGateway _gateway;

    public TextCommandGatewayTests() =>
        _gateway = new TextCommandGateway(new CommandRouter(new CommandCatalog([_ask]), new PersonRateLimiter(Microsoft.Extensions.Options.Options.Create(new Bot.Core.Options.ChatOptions()), TimeProvider.System), new ListLogger<CommandRouter>()), Microsoft.Extensions.Options.Options.Create(new ChatOptions()));

    private ValueTask<Reply?> Say(string line) => _gateway.HandleLineAsync(line, TestHandlers.Member, TestHandlers.Place, default);

    [Fact]
    public async Task Line_Over4000Characters_IsRefusedPolitely()
    {
        var reply = await Say("/ask " + new string('a', 4000));

        Assert.Equal("That message is 4,005 characters long; I take at most 4,000. Please shorten it.", reply!.Text);
        Assert.Empty(_ask.Calls);
    }

    [Fact]
    public async Task Line_WithControlAndBidiCharacters_HasThemStripped()
    {
        await Say("/ask what\u0007 is\u202E ABI\u0000?\r");

        Assert.Equal("what is ABI?", Assert.Single(_ask.Calls).Text("question"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\u0001\u0002")]
    [InlineData(null)]
    public async Task Line_Empty_IsIgnored(string? line)
    {
        Assert.Null(await _gateway.HandleLineAsync(line, TestHandlers.Member, TestHandlers.Place, default));
    }

    [Fact]
    public async Task Line_NotACommand_IsLeftToTheAdapter()
    {
        Assert.Null(await Say("just chatting"));
    }

    [Fact]
    public async Task Line_ParseError_BecomesAProblemReply()
    {
        var reply = await Say("/ask \"unclosed");

        Assert.Equal(Tone.Problem, reply!.Tone);
        Assert.StartsWith("A quote is not closed", reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RandomInput_NeverThrows()
    {
        var random = new Random(1234);
        const string alphabet = "/!: \"'\\abc\u0000\u202E\t\n`*_x12-";
        for (var i = 0; i < 2000; i++)
        {
            var line = new string([.. Enumerable.Range(0, random.Next(0, 30)).Select(_ => alphabet[random.Next(alphabet.Length)])]);
            var reply = await Say(line);
            Assert.True(reply is null || reply.Text.Length > 0);
        }
    }
}
