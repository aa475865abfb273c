using Bot.Core.Chat;
using Bot.Core.Replies;
using Bot.Discord.Tests.Support;
using Bot.Testing;

namespace Bot.Discord.Tests.Registration;

/// <summary>Registration at start and channel posts, against the fake Discord's REST API.</summary>
public sealed class RegistrationTests : IAsyncLifetime
{
    private FakeDiscord _discord = null!;

    public async Task InitializeAsync() => _discord = await FakeDiscord.StartAsync();

    public async Task DisposeAsync() => await _discord.DisposeAsync();

    [Fact]
    public async Task Commands_AreRegisteredAtStartInTheShapeTheSpecAllows()
    {
        await using var bot = Bot();
        await bot.StartAsync();
        await Eventually.UntilAsync(() => _discord.GlobalCommands is not null);

        var commands = _discord.GlobalCommands!.ToDictionary(c => (string)c!["name"]!);
        Assert.Equal(["ping", "slow"], commands.Keys.Order());
        Assert.Equal("32", (string?)commands["slow"]!["default_member_permissions"]);
        Assert.Null(commands["ping"]!["default_member_permissions"]);
        Assert.Equal(3, (int?)commands["ping"]!["options"]![0]!["type"]);
        Assert.True(_discord.SchemaViolations.IsEmpty, string.Join("\n", _discord.SchemaViolations));
    }

    [Fact]
    public async Task UnchangedCatalog_IsNotRegisteredAgainOnTheNextStart()
    {
        var store = new MemoryStream();
        await using (var first = Bot(database: store))
        {
            await first.StartAsync();
            await Eventually.UntilAsync(() => first.Adapter.IsConnected);
        }

        await using (var second = Bot(database: store))
        {
            await second.StartAsync();
            await Eventually.UntilAsync(() => second.Adapter.IsConnected || second.Adapter.Stopped is not null);
            await Task.Delay(200);
        }

        Assert.Equal(1, _discord.Count($"PUT applications/{FakeDiscord.ApplicationId}/commands"));
    }

    [Fact]
    public async Task RegistrationThatDiscordWasTooBusyFor_IsTriedAgainLater()
    {
        // Five 429s: more than the REST client's own attempts, so the adapter's retry must do it.
        _discord.Fail($"PUT applications/{FakeDiscord.ApplicationId}/commands", 429, 429, 429, 429, 429);
        await using var bot = Bot();

        await bot.StartAsync();
        await Eventually.UntilAsync(() => _discord.GlobalCommands is not null);

        Assert.Equal(6, _discord.Count($"PUT applications/{FakeDiscord.ApplicationId}/commands"));
    }

    [Fact]
    public async Task GuildId_RegistersInThatGuildOnly()
    {
        await using var bot = Bot(new() { ["Discord:GuildId"] = "4242" });
        await bot.StartAsync();
        await Eventually.UntilAsync(() => _discord.GuildCommands is not null);

        Assert.Null(_discord.GlobalCommands);
        Assert.Equal(1, _discord.Count($"PUT applications/{FakeDiscord.ApplicationId}/guilds/4242/commands"));
    }

    [Fact]
    public async Task PostRetriedWithTheSameKey_AppearsOnceAndNeverPings()
    {
        await using var bot = Bot();
        var to = new ChatAddress("discord", "7", "8");
        var reply = new Reply { Title = "News", Text = "@everyone a new release" };

        var first = await bot.Adapter.PostAsync(to, reply, "outbox-17", CancellationToken.None);
        var again = await bot.Adapter.PostAsync(to, reply, "outbox-17", CancellationToken.None);

        Assert.True(first.Posted);
        Assert.Equal(first.MessageId, again.MessageId);
        var (channel, body) = Assert.Single(_discord.Messages);
        Assert.Equal("8", channel);
        Assert.Empty(body["allowed_mentions"]!["parse"]!.AsArray());
        Assert.True((bool?)body["enforce_nonce"]);
        Assert.InRange(((string?)body["nonce"])!.Length, 1, 25);
        Assert.True(_discord.SchemaViolations.IsEmpty, string.Join("\n", _discord.SchemaViolations));
    }

    [Fact]
    public async Task PostToAChannelThatIsGone_FailsWithWordsAndIsNotRetried()
    {
        await using var bot = Bot();
        _discord.Fail("POST channels/8/messages", 404);

        var result = await bot.Adapter.PostAsync(new ChatAddress("discord", "7", "8"), Reply.Say("hello"), "k1", CancellationToken.None);

        Assert.False(result.Posted);
        Assert.Contains("404", result.Error, StringComparison.Ordinal);
        Assert.Equal(1, _discord.Count("POST channels/8/messages"));
    }

    private DiscordHarness Bot(Dictionary<string, string?>? settings = null, Stream? database = null)
    {
        var all = new Dictionary<string, string?> { ["Discord:Mode"] = "Http", ["Discord:PublicKey"] = new string('a', 64), ["Http:Urls"] = "http://127.0.0.1:0" };
        foreach (var (key, value) in settings ?? [])
        {
            all[key] = value;
        }

        return new DiscordHarness(_discord, all, database);
    }
}
