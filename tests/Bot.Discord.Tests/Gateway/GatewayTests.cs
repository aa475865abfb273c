using System.Text.Json.Nodes;
using Bot.Discord.Tests.Support;
using Bot.Testing;

namespace Bot.Discord.Tests.Gateway;

/// <summary>The adapter against a scripted gateway: the close-code and opcode matrix, zombies, interactions.</summary>
public sealed class GatewayTests : IAsyncLifetime
{
    private FakeDiscord _discord = null!;
    private DiscordHarness _bot = null!;

    public async Task InitializeAsync()
    {
        _discord = await FakeDiscord.StartAsync();
        _bot = new DiscordHarness(_discord, new() { ["Discord:GatewayUrl"] = new Uri(_discord.Url, "gateway").ToString().Replace("http", "ws", StringComparison.Ordinal) });
    }

    public async Task DisposeAsync()
    {
        await _bot.DisposeAsync();
        await _discord.DisposeAsync();
    }

    [Fact]
    public async Task Connect_IdentifiesWithIntentsZero_BecomesReady()
    {
        await _bot.StartAsync();

        await Eventually.UntilAsync(() => _bot.Adapter.IsConnected);

        var (query, op, data) = Assert.Single(_discord.Handshakes);
        Assert.Equal(2, op);
        Assert.Equal(FakeDiscord.Token, (string?)data!["token"]);
        Assert.Equal(0, (int?)data["intents"]);
        Assert.NotNull(data["properties"]?["os"]);
        Assert.Contains("v=10", query, StringComparison.Ordinal);
        Assert.Contains("encoding=json", query, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithoutAnOverride_GatewayAddress_ComesFromGetGatewayBot()
    {
        await using var bot = new DiscordHarness(_discord);

        await bot.StartAsync();
        await Eventually.UntilAsync(() => bot.Adapter.IsConnected);

        Assert.Equal(1, _discord.Count("GET gateway/bot"));
        Assert.Single(_discord.Handshakes);
    }

    [Theory]
    [InlineData(4000)]
    [InlineData(4001)]
    [InlineData(4008)]
    [InlineData(1006)]
    public async Task ResumableClose_ResumesTheSessionAtTheResumeUrl(int code)
    {
        _ = _discord.Script(async s =>
        {
            await s.DispatchAsync("GUILD_CREATE", new JsonObject());
            await s.CloseAsync(code);
        });

        await _bot.StartAsync();
        await Eventually.UntilAsync(() => _discord.Handshakes.Count == 2 && _bot.Adapter.IsConnected);

        var resume = _discord.Handshakes.Last();
        Assert.Equal(6, resume.Op);
        Assert.Equal("session-1", (string?)resume.Data!["session_id"]);
        Assert.Equal(2, (long?)resume.Data["seq"]);
        Assert.Contains("resume=1", resume.Query, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(4007)]
    [InlineData(4009)]
    public async Task InvalidSequenceOrTimedOutSession_IdentifiesAgain(int code)
    {
        _ = _discord.Script(s => s.CloseAsync(code));

        await _bot.StartAsync();
        await Eventually.UntilAsync(() => _discord.Handshakes.Count == 2 && _bot.Adapter.IsConnected);

        Assert.Equal([2, 2], _discord.Handshakes.Select(h => h.Op));
        Assert.DoesNotContain("resume=", _discord.Handshakes.Last().Query, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(4004)]
    [InlineData(4010)]
    [InlineData(4011)]
    [InlineData(4012)]
    [InlineData(4013)]
    [InlineData(4014)]
    public async Task FatalClose_StopsTheAdapterWithAReasonAndNoReconnect(int code)
    {
        _ = _discord.Script(s => s.CloseAsync(code));

        await _bot.StartAsync();
        await Eventually.UntilAsync(() => _bot.Adapter.Stopped is not null);
        await Task.Delay(300);

        Assert.Single(_discord.Handshakes);
        Assert.False(_bot.Adapter.IsConnected);
        Assert.DoesNotContain(FakeDiscord.Token, _bot.Adapter.Stopped, StringComparison.Ordinal);
        if (code == 4004)
        {
            Assert.Contains("Discord__Token", _bot.Adapter.Stopped, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task GatewayThatNeverSaysHello_IsLeftAndTriedAgain()
    {
        _discord.Plans.Enqueue(async s => await s.ServeAsync(ackHeartbeats: true, CancellationToken.None));
        var client = new Bot.Discord.Gateway.GatewayClient(
            new Bot.Discord.Gateway.WebSocketTransport(),
            new Bot.Discord.Gateway.GatewaySettings(() => FakeDiscord.Token, 0, 1, TimeSpan.Zero, TimeSpan.FromMilliseconds(20)) { HelloTimeout = TimeSpan.FromMilliseconds(300) },
            _ => Task.CompletedTask,
            TimeProvider.System,
            Microsoft.Extensions.Logging.Abstractions.NullLogger<Bot.Discord.Gateway.GatewayClient>.Instance);
        using var stop = new CancellationTokenSource();

        var run = client.RunAsync(new Uri(new Uri(_discord.Url, "gateway").ToString().Replace("http", "ws", StringComparison.Ordinal)), stop.Token);
        await Eventually.UntilAsync(() => client.IsReady);
        await stop.CancelAsync();
        await run;

        Assert.Equal(2, client.Connections);
        Assert.Equal(2, Assert.Single(_discord.Handshakes).Op);
    }

    [Fact]
    public async Task PayloadOfTheWrongShape_CostsTheConnectionNotTheAdapter()
    {
        _ = _discord.Script(s => s.SendAsync(new JsonObject { ["op"] = "ten", ["d"] = new JsonArray() }));

        await _bot.StartAsync();
        await Eventually.UntilAsync(() => _discord.Handshakes.Count == 2 && _bot.Adapter.IsConnected);

        Assert.Equal(6, _discord.Handshakes.Last().Op);
        Assert.Null(_bot.Adapter.Stopped);
    }

    [Fact]
    public async Task Op7Reconnect_Resumes()
    {
        _ = _discord.Script(s => s.SendAsync(new JsonObject { ["op"] = 7, ["d"] = null }));

        await _bot.StartAsync();
        await Eventually.UntilAsync(() => _discord.Handshakes.Count == 2);

        Assert.Equal(6, _discord.Handshakes.Last().Op);
    }

    [Theory]
    [InlineData(true, 6)]
    [InlineData(false, 2)]
    public async Task Op9InvalidSession_ResumesWhenResumable_IdentifiesWhenNot(bool resumable, int expectedOp)
    {
        _ = _discord.Script(s => s.SendAsync(new JsonObject { ["op"] = 9, ["d"] = resumable }));

        await _bot.StartAsync();
        await Eventually.UntilAsync(() => _discord.Handshakes.Count == 2, seconds: 20);

        Assert.Equal(expectedOp, _discord.Handshakes.Last().Op);
    }

    private const int ZombieHeartbeatIntervalMs = 1000;

    [Fact]
    public async Task ConnectionWhoseHeartbeatsGetNoAck_IsDroppedAndResumed()
    {
        // The connection is called dead one interval after the first unanswered beat; READY must be
        // handled by then for a session to resume. 150 ms left too little on a loaded CI machine,
        // which then (rightly) identified afresh.
        _discord.HeartbeatIntervalMs = ZombieHeartbeatIntervalMs;
        var zombie = _discord.Script(ackHeartbeats: false);

        await _bot.StartAsync();
        await Eventually.UntilAsync(() => _discord.Handshakes.Count == 2);

        Assert.Equal(6, _discord.Handshakes.Last().Op);
        // One unanswered beat is enough to call the connection dead.
        Assert.InRange((await zombie).Heartbeats, 1, 2);
    }

    [Fact]
    public async Task HeartbeatRequest_IsAnsweredAtOnceWithTheLastSequence()
    {
        var started = _discord.Script(s => s.SendAsync(new JsonObject { ["op"] = 1, ["d"] = null }));

        await _bot.StartAsync();
        var session = await started;
        await Eventually.UntilAsync(() => session.Heartbeats >= 1);

        var beat = session.Received.First(p => (int?)p["op"] == 1);
        Assert.Equal(1, (long?)beat["d"]);
    }

    [Fact]
    public async Task FirstHeartbeat_ComesWithinOneInterval()
    {
        _discord.HeartbeatIntervalMs = 1000;
        var started = _discord.Script();

        await _bot.StartAsync();
        var session = await started;
        await Eventually.UntilAsync(() => session.Heartbeats >= 1);

        // Jittered: somewhere within the first interval after Hello. Half an interval of slack for a
        // busy machine still tells it from a client that waits a whole interval after the first.
        Assert.InRange((session.FirstHeartbeatAt!.Value - session.HelloAt).TotalMilliseconds, 0, 1000 + 500);
    }

    [Fact]
    public async Task InteractionFromTheGateway_IsAnsweredThroughItsCallback()
    {
        _ = _discord.Script(s => s.DispatchAsync("INTERACTION_CREATE", Interaction("ping", "i1", "tok1")));

        await _bot.StartAsync();
        await Eventually.UntilAsync(() => _discord.Count("POST interactions/500/tok1/callback") == 1);

        var body = _discord.Requests.First(r => r.Route == "POST interactions/500/tok1/callback").Body!;
        Assert.Equal(4, (int?)body["type"]);
        Assert.Equal("pong", (string?)body["data"]!["embeds"]![0]!["title"]);
        Assert.True(_discord.SchemaViolations.IsEmpty, string.Join("\n", _discord.SchemaViolations));
    }

    [Fact]
    public async Task SlowCommand_IsDeferredThenItsReplyEditsTheOriginal()
    {
        _ = _discord.Script(s => s.DispatchAsync("INTERACTION_CREATE", Interaction("slow", "i2", "tok2", permissions: "32")));

        await _bot.StartAsync();
        await Eventually.UntilAsync(() => _discord.Count("POST interactions/500/tok2/callback") == 1);
        var deferral = _discord.Requests.First(r => r.Route == "POST interactions/500/tok2/callback").Body!;
        Assert.Equal(5, (int?)deferral["type"]);
        Assert.Equal(0, _discord.Count($"PATCH webhooks/{FakeDiscord.ApplicationId}/tok2/messages/@original"));

        _bot.Slow.Release.SetResult("finally done");
        await Eventually.UntilAsync(() => _discord.Count($"PATCH webhooks/{FakeDiscord.ApplicationId}/tok2/messages/@original") == 1);

        var edit = _discord.Requests.First(r => r.Route.StartsWith("PATCH webhooks", StringComparison.Ordinal)).Body!;
        Assert.Equal("finally done", (string?)edit["embeds"]![0]!["description"]);
        Assert.Empty(_discord.SchemaViolations);
    }

    private static JsonObject Interaction(string command, string id, string token, string permissions = "0") => new()
    {
        ["id"] = "500",
        ["application_id"] = FakeDiscord.ApplicationId,
        ["type"] = 2,
        ["token"] = token,
        ["guild_id"] = "7",
        ["channel_id"] = "8",
        ["member"] = new JsonObject { ["permissions"] = permissions, ["user"] = new JsonObject { ["id"] = "42", ["username"] = "alice" } },
        ["data"] = new JsonObject { ["id"] = id, ["name"] = command, ["type"] = 1 },
    };
}
