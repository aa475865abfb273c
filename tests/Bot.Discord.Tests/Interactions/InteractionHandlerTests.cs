using System.Text;
using System.Text.Json.Nodes;
using Bot.Core.Commands;
using Bot.Core.Replies;
using Bot.Discord.Interactions;
using Bot.Discord.Tests.Support;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using NSec.Cryptography;

namespace Bot.Discord.Tests.Interactions;

/// <summary>HTTP interactions signed with a real Ed25519 key, handled through the real router.</summary>
public sealed class InteractionHandlerTests : IDisposable
{
    private readonly Key _key = Key.Create(SignatureAlgorithm.Ed25519);
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 26, 12, 0, 0, TimeSpan.Zero));
    private readonly ListLogger<InteractionHandler> _handlerLog = new();
    private readonly ListLogger<InteractionDispatcher> _dispatcherLog = new();
    private readonly InteractionHandler _handler;

    public InteractionHandlerTests()
    {
        var publicKey = Convert.ToHexString(_key.PublicKey.Export(KeyBlobFormat.RawPublicKey));
        var router = new CommandRouter(new CommandCatalog([new EchoCommand()]), new PersonRateLimiter(Microsoft.Extensions.Options.Options.Create(new Bot.Core.Options.ChatOptions()), TimeProvider.System), NullLogger<CommandRouter>.Instance);
        _handler = new InteractionHandler(new SignatureVerifier(publicKey, _clock), new InteractionDispatcher(router, (_, _, _) => Task.CompletedTask, TimeSpan.FromSeconds(2), _clock, _dispatcherLog), _handlerLog);
    }

    public void Dispose() => _key.Dispose();

    private Task<Bot.Core.Web.WebhookAnswer> Send(string body, string? timestamp = null, Func<byte[], byte[]>? tamper = null, bool sign = true)
    {
        var stamp = timestamp ?? _clock.GetUtcNow().ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var bytes = Encoding.UTF8.GetBytes(body);
        var signature = Convert.ToHexString(SignatureAlgorithm.Ed25519.Sign(_key, Encoding.UTF8.GetBytes(stamp + body)));
        return _handler.HandleAsync(sign ? signature : null, stamp, tamper?.Invoke(bytes) ?? bytes, default);
    }

    private static JsonNode Json(Bot.Core.Web.WebhookAnswer result) => JsonNode.Parse(result.Body)!;

    private const string Member = "\"guild_id\":\"1\",\"channel_id\":\"2\",\"member\":{\"permissions\":\"0\",\"user\":{\"id\":\"42\",\"username\":\"alice\"}}";

    [Fact]
    public async Task Ping_IsAnsweredWithPong()
    {
        var result = await Send("""{"type":1}""");

        Assert.Equal((200, """{"type":1}"""), (result.Status, result.Body));
    }

    [Theory]
    [InlineData("tampered")]
    [InlineData("unsigned")]
    [InlineData("old")]
    [InlineData("future-garbage")]
    public async Task BadSignatures_Get401BeforeAnyParsing(string fault)
    {
        var result = fault switch
        {
            "tampered" => await Send("""{"type":1}""", tamper: b => [.. b.Take(b.Length - 1), (byte)' ']),
            "unsigned" => await Send("""{"type":1}""", sign: false),
            "old" => await Send("""{"type":1}""", timestamp: (_clock.GetUtcNow().ToUnixTimeSeconds() - 301).ToString(System.Globalization.CultureInfo.InvariantCulture)),
            _ => await Send("not even json", timestamp: "soon"),
        };

        Assert.Equal(401, result.Status);
    }

    [Theory]
    [InlineData("signature-empty")]
    [InlineData("signature-short")]
    [InlineData("signature-long")]
    [InlineData("signature-not-hex")]
    [InlineData("signature-padded")]
    [InlineData("99999999999999999999")]
    [InlineData("9223372036854775807")]
    [InlineData("999999999999")]
    [InlineData("-1")]
    [InlineData("-9223372036854775808")]
    [InlineData("+{now}")]
    [InlineData("{now}.0")]
    [InlineData("1e9")]
    [InlineData("12ab")]
    [InlineData(" {now}")]
    [InlineData("{now} ")]
    [InlineData("\u0661\u0662\u0663")]
    [InlineData(" ")]
    [InlineData("")]
    [InlineData("ahead")]
    public async Task MalformedSignatureOrTimestamp_Gets401AndNoLogAboveDebug(string fault)
    {
        const string Body = """{"type":1}""";
        var now = _clock.GetUtcNow().ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var good = Convert.ToHexString(SignatureAlgorithm.Ed25519.Sign(_key, Encoding.UTF8.GetBytes(now + Body)));
        var (signature, timestamp) = fault switch
        {
            "signature-empty" => ("", now),
            "signature-short" => (good[..^2], now),
            "signature-long" => (good + "00", now),
            "signature-not-hex" => ("zz" + good[2..], now),
            "signature-padded" => (" " + good[1..], now),
            "ahead" => (null, (_clock.GetUtcNow().ToUnixTimeSeconds() + 301).ToString(System.Globalization.CultureInfo.InvariantCulture)),
            _ => (null, fault.Replace("{now}", now, StringComparison.Ordinal)),
        };

        // A bad timestamp is signed as it is sent: only the timestamp is at fault.
        signature ??= Convert.ToHexString(SignatureAlgorithm.Ed25519.Sign(_key, Encoding.UTF8.GetBytes(timestamp + Body)));
        var result = await _handler.HandleAsync(signature, timestamp, Encoding.UTF8.GetBytes(Body), default);

        Assert.Equal(401, result.Status);
        Assert.DoesNotContain(_handlerLog.Entries.Concat(_dispatcherLog.Entries), e => e.Level > LogLevel.Debug);
    }

    [Fact]
    public async Task Command_WithSubcommandAndTypedOptions_IsRoutedAndRenderedWithoutPings()
    {
        var result = await Send($$$"""{"type":2,{{{Member}}},"data":{"name":"echo","options":[{"type":1,"name":"say","options":[{"type":3,"name":"text","value":"hi @everyone"},{"type":4,"name":"times","value":2}]}]}}""");

        var json = Json(result);
        Assert.Equal(200, result.Status);
        Assert.Equal(4, (int)json["type"]!);
        Assert.Equal("hi @everyone ×2 (alice, moderator: False)", (string?)json["data"]!["embeds"]![0]!["description"]);
        Assert.Equal("[]", json["data"]!["allowed_mentions"]!["parse"]!.ToJsonString());
        Assert.Equal("echo:again", (string?)json["data"]!["components"]![0]!["components"]![0]!["custom_id"]);
    }

    [Fact]
    public async Task ModeratorCommand_NeedsManageGuildOrAdministrator()
    {
        var member = await Send($$$"""{"type":2,{{{Member}}},"data":{"name":"echo","options":[{"type":1,"name":"admin"}]}}""");
        var admin = await Send($$$"""{"type":2,{{{Member.Replace("\"0\"", "\"8\"", StringComparison.Ordinal)}}},"data":{"name":"echo","options":[{"type":1,"name":"admin"}]}}""");

        Assert.Equal("`/echo admin` is for moderators.", (string?)Json(member)["data"]!["embeds"]![0]!["description"]);
        Assert.Equal(64, (int)Json(member)["data"]!["flags"]!);
        Assert.Equal("done", (string?)Json(admin)["data"]!["embeds"]![0]!["description"]);
    }

    [Fact]
    public async Task ButtonPress_GoesToTheComponentHandler()
    {
        var result = await Send($$$"""{"type":3,{{{Member}}},"data":{"custom_id":"echo:again","component_type":2}}""");

        Assert.Equal("pressed echo:again", (string?)Json(result)["data"]!["embeds"]![0]!["description"]);
    }

    [Fact]
    public async Task Autocomplete_ReturnsAtMost25Choices()
    {
        var result = await Send($$$"""{"type":4,{{{Member}}},"data":{"name":"echo","options":[{"type":1,"name":"say","options":[{"type":3,"name":"text","value":"ab","focused":true}]}]}}""");

        var json = Json(result);
        Assert.Equal(8, (int)json["type"]!);
        Assert.Equal(25, json["data"]!["choices"]!.AsArray().Count);
        Assert.Equal("ab0", (string?)json["data"]!["choices"]![0]!["value"]);
    }

    [Theory]
    [InlineData("""{"type":99}""", "unknown interaction type 99")]
    [InlineData("""{"type":2,"data":{}}""", "command without name or user")]
    [InlineData("""[1,2""", "malformed JSON")]
    public async Task BadBodies_Get400NotA500(string body, string error)
    {
        var result = await Send(body);

        Assert.Equal(400, result.Status);
        Assert.Equal(error, (string?)Json(result)["error"]);
    }

    [Fact]
    public async Task OversizedBody_Gets413()
    {
        var result = await Send("""{"type":1,"x":""" + "\"" + new string('x', 70_000) + "\"}");

        Assert.Equal(413, result.Status);
    }

    [Fact]
    public async Task UnknownCommand_GetsAHelpfulEphemeralMessage()
    {
        var result = await Send($$$"""{"type":2,{{{Member}}},"data":{"name":"ehco"}}""");

        var data = Json(result)["data"]!;
        Assert.Equal("I don't know `/ehco` — did you mean `/echo`? Try /help", (string?)data["embeds"]![0]!["description"]);
        Assert.Equal(64, (int)data["flags"]!);
    }

    private sealed class EchoCommand : ICommandHandler, IComponentHandler, IAutocompleteHandler
    {
        public CommandSpec Spec { get; } = new("echo", "Echo")
        {
            Subcommands =
            [
                new CommandSpec("say", "Say")
                {
                    Options = [new OptionSpec("text", OptionKind.Text, "t", Required: true) { Autocomplete = true }, new OptionSpec("times", OptionKind.Integer, "n") { MinValue = 1, MaxValue = 5 }],
                },
                new CommandSpec("admin", "Moderators") { Permission = Permission.Moderator },
            ],
        };

        public ValueTask<Reply> HandleAsync(CommandInvocation call, CancellationToken cancellationToken) =>
            ValueTask.FromResult(call.Subcommand == "admin"
                ? Reply.Say("done")
                : new Reply
                {
                    Text = $"{call.Text("text")} ×{call.Integer("times", 1)} ({call.Caller.DisplayName}, moderator: {call.Caller.IsModerator})",
                    Buttons = [new ReplyButton("echo:again", "Again")],
                });

        public ValueTask<Reply> HandleComponentAsync(CommandInvocation call, CancellationToken cancellationToken) =>
            ValueTask.FromResult(Reply.Say("pressed " + call.ComponentId));

        public ValueTask<IReadOnlyList<string>> CompleteAsync(string? subcommand, string option, string partial, CancellationToken cancellationToken) =>
            ValueTask.FromResult<IReadOnlyList<string>>([.. Enumerable.Range(0, 40).Select(i => partial + i)]);
    }
}
