using System.Text.Json.Nodes;
using Bot.Matrix.Tests.Support;
using Bot.Testing;

namespace Bot.Matrix.Tests;

/// <summary>The adapter against a fake homeserver on 127.0.0.1.</summary>
public sealed class MatrixAdapterTests : IAsyncLifetime
{
    private const string Room = "!room:test.org";
    private const string Alice = "@alice:test.org";
    private FakeHomeserver _server = null!;

    public async Task InitializeAsync() => _server = await FakeHomeserver.StartAsync();

    public async Task DisposeAsync()
    {
        // Every message any test sent conforms to the spec's m.notice schema, and every request is an
        // operation of the client-server API with a body its OpenAPI schema allows.
        Assert.Empty(_server.SchemaViolations);
        Assert.True(_server.ContractViolations.IsEmpty, string.Join("\n", _server.ContractViolations.Distinct()));
        await _server.DisposeAsync();
    }

    private static Dictionary<string, JsonObject[]> In(params JsonObject[] events) => new() { [Room] = events };

    [Fact]
    public async Task Command_GetsAnMNoticeRichReply_WithSafeHtml()
    {
        _server.AddBatch();
        _server.AddBatch(In(FakeHomeserver.Message("$c1", Alice, "!ping <script>alert(1)</script> @room")));
        await using var bot = new MatrixHarness(_server, new MemoryStream());

        await bot.StartAsync();
        await Eventually.UntilAsync(() => !_server.Messages.IsEmpty);

        var reply = Assert.Single(_server.Messages);
        Assert.Equal("m.notice", (string?)reply["msgtype"]);
        Assert.Equal("$c1", (string?)reply["m.relates_to"]!["m.in_reply_to"]!["event_id"]);
        Assert.Equal("org.matrix.custom.html", (string?)reply["format"]);
        var html = (string)reply["formatted_body"]!;
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", html, StringComparison.Ordinal);
        Assert.Contains("@\u200Broom", (string)reply["body"]!, StringComparison.Ordinal);
        Assert.NotNull(reply["m.mentions"]);
    }

    [Fact]
    public async Task FirstSync_SkipsHistory_AndNoticesOwnEventsAndChatterAreIgnored()
    {
        _server.AddBatch(In(FakeHomeserver.Message("$old", Alice, "!ping old")));
        _server.AddBatch(In(
            FakeHomeserver.Message("$n1", Alice, "!ping from a notice", "m.notice"),
            FakeHomeserver.Message("$n2", FakeHomeserver.BotId, "!ping myself"),
            FakeHomeserver.Message("$n3", Alice, "just chatting"),
            FakeHomeserver.Message("$n4", Alice, "!ping new")));
        await using var bot = new MatrixHarness(_server, new MemoryStream());

        await bot.StartAsync();
        await Eventually.UntilAsync(() => !_server.Messages.IsEmpty);
        await Task.Delay(300);

        var reply = Assert.Single(_server.Messages);
        Assert.Equal("$n4", (string?)reply["m.relates_to"]!["m.in_reply_to"]!["event_id"]);
    }

    [Fact]
    public async Task CrashBetweenSendAndTokenSave_ReplayedBatchSendsNoReplyTwice()
    {
        var database = new MemoryStream();
        _server.AddBatch();
        _server.AddBatch(In(FakeHomeserver.Message("$c1", Alice, "!ping once")));
        await using (var first = new MatrixHarness(_server, database))
        {
            var crashed = new TaskCompletionSource();
            var batches = 0;
            first.Adapter.BeforeTokenSave = () =>
            {
                if (++batches == 2)
                {
                    crashed.TrySetResult();
                    throw new OperationCanceledException("simulated crash before the token is saved");
                }
            };
            await first.StartAsync();
            await crashed.Task.WaitAsync(TimeSpan.FromSeconds(15));
            Assert.Single(_server.Messages);
        }

        await using var second = new MatrixHarness(_server, database);
        await second.StartAsync();
        await Eventually.UntilAsync(() => _server.Requests.Count(r => r.StartsWith("PUT", StringComparison.Ordinal)) >= 2);

        Assert.Single(_server.Messages);
    }

    [Fact]
    public async Task RateLimitsAndServerErrors_AreRetried()
    {
        _server.RateLimitSends = 2;
        _server.FailSends = 1;
        _server.AddBatch();
        _server.AddBatch(In(FakeHomeserver.Message("$c1", Alice, "!ping")));
        await using var bot = new MatrixHarness(_server, new MemoryStream());

        await bot.StartAsync();
        await Eventually.UntilAsync(() => !_server.Messages.IsEmpty);

        Assert.Equal(4, _server.Requests.Count(r => r.StartsWith("PUT", StringComparison.Ordinal)));
        Assert.Single(_server.Messages);
    }

    [Theory]
    [InlineData(null, new[] { "!ok:test.org" })]
    [InlineData("*", new[] { "!ok:test.org", "!spam:evil.org" })]
    public async Task Invites_ByDefault_AreJoinedOnlyFromTheBotsOwnHomeserver_AndStarOpensThem(string? autoJoin, string[] joined)
    {
        _server.AddBatch(invites: new() { ["!ok:test.org"] = [Invite("@mod:test.org")], ["!spam:evil.org"] = [Invite("@spammer:evil.org")] }, left: ["!gone:test.org"]);
        await using var bot = new MatrixHarness(_server, new MemoryStream(), autoJoin is null ? null : new() { ["Matrix:AutoJoin:0"] = autoJoin });

        await bot.StartAsync();
        await Eventually.UntilAsync(() => !_server.Forgotten.IsEmpty);

        Assert.Equal(joined, _server.Joined.Order(StringComparer.Ordinal));
    }

    private static JsonObject Invite(string inviter) => new()
    {
        ["type"] = "m.room.member",
        ["state_key"] = FakeHomeserver.BotId,
        ["sender"] = inviter,
        ["content"] = new JsonObject { ["membership"] = "invite" },
    };

    [Fact]
    public async Task Invites_FromAllowedUsersAreJoined_OthersIgnored_KickedRoomsForgotten()
    {
        _server.AddBatch(invites: new() { ["!ok:test.org"] = [Invite("@mod:test.org")], ["!spam:evil.org"] = [Invite("@spammer:evil.org")] }, left: ["!gone:test.org"]);
        await using var bot = new MatrixHarness(_server, new MemoryStream(), new() { ["Matrix:AutoJoin:0"] = "test.org" });

        await bot.StartAsync();
        await Eventually.UntilAsync(() => !_server.Forgotten.IsEmpty);

        Assert.Equal(["!ok:test.org"], _server.Joined);
        Assert.Equal(["!gone:test.org"], _server.Forgotten);
    }

    [Fact]
    public async Task Reactions_PressButtons_AndPowerLevelsDecideModerators()
    {
        _server.PowerLevels[Room] = new JsonObject
        {
            ["users"] = new JsonObject { ["@mod:test.org"] = 100 },
            ["users_default"] = 0,
            ["events"] = new JsonObject { ["m.room.power_levels"] = 100 },
        };
        _server.AddBatch();
        _server.AddBatch(In(FakeHomeserver.Message("$p1", Alice, "!pick")));
        await using var bot = new MatrixHarness(_server, new MemoryStream());
        await bot.StartAsync();
        await Eventually.UntilAsync(() => !_server.Messages.IsEmpty);
        Assert.Contains("🇧 Beta", (string)_server.Messages.Single()["body"]!, StringComparison.Ordinal);

        _server.AddBatch(In(
            FakeHomeserver.Reaction("$r1", Alice, "$sent1", "🇧"),
            FakeHomeserver.Reaction("$r2", "@mod:test.org", "$sent1", "🇦"),
            FakeHomeserver.Reaction("$r3", Alice, "$sent1", "👍")));
        await Eventually.UntilAsync(() => _server.Messages.Count >= 3);
        await Task.Delay(200);

        var bodies = _server.Messages.Skip(1).Select(m => (string)m["body"]!).ToList();
        Assert.Equal(["alice picked pick:b (moderator: False)", "mod picked pick:a (moderator: True)"], bodies);
    }

    [Fact]
    public async Task RevokedToken_StopsTheAdapterWithAClearReason()
    {
        _server.TokenRevoked = true;
        await using var bot = new MatrixHarness(_server, new MemoryStream());

        await bot.StartAsync();
        await Eventually.UntilAsync(() => bot.Adapter.Stopped is not null);

        Assert.StartsWith("the homeserver refused the bot's credentials (M_UNKNOWN_TOKEN)", bot.Adapter.Stopped, StringComparison.Ordinal);
        Assert.False(bot.Adapter.IsConnected);
    }

    [Fact]
    public void SchemaCheck_CatchesAContentThatBreaksTheSpec()
    {
        var problems = SchemaCheck.NoticeContent(new JsonObject { ["msgtype"] = "m.text", ["formatted_body"] = "<b>x</b>" });

        Assert.Contains("content.body is required", problems);
        Assert.Contains(problems, p => p.StartsWith("content.msgtype is 'm.text', not one of", StringComparison.Ordinal));
        Assert.Contains("content: format and formatted_body must come together", problems);
    }

    [Fact]
    public async Task Filter_IsCreatedOnceAndReused()
    {
        var database = new MemoryStream();
        _server.AddBatch();
        await using (var first = new MatrixHarness(_server, database))
        {
            await first.StartAsync();
            await Eventually.UntilAsync(() => first.Adapter.IsConnected);
        }

        await using var second = new MatrixHarness(_server, database);
        await second.StartAsync();
        await Eventually.UntilAsync(() => second.Adapter.IsConnected);

        Assert.Equal(1, _server.FiltersCreated);
    }

    [Fact]
    public async Task PasswordLogin_KeepsItsDeviceForTheNextStart()
    {
        var database = new MemoryStream();
        _server.AddBatch();
        var password = new Dictionary<string, string?> { ["Matrix:AccessToken"] = "", ["Matrix:UserId"] = FakeHomeserver.BotId, ["Matrix:Password"] = "secret" };
        await using (var first = new MatrixHarness(_server, database, password))
        {
            await first.StartAsync();
            await Eventually.UntilAsync(() => first.Adapter.IsConnected);
        }

        await using var second = new MatrixHarness(_server, database, password);
        await second.StartAsync();
        await Eventually.UntilAsync(() => second.Adapter.IsConnected);

        Assert.Equal(1, _server.Requests.Count(r => r == "POST /_matrix/client/v3/login"));
    }
}
