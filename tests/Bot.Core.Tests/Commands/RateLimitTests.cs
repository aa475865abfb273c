using Bot.Core.Chat;
using Bot.Core.Commands;
using Bot.Core.Options;
using Bot.Core.Replies;
using Bot.Core.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Bot.Core.Tests.Commands;

/// <summary>Chat:RateLimit through the router: a polite "slow down" once, then silence until the window passes.</summary>
public sealed class RateLimitTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly RecordingHandler _compare = TestHandlers.Compare();
    private readonly RecordingHandler _ask = new(new CommandSpec("ask", "Ask a question") { CallsModel = true });
    private readonly CommandRouter _router;
    private readonly PersonRateLimiter _limiter;

    public RateLimitTests()
    {
        var options = new ChatOptions { RateLimit = new ChatRateLimit { Commands = 10, ModelCommands = 3, Window = TimeSpan.FromSeconds(30) } };
        _limiter = new PersonRateLimiter(Microsoft.Extensions.Options.Options.Create(options), _clock);
        _router = new CommandRouter(new CommandCatalog([_compare, _ask]), _limiter, new ListLogger<CommandRouter>());
    }

    private ValueTask<Reply> Say(string command, Caller? caller = null) =>
        _router.RouteAsync(new CommandRequest(command, caller ?? TestHandlers.Member, TestHandlers.Place)
        {
            Options = command == "compare" ? new Dictionary<string, string> { ["name"] = "openssl", ["from"] = "alma9", ["to"] = "rocky9" } : new Dictionary<string, string>(),
        }, default);

    [Fact]
    public async Task TheEleventhCommandInAWindow_IsAskedToSlowDown_ThenSilenced_UntilTheWindowPasses()
    {
        for (var i = 0; i < 10; i++)
        {
            Assert.Equal("ok", (await Say("compare")).Text);
        }

        var first = await Say("compare");
        var second = await Say("compare");
        _clock.Advance(TimeSpan.FromSeconds(31));
        var after = await Say("compare");

        Assert.StartsWith("You're going a bit fast", first.Text, StringComparison.Ordinal);
        Assert.False(first.Silent);
        Assert.True(first.Ephemeral);
        Assert.True(second.Silent);
        Assert.Equal("ok", after.Text);
        Assert.Equal(11, _compare.Calls.Count);
    }

    [Fact]
    public async Task CommandsThatCallAModel_HaveTheLowerLimit_AndStillCountTowardsTheOverallOne()
    {
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal("ok", (await Say("ask")).Text);
        }

        var fourth = await Say("ask");
        var other = await Say("compare");

        Assert.Equal(Tone.Problem, fourth.Tone);
        Assert.Equal("ok", other.Text);
        Assert.Equal(3, _ask.Calls.Count);
    }

    [Fact]
    public async Task EachPersonHasTheirOwnWindow_AndTheOperatorAtTheConsoleHasNone()
    {
        var alice = new Caller("alice", "alice", IsModerator: false);
        var op = new Caller("console", "op", IsModerator: true) { IsOperator = true };
        for (var i = 0; i < 10; i++)
        {
            await Say("compare", alice);
        }

        Assert.Equal(Tone.Problem, (await Say("compare", alice)).Tone);
        Assert.Equal("ok", (await Say("compare", TestHandlers.Member)).Text);
        for (var i = 0; i < 25; i++)
        {
            Assert.Equal("ok", (await Say("compare", op)).Text);
        }
    }

    [Fact]
    public async Task UnknownCommands_CountToo()
    {
        for (var i = 0; i < 10; i++)
        {
            await Say("nonsense");
        }

        Assert.StartsWith("You're going a bit fast", (await Say("nonsense")).Text, StringComparison.Ordinal);
    }

    [Fact]
    public void PeopleIdleForAWindow_AreForgotten()
    {
        for (var i = 0; i < 1000; i++)
        {
            _limiter.Check(new Caller($"p{i}", "p", IsModerator: false), TestHandlers.Place, callsModel: false);
        }

        _clock.Advance(TimeSpan.FromMinutes(1));
        for (var i = 0; i < 100; i++)
        {
            _limiter.Check(new Caller("late", "late", IsModerator: false), TestHandlers.Place, callsModel: false);
        }

        Assert.Equal(1, _limiter.Remembered);
    }
}
