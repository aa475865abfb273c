using Bot.Core.Commands;
using Bot.Core.Replies;
using Bot.Core.Tests.Support;
using Microsoft.Extensions.Logging;

namespace Bot.Core.Tests.Commands;

public sealed class CommandRouterTests
{
    private readonly RecordingHandler _compare = TestHandlers.Compare();
    private readonly RecordingHandler _quiz = TestHandlers.Quiz();
    private readonly RecordingHandler _boom = TestHandlers.Throwing();
    private readonly ListLogger<CommandRouter> _log = new();
    private readonly CommandRouter _router;

    public CommandRouterTests() => _router = new CommandRouter(new CommandCatalog([_compare, _quiz, _boom]), new PersonRateLimiter(Microsoft.Extensions.Options.Options.Create(new Bot.Core.Options.ChatOptions()), TimeProvider.System), _log);

    private static CommandRequest Request(string command, Dictionary<string, string>? options = null, string? sub = null, bool moderator = false) =>
        new(command, moderator ? TestHandlers.Moderator : TestHandlers.Member, TestHandlers.Place)
        {
            Subcommand = sub,
            Options = options ?? [],
        };

    [Fact]
    public async Task Route_ValidOptions_CallsHandlerWithTypedValues()
    {
        var reply = await _router.RouteAsync(Request("compare", new() { ["name"] = "openssl", ["from"] = "ALMA9", ["to"] = "rocky9" }), default);

        Assert.Equal("ok", reply.Text);
        var call = Assert.Single(_compare.Calls);
        Assert.Equal("openssl", call.Text("name"));
        Assert.Equal("alma9", call.Text("from"));
    }

    [Fact]
    public async Task Route_UnknownCommandNearAKnownOne_SuggestsIt()
    {
        var reply = await _router.RouteAsync(Request("compre"), default);

        Assert.Equal("I don't know `/compre` — did you mean `/compare`? Try /help", reply.Text);
        Assert.Equal(Tone.Problem, reply.Tone);
    }

    [Fact]
    public async Task Route_UnknownCommandFarFromAll_PointsToHelp()
    {
        var reply = await _router.RouteAsync(Request("xylophone"), default);

        Assert.Equal("I don't know `/xylophone`. Try /help", reply.Text);
    }

    [Fact]
    public async Task Route_MissingRequiredOptions_NamesThemWithExample()
    {
        var reply = await _router.RouteAsync(Request("compare", new() { ["name"] = "openssl" }), default);

        Assert.Equal("`/compare` needs name, from and to, e.g. `/compare openssl from:alma9 to:rocky9`", reply.Text);
        Assert.Empty(_compare.Calls);
    }

    [Fact]
    public async Task Route_ChoiceNotAllowed_ListsChoicesAndSuggests()
    {
        var reply = await _router.RouteAsync(Request("compare", new() { ["name"] = "x", ["from"] = "alma8", ["to"] = "rocky9" }), default);

        Assert.Equal("`from` takes one of alma9, rocky9, ol9; `alma8` is not one. Did you mean `alma9`?", reply.Text);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("0")]
    [InlineData("21")]
    [InlineData("99999999999999999999999")]
    public async Task Route_IntegerOutOfRangeOrNotANumber_NamesOptionAndRange(string value)
    {
        var reply = await _router.RouteAsync(Request("quiz", new() { ["questions"] = value }, "start"), default);

        Assert.StartsWith("`questions` takes a whole number from 1 to 20;", reply.Text, StringComparison.Ordinal);
        Assert.Empty(_quiz.Calls);
    }

    [Fact]
    public async Task Route_UnknownOption_SaysWhichOptionsExist()
    {
        var reply = await _router.RouteAsync(Request("compare", new() { ["name"] = "x", ["form"] = "alma9" }), default);

        Assert.Contains("has no option `form`; its options are name, from and to", reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Route_ModeratorSubcommandByMember_IsRefusedBeforeTheHandler()
    {
        var reply = await _router.RouteAsync(Request("quiz", new() { ["cron"] = "0 18 * * 5" }, "schedule"), default);

        Assert.Equal("`/quiz schedule` is for moderators.", reply.Text);
        Assert.True(reply.Ephemeral);
        Assert.Empty(_quiz.Calls);
    }

    [Fact]
    public async Task Route_ModeratorSubcommandByModerator_Runs()
    {
        var reply = await _router.RouteAsync(Request("quiz", new() { ["cron"] = "0 18 * * 5", ["private"] = "yes" }, "schedule", moderator: true), default);

        Assert.Equal("ok", reply.Text);
        var call = Assert.Single(_quiz.Calls);
        Assert.Equal("schedule", call.Subcommand);
        Assert.True(call.Flag("private"));
    }

    [Fact]
    public async Task Route_SubcommandMissingOrUnknown_ListsTheSubcommands()
    {
        var missing = await _router.RouteAsync(Request("quiz"), default);
        var unknown = await _router.RouteAsync(Request("quiz", sub: "strat"), default);

        Assert.StartsWith("`/quiz` needs one of start and schedule", missing.Text, StringComparison.Ordinal);
        Assert.Equal("`/quiz` has no `strat`; it has start and schedule. Did you mean `/quiz start`?", unknown.Text);
    }

    [Fact]
    public async Task Route_HandlerThrows_ApologisesWithTheIdItLogged()
    {
        var reply = await _router.RouteAsync(Request("boom"), default);

        Assert.Equal(Tone.Failure, reply.Tone);
        Assert.DoesNotContain("secret internal detail", reply.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", reply.Text, StringComparison.Ordinal);
        var line = Assert.Single(_log.Lines);
        Assert.Equal(LogLevel.Error, line.Level);
        var id = reply.Footer!.Split(' ')[^1];
        Assert.Equal(8, id.Length);
        Assert.Contains(id, reply.Text, StringComparison.Ordinal);
        Assert.Contains(id, line.Message, StringComparison.Ordinal);
        Assert.IsType<InvalidOperationException>(line.Exception);
    }

    [Fact]
    public async Task Route_DiskFull_SaysSoAndLogsItAsCritical()
    {
        var full = new DiskFullHandler();
        var log = new ListLogger<CommandRouter>();
        var router = new CommandRouter(new CommandCatalog([full]), new PersonRateLimiter(Microsoft.Extensions.Options.Options.Create(new Bot.Core.Options.ChatOptions()), TimeProvider.System), log);

        var reply = await router.RouteAsync(new CommandRequest("save", TestHandlers.Member, TestHandlers.Place), default);

        Assert.Equal(Tone.Failure, reply.Tone);
        Assert.True(reply.Ephemeral);
        Assert.Contains("disk", reply.Text, StringComparison.Ordinal);
        Assert.Contains("full", reply.Text, StringComparison.Ordinal);
        Assert.Equal(LogLevel.Critical, Assert.Single(log.Lines).Level);
    }

    [Fact]
    public async Task Route_Cancelled_PropagatesInsteadOfApologising()
    {
        var slow = new SlowHandler();
        var router = new CommandRouter(new CommandCatalog([slow]), new PersonRateLimiter(Microsoft.Extensions.Options.Options.Create(new Bot.Core.Options.ChatOptions()), TimeProvider.System), _log);
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => router.RouteAsync(new CommandRequest("slow", TestHandlers.Member, TestHandlers.Place), cts.Token).AsTask());
        Assert.Empty(_log.Lines);
    }

    [Fact]
    public async Task Press_ButtonIdPrefix_RoutesToThatCommandsComponentHandler()
    {
        var reply = await _router.PressAsync("compare:again", TestHandlers.Member, TestHandlers.Place, default);

        Assert.Equal("pressed compare:again", reply.Text);
        var call = Assert.Single(_compare.Calls);
        Assert.Equal(InvocationKind.Component, call.Kind);
    }

    [Fact]
    public async Task Press_UnknownPrefix_SaysTheButtonIsStale()
    {
        var reply = await _router.PressAsync("gone:1", TestHandlers.Member, TestHandlers.Place, default);

        Assert.Equal("That button no longer does anything.", reply.Text);
    }

    [Fact]
    public async Task Complete_ManySuggestions_KeepsAtMost25()
    {
        _compare.Completions = p => [.. Enumerable.Range(0, 100).Select(i => $"{p}{i}")];

        var found = await _router.CompleteAsync("compare", null, "name", "lib", default);

        Assert.Equal(25, found.Count);
        Assert.Equal("lib0", found[0]);
    }

    [Fact]
    public async Task Complete_CompleterThrows_ReturnsNothingAndLogsAWarning()
    {
        _compare.Completions = _ => throw new InvalidOperationException("index not ready");

        var found = await _router.CompleteAsync("compare", null, "name", "lib", default);

        Assert.Empty(found);
        Assert.Equal(LogLevel.Warning, Assert.Single(_log.Lines).Level);
    }

    private sealed class SlowHandler : ICommandHandler
    {
        public CommandSpec Spec { get; } = new("slow", "Waits");

        public async ValueTask<Reply> HandleAsync(CommandInvocation call, CancellationToken cancellationToken)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
            return Reply.Say("never");
        }
    }

    /// <summary>A write that fails as LiteDB's does when the disk is full: ENOSPC wrapped in another exception.</summary>
    private sealed class DiskFullHandler : ICommandHandler
    {
        public CommandSpec Spec { get; } = new("save", "Saves something");

        public ValueTask<Reply> HandleAsync(CommandInvocation call, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("write failed", new IOException("No space left on device : '/data/bot.db'", 28));
    }
}
