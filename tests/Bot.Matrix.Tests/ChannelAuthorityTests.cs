using System.Text.Json.Nodes;
using Bot.Core.Chat;
using Bot.Matrix.Tests.Support;
using Bot.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Matrix.Tests;

/// <summary>Posting into another room: only where the bot is joined and the caller moderates that room itself.</summary>
public sealed class ChannelAuthorityTests : IAsyncLifetime
{
    private const string Here = "!here:test.org";
    private const string Moderated = "!moderated:test.org";
    private const string Powerless = "!powerless:test.org";
    private const string NotJoined = "!elsewhere:test.org";
    private static readonly ChatAddress From = new("matrix", "test.org", Here);

    // A moderator where the command was given: that must not carry over to another room.
    private static readonly Caller Alice = new("@alice:test.org", "alice", IsModerator: true);

    private FakeHomeserver _server = null!;
    private MatrixHarness _bot = null!;

    public async Task InitializeAsync()
    {
        _server = await FakeHomeserver.StartAsync();
        foreach (var room in new[] { Here, Moderated, Powerless })
        {
            _server.JoinedRooms[room] = 0;
        }

        _server.PowerLevels[Moderated] = new JsonObject { ["users"] = new JsonObject { [Alice.Id] = 50 }, ["state_default"] = 50 };
        _server.PowerLevels[Powerless] = new JsonObject { ["users"] = new JsonObject { [Alice.Id] = 0 }, ["users_default"] = 0, ["state_default"] = 50 };
        _server.AddBatch();
        _bot = new MatrixHarness(_server, new MemoryStream());
        await _bot.StartAsync();
        await Eventually.UntilAsync(() => _bot.Adapter.IsConnected);
    }

    public async Task DisposeAsync()
    {
        await _bot.DisposeAsync();
        Assert.True(_server.ContractViolations.IsEmpty, string.Join("\n", _server.ContractViolations.Distinct()));
        await _server.DisposeAsync();
    }

    private ValueTask<TargetVerdict> CheckAsync(string room) =>
        _bot.Services.GetServices<IChannelAuthority>().CheckTargetAsync(From, From with { Channel = room }, Alice, CancellationToken.None);

    [Fact]
    public async Task RoomWhereTheCallerIsAModerator_IsAllowed()
    {
        Assert.True((await CheckAsync(Moderated)).Allowed);
    }

    [Fact]
    public async Task RoomWhereTheCallerHasPowerLevelZero_IsRefused()
    {
        Assert.Equal(TargetVerdict.Refuse("You are not a moderator in that room."), await CheckAsync(Powerless));
    }

    [Fact]
    public async Task RoomTheBotIsNotIn_IsRefusedWithoutReadingItsState()
    {
        var verdict = await CheckAsync(NotJoined);

        Assert.Equal(TargetVerdict.Refuse("I am not in that room; invite me there first."), verdict);
        Assert.DoesNotContain(_server.Requests, r => r.Contains(Uri.EscapeDataString(NotJoined), StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("#announcements:test.org")]
    [InlineData("general")]
    public async Task AliasOrAName_IsRefusedWithoutAnyLookup(string room)
    {
        var before = _server.Requests.Count(r => r.EndsWith("/joined_rooms", StringComparison.Ordinal));

        Assert.False((await CheckAsync(room)).Allowed);
        Assert.Equal(before, _server.Requests.Count(r => r.EndsWith("/joined_rooms", StringComparison.Ordinal)));
    }
}
