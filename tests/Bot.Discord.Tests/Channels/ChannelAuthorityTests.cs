using Bot.Core.Chat;
using Bot.Discord.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Discord.Tests.Channels;

/// <summary>Posting into another channel: only one of the interaction's own guild, as Discord says (GET channels/{id}).</summary>
public sealed class ChannelAuthorityTests : IAsyncLifetime
{
    private const string Guild = "111111111111111111";
    private const string OtherGuild = "222222222222222222";
    private const string Here = "300000000000000001";
    private const string SameGuildChannel = "300000000000000002";
    private const string OtherGuildChannel = "400000000000000001";
    private static readonly ChatAddress From = new("discord", Guild, Here);
    private static readonly Caller Moderator = new("42", "alice", IsModerator: true);

    private FakeDiscord _discord = null!;
    private DiscordHarness _bot = null!;

    public async Task InitializeAsync()
    {
        _discord = await FakeDiscord.StartAsync();
        _discord.Channels[Here] = Guild;
        _discord.Channels[SameGuildChannel] = Guild;
        _discord.Channels[OtherGuildChannel] = OtherGuild;
        _bot = new DiscordHarness(_discord);
    }

    public async Task DisposeAsync()
    {
        await _bot.DisposeAsync();
        Assert.True(_discord.SchemaViolations.IsEmpty, string.Join("\n", _discord.SchemaViolations));
        await _discord.DisposeAsync();
    }

    private ValueTask<TargetVerdict> CheckAsync(string channel, Caller? caller = null) =>
        _bot.Services.GetServices<IChannelAuthority>().CheckTargetAsync(From, From with { Channel = channel }, caller ?? Moderator, CancellationToken.None);

    [Fact]
    public async Task ChannelOfTheSameGuild_IsAllowed()
    {
        var verdict = await CheckAsync(SameGuildChannel);

        Assert.True(verdict.Allowed);
        Assert.Equal(1, _discord.Count($"GET channels/{SameGuildChannel}"));
    }

    [Fact]
    public async Task ChannelOfAnotherGuild_IsRefused()
    {
        var verdict = await CheckAsync(OtherGuildChannel);

        Assert.Equal(TargetVerdict.Refuse("That channel is not in this server."), verdict);
    }

    [Fact]
    public async Task ChannelDiscordDoesNotShow_IsRefusedWithNeutralWords()
    {
        var verdict = await CheckAsync("500000000000000001");

        Assert.Equal(TargetVerdict.Refuse(TargetVerdict.CouldNotCheck), verdict);
    }

    [Fact]
    public async Task FailingDiscord_RefusesRatherThanAllows()
    {
        _discord.Fail($"GET channels/{SameGuildChannel}", 403);

        var verdict = await CheckAsync(SameGuildChannel);

        Assert.Equal(TargetVerdict.Refuse(TargetVerdict.CouldNotCheck), verdict);
    }

    [Theory]
    [InlineData("general")]
    [InlineData("../guilds/1")]
    public async Task ChannelThatIsNoSnowflake_NeverReachesDiscord(string channel)
    {
        var verdict = await CheckAsync(channel);

        Assert.False(verdict.Allowed);
        Assert.DoesNotContain(_discord.Requests, r => r.Route.StartsWith("GET channels", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CallerWhoIsNoModerator_IsRefusedWithoutALookup()
    {
        var verdict = await CheckAsync(SameGuildChannel, Moderator with { IsModerator = false });

        Assert.False(verdict.Allowed);
        Assert.Empty(_discord.Requests);
    }
}
