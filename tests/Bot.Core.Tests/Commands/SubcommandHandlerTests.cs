using Microsoft.Extensions.Logging.Abstractions;
using Bot.Core.Commands;
using Bot.Core.Replies;
using Bot.Core.Tests.Support;

namespace Bot.Core.Tests.Commands;

public sealed class SubcommandHandlerTests
{
    private static readonly OptionSpec Count = new("count", OptionKind.Integer, "How many") { MinValue = 1, MaxValue = 9 };

    private sealed class Dice : SubcommandHandler
    {
        public Dice()
            : base(new CommandSpec("dice", "Roll dice"))
        {
            Declare(new CommandSpec("roll", "Roll some") { Options = [Count] }, call => Reply.Say($"rolled {call.Integer(Count) ?? 1}"));
            Declare(new CommandSpec("stats", "Rolls so far"), _ => Reply.Say("no rolls"));
        }
    }

    private sealed class Twice : SubcommandHandler
    {
        public Twice()
            : base(new CommandSpec("twice", "Declares one subcommand twice"))
        {
            Declare(new CommandSpec("a", "A"), _ => Reply.Say("1"));
            Declare(new CommandSpec("A", "A again"), _ => Reply.Say("2"));
        }
    }

    [Fact]
    public void Spec_ListsExactlyTheDeclaredSubcommands_InOrder() =>
        Assert.Equal(["roll", "stats"], new Dice().Spec.Subcommands.Select(s => s.Name));

    [Fact]
    public async Task Router_RunsTheDeclaredHandler_WithItsTypedOption()
    {
        var router = new CommandRouter(
            new CommandCatalog([new Dice()]), new PersonRateLimiter(Microsoft.Extensions.Options.Options.Create(new Bot.Core.Options.ChatOptions()), TimeProvider.System), NullLogger<CommandRouter>.Instance);

        var reply = await router.RouteAsync(new CommandRequest("dice", TestHandlers.Member, TestHandlers.Place)
        {
            Subcommand = "roll",
            Options = new Dictionary<string, string> { ["count"] = "3" },
        }, default);

        Assert.Equal("rolled 3", reply.Text);
    }

    [Fact]
    public void DeclaringASubcommandTwice_FailsAtConstruction() =>
        Assert.Contains("declared twice", Assert.Throws<InvalidOperationException>(() => new Twice()).Message, StringComparison.Ordinal);

    [Fact]
    public void ReadingAnUndeclaredOption_FailsLoudly()
    {
        var stats = new Dice().Spec.FindSubcommand("stats")!;
        var call = new CommandInvocation(stats, TestHandlers.Member, TestHandlers.Place);

        Assert.Throws<InvalidOperationException>(() => call.Integer(Count));
    }

    [Theory]
    [InlineData("quiz:ab12cd:3:B", "quiz", new[] { "ab12cd", "3", "B" })]
    [InlineData("compare:again", "compare", new[] { "again" })]
    [InlineData("plain", "plain", new string[0])]
    public void ButtonId_ReadsWhatItWrites(string text, string command, string[] parts)
    {
        var id = ButtonId.Parse(text)!;

        Assert.Equal(command, id.Command);
        Assert.Equal(parts, id.Parts);
        Assert.Equal(text, id.ToString());
    }

    [Fact]
    public void ButtonId_RefusesAPartWithTheSeparator() =>
        Assert.Throws<InvalidOperationException>(() => new ButtonId("quiz", ["a:b"]).ToString());
}
