using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Bot.Core.Commands;
using Bot.Core.Replies;
using Bot.Discord.Tests.Support;
using Bot.Host.Cli;
using Bot.Host.Tests.Support;
using Bot.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NSec.Cryptography;

namespace Bot.Host.Tests.Discord;

/// <summary>The whole bot with Discord configured against the fake Discord: HTTP interactions, registration, config errors.</summary>
public sealed class DiscordHostTests : IAsyncLifetime, IDisposable
{
    private readonly Key _key = Key.Create(SignatureAlgorithm.Ed25519);
    private readonly BotRun _bot = new();
    private FakeDiscord _discord = null!;

    public async Task InitializeAsync() => _discord = await FakeDiscord.StartAsync();

    public async Task DisposeAsync() => await _discord.DisposeAsync();

    public void Dispose()
    {
        _key.Dispose();
        _bot.Dispose();
    }

    private string[] DiscordArgs(string mode = "Http") =>
    [
        "Discord:Token=" + FakeDiscord.Token,
        "Discord:ApplicationId=" + FakeDiscord.ApplicationId,
        "Discord:ApiBaseUrl=" + _discord.ApiBase,
        "Discord:Mode=" + mode,
        "Discord:PublicKey=" + Convert.ToHexString(_key.PublicKey.Export(KeyBlobFormat.RawPublicKey)),
    ];

    [Fact]
    public async Task HttpMode_SignedInteractionsAreAnswered_EverythingElseIsRefused()
    {
        var (run, input, _, http) = Chat(DiscordArgs());
        using var client = http;
        await Eventually.UntilAsync(() => _discord.GlobalCommands is not null, seconds: 60);

        var pong = await Post(http, """{"type":1}""");
        var about = await Post(http, Command("about"));
        var badOption = await Post(http, Command("quiz", """[{"type":1,"name":"start","options":[{"type":4,"name":"questions","value":"zero"}]}]"""));
        var unknown = await Post(http, Command("nosuchcommand"));
        var tampered = await Post(http, """{"type":1}""", tamper: true);
        var unsigned = await Post(http, """{"type":1}""", sign: false);
        var old = await Post(http, """{"type":1}""", age: TimeSpan.FromMinutes(6));
        var malformed = await Post(http, """{"type":""");
        var unknownType = await Post(http, """{"type":99}""");
        var huge = await Post(http, "{\"type\":1,\"pad\":\"" + new string('x', 70_000) + "\"}");
        input.End();
        Assert.Equal(0, await run);

        Assert.Equal((HttpStatusCode.OK, """{"type":1}"""), (pong.Status, pong.Body));
        Assert.Equal(HttpStatusCode.OK, about.Status);
        var aboutJson = JsonNode.Parse(about.Body)!;
        Assert.Equal(4, (int?)aboutJson["type"]);
        Assert.Empty(aboutJson["data"]!["allowed_mentions"]!["parse"]!.AsArray());
        Assert.Equal(HttpStatusCode.OK, badOption.Status);
        Assert.Contains("whole number", badOption.Body, StringComparison.Ordinal);
        Assert.Equal(64, (int?)JsonNode.Parse(badOption.Body)!["data"]!["flags"]);
        Assert.Equal(HttpStatusCode.OK, unknown.Status);
        Assert.Equal(64, (int?)JsonNode.Parse(unknown.Body)!["data"]!["flags"]);
        Assert.Equal(HttpStatusCode.Unauthorized, tampered.Status);
        Assert.Equal(HttpStatusCode.Unauthorized, unsigned.Status);
        Assert.Equal(HttpStatusCode.Unauthorized, old.Status);
        Assert.Equal(HttpStatusCode.BadRequest, malformed.Status);
        Assert.Equal(HttpStatusCode.BadRequest, unknownType.Status);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, huge.Status);

        // The real catalog, registered at start, fits Discord's spec, and moderator commands carry Manage Guild.
        var commands = _discord.GlobalCommands!.Select(c => (string)c!["name"]!).ToList();
        Assert.Contains("ask", commands);
        Assert.Contains("pkg", commands);
        Assert.Equal("32", (string?)_discord.GlobalCommands!.First(c => (string?)c!["name"] == "announce")!["default_member_permissions"]);
        Assert.True(_discord.SchemaViolations.IsEmpty, string.Join("\n", _discord.SchemaViolations));
    }

    [Fact]
    public async Task HttpMode_MalformedSignatureOrTimestamp_IsA401WithNoLogLineAboveDebug()
    {
        var logs = new CapturedLogs();
        var (run, input, _, http) = Chat(DiscordArgs(), services => services.AddSingleton<ILoggerProvider>(logs));
        using var client = http;
        await Eventually.UntilAsync(() => _discord.GlobalCommands is not null, seconds: 60);
        var now = TimeProvider.System.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        string[] timestamps = ["99999999999999999999", "9223372036854775807", "-1", "12ab", $" {now}x", "", "999999999999"];
        string[] signatures = ["", "abc", new string('a', 127), new string('z', 128)];

        var statuses = new List<HttpStatusCode>();
        foreach (var stamp in timestamps)
        {
            statuses.Add(await PostRaw(http, """{"type":1}""", stamp, Sign(stamp, """{"type":1}""")));
        }

        foreach (var signature in signatures)
        {
            statuses.Add(await PostRaw(http, """{"type":1}""", now, signature));
        }

        input.End();
        Assert.Equal(0, await run);

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.Unauthorized, s));
        Assert.DoesNotContain(logs.Entries, e => e.Level > LogLevel.Debug
            && (e.Category.Contains("Interaction", StringComparison.Ordinal) || e.Category.Contains("HttpEndpoints", StringComparison.Ordinal) || e.Message.Contains("/interactions", StringComparison.Ordinal)));
        Assert.DoesNotContain(logs.Entries, e => e.Level >= LogLevel.Error);
    }

    [Fact]
    public async Task HttpMode_SlowCommand_IsDeferredAndItsReplyEditsTheOriginal()
    {
        var slow = new SlowCommand();
        var (run, input, _, http) = Chat(["Discord:InlineAnswerWindow=00:00:00.200", .. DiscordArgs()], services => services.AddSingleton<ICommandHandler>(slow));
        using var client = http;
        await Eventually.UntilAsync(() => _discord.GlobalCommands is not null, seconds: 60);

        var first = await Post(http, Command("slow"));
        var editsBefore = _discord.Requests.Count(r => r.Route.StartsWith("PATCH webhooks/", StringComparison.Ordinal));
        slow.Release.SetResult("the slow answer");
        await Eventually.UntilAsync(() => _discord.Requests.Any(r => r.Route == $"PATCH webhooks/{FakeDiscord.ApplicationId}/t/messages/@original"), seconds: 60);
        input.End();
        Assert.Equal(0, await run);

        Assert.Equal((HttpStatusCode.OK, """{"type":5}"""), (first.Status, first.Body));
        Assert.Equal(0, editsBefore);
        var edit = _discord.Requests.First(r => r.Route.StartsWith("PATCH webhooks/", StringComparison.Ordinal)).Body!;
        Assert.Equal("the slow answer", (string?)edit["embeds"]![0]!["description"]);
        Assert.True(_discord.SchemaViolations.IsEmpty, string.Join("\n", _discord.SchemaViolations));
    }

    [Fact]
    public async Task QuizRound_RunsOnDiscordWithButtonsAndChannelPosts()
    {
        var (run, input, _, http) = Chat(["Quiz:AnswerWindow=00:00:05", .. DiscordArgs()]);
        using var client = http;
        await Eventually.UntilAsync(() => _discord.GlobalCommands is not null, seconds: 60);

        var started = await Post(http, Command("quiz", """[{"type":1,"name":"start","options":[{"type":4,"name":"questions","value":1}]}]"""));
        await Eventually.UntilAsync(() => _discord.Messages.Any(m => m.Body["components"] is not null), seconds: 30);
        var question = _discord.Messages.First(m => m.Body["components"] is not null);
        var button = (string)question.Body["components"]![0]!["components"]![0]!["custom_id"]!;
        var press = $$$"""{"type":3,"id":"3","token":"t3","guild_id":"1","channel_id":"2","member":{"permissions":"0","user":{"id":"42","username":"alice"}},"data":{"custom_id":"{{{button}}}","component_type":2}}""";
        var first = await Post(http, press);
        var second = await Post(http, press);
        await Eventually.UntilAsync(() => _discord.Messages.Count >= 2, seconds: 30);
        input.End();
        Assert.Equal(0, await run);

        Assert.Contains("Quiz round started", started.Body, StringComparison.Ordinal);
        Assert.Equal("2", question.Channel);
        Assert.Contains("Got it, alice: A", first.Body, StringComparison.Ordinal);
        Assert.Equal(64, (int?)JsonNode.Parse(first.Body)!["data"]!["flags"]);
        Assert.Contains("already answered", second.Body, StringComparison.Ordinal);
        // Before the reveal, the question's buttons were taken away by an edit.
        var edit = Assert.Single(_discord.Requests, r => r.Route.StartsWith("PATCH channels/2/messages/", StringComparison.Ordinal));
        Assert.Empty(edit.Body!["components"]!.AsArray());
        Assert.All(_discord.Messages, m => Assert.Empty(m.Body["allowed_mentions"]!["parse"]!.AsArray()));
        Assert.True(_discord.SchemaViolations.IsEmpty, string.Join("\n", _discord.SchemaViolations));
    }

    [Fact]
    public async Task AnnouncementIntoAnotherGuildsChannel_IsRefusedAndOneIntoThisGuildIsPosted()
    {
        const string Refusal = "That channel is not in this server.";
        _discord.Channels["5"] = "1";
        _discord.Channels["7"] = "9";
        var (run, input, _, http) = Chat(DiscordArgs());
        using var client = http;
        await Eventually.UntilAsync(() => _discord.GlobalCommands is not null, seconds: 60);

        var elsewhere = await Post(http, Announce("Free nitro", "7"));
        // On a busy machine the answer may come as an edit after a deferral instead.
        await Eventually.UntilAsync(() => (elsewhere.Body + string.Concat(_discord.Requests.Where(r => r.Route.StartsWith("PATCH webhooks/", StringComparison.Ordinal)).Select(r => r.Body?.ToJsonString()))).Contains(Refusal, StringComparison.Ordinal), seconds: 30);
        await Post(http, Announce("Release day", "5"));
        await Eventually.UntilAsync(() => !_discord.Messages.IsEmpty, seconds: 30);
        input.End();
        Assert.Equal(0, await run);

        var post = Assert.Single(_discord.Messages);
        Assert.Equal("5", post.Channel);
        Assert.Equal(1, _discord.Count("GET channels/7"));
        Assert.Equal(0, _discord.Count("POST channels/7/messages"));
        Assert.True(_discord.SchemaViolations.IsEmpty, string.Join("\n", _discord.SchemaViolations));
    }

    [Fact]
    public async Task AnnouncementIntoAChannelAnswering403_PausesItAndLaterPostsElsewhereStillGoOut()
    {
        _discord.Channels["5"] = "1";
        _discord.Channels["6"] = "1";
        _discord.Fail("POST channels/6/messages", 403, 403, 403, 403);
        var (run, input, _, http) = Chat(DiscordArgs());
        using var client = http;
        await Eventually.UntilAsync(() => _discord.GlobalCommands is not null, seconds: 60);

        await Post(http, Announce("Locked out", "6"));
        await Post(http, Announce("Release day", "5"));
        await Eventually.UntilAsync(() => _discord.Messages.Any(m => m.Channel == "5"), seconds: 30);
        await Eventually.UntilAsync(() => _discord.Messages.Any(m => m.Channel == "2"), seconds: 30);
        input.End();
        Assert.Equal(0, await run);

        // The refusal was tried once, not retried; the moderator is told in the channel they asked in.
        Assert.Equal(1, _discord.Count("POST channels/6/messages"));
        var notice = Assert.Single(_discord.Messages, m => m.Channel == "2").Body.ToJsonString();
        Assert.Contains("Announcement not posted", notice, StringComparison.Ordinal);
        Assert.Contains("Release day", Assert.Single(_discord.Messages, m => m.Channel == "5").Body.ToJsonString(), StringComparison.Ordinal);
        Assert.True(_discord.SchemaViolations.IsEmpty, string.Join("\n", _discord.SchemaViolations));
    }

    [Fact]
    public async Task RefusedToken_StopsTheAdapterAndReadinessAndAboutSayWhy()
    {
        var (run, input, output, http) = Chat([.. DiscordArgs("Gateway"), "Discord:Token=revoked-token-77"]);
        using var client = http;
        var ready = "";
        await Eventually.UntilAsync(() => (ready = Readiness(http)).Contains("stopped", StringComparison.Ordinal), seconds: 60);
        input.Type("/about");
        await output.WaitForAsync("discord (stopped:");
        input.End();
        await run;

        Assert.Contains("discord (stopped:", ready, StringComparison.Ordinal);
        Assert.Contains("Discord__Token", ready, StringComparison.Ordinal);
        Assert.DoesNotContain("revoked-token-77", ready + output.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RegisterVerb_OverwritesAGuildsCommands()
    {
        var (code, output, error) = await _bot.RunAsync("", null, ["discord", "register", "--guild", "4242", .. DiscordArgs("Gateway")]);

        Assert.True(code == 0, error);
        Assert.Contains($"registered {_discord.GuildCommands!.Count} commands in guild 4242", output, StringComparison.Ordinal);
        Assert.True(_discord.SchemaViolations.IsEmpty, string.Join("\n", _discord.SchemaViolations));
    }

    [Fact]
    public async Task RegisterVerb_ExplainsARefusedTokenWithoutShowingIt()
    {
        var (code, _, error) = await _bot.RunAsync("", null, ["discord", "register", .. DiscordArgs("Gateway"), "Discord:Token=not-the-token-123"]);

        Assert.Equal(1, code);
        Assert.Contains("401", error, StringComparison.Ordinal);
        Assert.DoesNotContain("not-the-token-123", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Discord:ApplicationId=my-app", "Discord:ApplicationId")]
    [InlineData("Discord:Mode=Http", "Http:Urls")]
    [InlineData("Discord:ShardId=3", "Discord:ShardId")]
    public async Task BadDiscordSettings_StopTheStartNamingTheKey(string setting, string named)
    {
        var (code, _, error) = await _bot.RunAsync("", null, ["config", "check", "Discord:Token=t", "Discord:ApplicationId=1", "Discord:PublicKey=" + new string('a', 64), setting]);

        Assert.Equal(2, code);
        Assert.Contains(named, error, StringComparison.Ordinal);
    }

    /// <summary>`bot chat` in-process with the HTTP endpoints on a free port; a client for them.</summary>
    [Fact]
    public async Task News_WithADiscordChannelAndAMatrixRoomThatRefuseForGood_StillReachesEveryOtherChannelInOrder()
    {
        const int items = 6;
        const string openRoom = "!open:test.org", mutedRoom = "!muted:test.org", moderator = "@mod:test.org";
        await using var feed = await GrowingFeed.StartAsync(items, TimeSpan.FromSeconds(2));
        await using var matrix = await Bot.Matrix.Tests.Support.FakeHomeserver.StartAsync();
        foreach (var room in new[] { openRoom, mutedRoom })
        {
            matrix.JoinedRooms[room] = 0;
            matrix.PowerLevels[room] = new JsonObject { ["users"] = new JsonObject { [moderator] = 100 }, ["users_default"] = 0 };
        }

        matrix.ForbiddenRooms[mutedRoom] = 0;
        _discord.Fail("POST channels/3/messages", [.. Enumerable.Repeat(403, 50)]);
        var (run, input, _, http) = Chat([
            .. DiscordArgs(),
            "Matrix:HomeserverUrl=" + matrix.Url, "Matrix:AccessToken=" + Bot.Matrix.Tests.Support.FakeHomeserver.Token,
            "Matrix:SyncTimeout=00:00:01", "Matrix:RetryDelay=00:00:00.100",
            "News:AllowPrivateAddresses=true", "News:PollInterval=00:00:05", "News:HostPoliteness=00:00:00",
            "News:FirstFetch=newest", "News:MaxPostsPerPoll=50",
        ]);
        using var client = http;
        await Eventually.UntilAsync(() => _discord.GlobalCommands is not null, seconds: 60);
        await Eventually.UntilAsync(() => matrix.Requests.Count(r => r == "GET /_matrix/client/v3/sync") >= 2, seconds: 60);

        foreach (var channel in new[] { "2", "3" })
        {
            var subscribed = await Post(http, Subscribe(feed.Url, channel));
            Assert.Contains("Subscribed to", subscribed.Body, StringComparison.Ordinal);
        }

        matrix.AddBatch(new()
        {
            [openRoom] = [Bot.Matrix.Tests.Support.FakeHomeserver.Message("$s1", moderator, $"!news subscribe {feed.Url}")],
            [mutedRoom] = [Bot.Matrix.Tests.Support.FakeHomeserver.Message("$s2", moderator, $"!news subscribe {feed.Url}")],
        });
        await Eventually.UntilAsync(() => matrix.Messages.Any(m => (string?)m["room_id"] == openRoom && ((string?)m["body"] ?? "").Contains("Subscribed to", StringComparison.Ordinal)), seconds: 30);
        await Eventually.UntilAsync(() => matrix.SendAttempts.GetValueOrDefault(mutedRoom) > 0, seconds: 30);
        feed.Release();

        bool Has(IEnumerable<string> bodies, int n) => bodies.Any(b => b.Contains(GrowingFeed.Title(n), StringComparison.Ordinal));
        IEnumerable<string> DiscordBodies(string channel) => _discord.Messages.Where(m => m.Channel == channel).Select(m => m.Body.ToJsonString());
        IEnumerable<string> MatrixBodies(string room) => matrix.Messages.Where(m => (string?)m["room_id"] == room).Select(m => (string?)m["body"] ?? "");
        await Eventually.UntilAsync(() => Enumerable.Range(0, items).All(n => Has(DiscordBodies("2"), n) && Has(MatrixBodies(openRoom), n)), seconds: 60);
        var readiness = Readiness(http);
        input.End();
        Assert.Equal(0, await run);

        foreach (var bodies in new[] { DiscordBodies("2").ToList(), MatrixBodies(openRoom).ToList() })
        {
            var order = Enumerable.Range(0, items).Select(n => bodies.FindIndex(b => b.Contains(GrowingFeed.Title(n), StringComparison.Ordinal))).ToList();
            Assert.Equal(order.Order(), order);
            Assert.All(Enumerable.Range(0, items), n => Assert.Single(bodies, b => b.Contains(GrowingFeed.Title(n), StringComparison.Ordinal)));
        }

        Assert.Empty(DiscordBodies("3"));
        Assert.Empty(MatrixBodies(mutedRoom));
        // Each refusing channel was tried, then paused: not asked again for every item.
        Assert.InRange(_discord.Count("POST channels/3/messages"), 1, 2);
        Assert.InRange(matrix.SendAttempts[mutedRoom], 1, 3);
        Assert.Contains("2 paused", readiness, StringComparison.Ordinal);
    }

    private (Task<int> Run, ScriptedInput Input, WatchedOutput Output, HttpClient Http) Chat(string[] settings, Action<IServiceCollection>? overrides = null)
    {
        var port = Ports.Free();
        var input = new ScriptedInput();
        var output = new WatchedOutput();
        var run = BotCli.RunAsync(
            ["chat", "--data-dir", _bot.DataDirectory.FullName, "--urls", $"http://127.0.0.1:{port}", "Knowledge:Embeddings=false", "Packages:SyncOnStart=false", .. settings],
            new CliContext(input, output, new StringWriter(), Interactive: false),
            overrides);
        return (run, input, output, new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") });
    }

    /// <summary>The /readyz body, whatever its status; empty while nothing listens yet.</summary>
    private static string Readiness(HttpClient http)
    {
        try
        {
            using var response = http.GetAsync("/readyz").GetAwaiter().GetResult();
            return response.Content.ReadAsStringAsync().GetAwaiter().GetResult();
        }
        catch (HttpRequestException)
        {
            return "";
        }
    }

    /// <summary>A moderator's (Manage Guild) <c>/news subscribe</c> in guild 1, typed in <paramref name="channel"/>.</summary>
    private static string Subscribe(Uri feed, string channel) =>
        $$$"""{"type":2,"id":"1","token":"t","guild_id":"1","channel_id":"{{{channel}}}","member":{"permissions":"32","user":{"id":"42","username":"alice"}},"data":{"id":"9","name":"news","type":1,"options":[{"type":1,"name":"subscribe","options":[{"type":3,"name":"url","value":"{{{feed}}}"}]}]}}""";

    private static string Command(string name, string options = "[]") =>
        $$$"""{"type":2,"id":"1","token":"t","guild_id":"1","channel_id":"2","member":{"permissions":"0","user":{"id":"42","username":"alice"}},"data":{"id":"9","name":"{{{name}}}","type":1,"options":{{{options}}}}}""";

    /// <summary>A moderator's (Manage Guild) <c>/announce send</c> in guild 1, channel 2, into <paramref name="channel"/>.</summary>
    private static string Announce(string text, string channel) =>
        $$$"""{"type":2,"id":"1","token":"t","guild_id":"1","channel_id":"2","member":{"permissions":"32","user":{"id":"42","username":"alice"}},"data":{"id":"9","name":"announce","type":1,"options":[{"type":1,"name":"send","options":[{"type":3,"name":"text","value":"{{{text}}}"},{"type":7,"name":"channel","value":"{{{channel}}}"}]}]}}""";

    private async Task<(HttpStatusCode Status, string Body)> Post(HttpClient http, string body, bool tamper = false, bool sign = true, TimeSpan age = default)
    {
        var stamp = (TimeProvider.System.GetUtcNow() - age).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var signature = Convert.ToHexString(SignatureAlgorithm.Ed25519.Sign(_key, Encoding.UTF8.GetBytes(stamp + body)));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/interactions") { Content = new StringContent(tamper ? body + " " : body, Encoding.UTF8, "application/json") };
        if (sign)
        {
            request.Headers.Add("X-Signature-Ed25519", signature);
            request.Headers.Add("X-Signature-Timestamp", stamp);
        }

        using var response = await http.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private string Sign(string stamp, string body) => Convert.ToHexString(SignatureAlgorithm.Ed25519.Sign(_key, Encoding.UTF8.GetBytes(stamp + body)));

    /// <summary>Posts with the signature headers exactly as given, however malformed.</summary>
    private static async Task<HttpStatusCode> PostRaw(HttpClient http, string body, string stamp, string signature)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/interactions") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation("X-Signature-Ed25519", signature);
        request.Headers.TryAddWithoutValidation("X-Signature-Timestamp", stamp);
        using var response = await http.SendAsync(request);
        return response.StatusCode;
    }

    /// <summary><c>/slow</c> answers when the test says so.</summary>
    private sealed class SlowCommand : ICommandHandler
    {
        public TaskCompletionSource<string> Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public CommandSpec Spec { get; } = new("slow", "Answers late") { Module = "Test" };

        public async ValueTask<Reply> HandleAsync(CommandInvocation call, CancellationToken cancellationToken) =>
            Reply.Say(await Release.Task.WaitAsync(cancellationToken));
    }
}
