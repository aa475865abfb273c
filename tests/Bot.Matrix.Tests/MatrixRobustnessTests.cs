using System.Diagnostics;
using System.Text.Json.Nodes;
using Bot.Matrix.Tests.Support;
using Bot.Testing;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Bot.Matrix.Tests;

/// <summary>No event, room or refused send can stop the adapter or hold its sync back.</summary>
public sealed class MatrixRobustnessTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string Room = "!room:test.org";
    private const string Muted = "!muted:test.org";
    private const string Alice = "@alice:test.org";
    private const int Mutants = 1_000;
    private const int EventsPerSync = 50;
    private FakeHomeserver _server = null!;

    public async Task InitializeAsync() => _server = await FakeHomeserver.StartAsync();

    public async Task DisposeAsync()
    {
        Assert.Empty(_server.SchemaViolations);
        Assert.True(_server.ContractViolations.IsEmpty, string.Join("\n", _server.ContractViolations.Distinct()));
        await _server.DisposeAsync();
    }

    private static List<string?> RepliedTo(IEnumerable<JsonObject> messages) =>
        [.. messages.Select(m => (string?)m["m.relates_to"]?["m.in_reply_to"]?["event_id"])];

    private static string? SavedToken(MatrixHarness bot) => bot.Services.GetRequiredService<MatrixStore>().NextBatch;

    [Fact]
    public async Task ThousandMutatedSpecEvents_NeitherStopNorStallTheSync_AndHelpIsThenAnsweredOnce()
    {
        var fuzzer = new EventFuzzer(seed: 20_240_611);
        _server.AddBatch();
        for (var start = 0; start < Mutants; start += EventsPerSync)
        {
            var timeline = new JsonArray();
            var rooms = new JsonObject { ["join"] = new JsonObject { [Room] = new JsonObject { ["timeline"] = new JsonObject { ["events"] = timeline } } } };
            var invites = new JsonObject();
            for (var n = start; n < start + EventsPerSync; n++)
            {
                var ev = fuzzer.Next(n);
                if (fuzzer.LastSample == 2)
                {
                    invites[$"!invite{n}:test.org"] = new JsonObject { ["invite_state"] = new JsonObject { ["events"] = new JsonArray(ev) } };
                }
                else
                {
                    timeline.Add(ev);
                }
            }

            // Room entries of the wrong shape in every section, beside the well-formed room.
            rooms["invite"] = invites;
            invites["!bad-invite:test.org"] = fuzzer.BadRoom();
            rooms["join"]!["!bad:test.org"] = fuzzer.BadRoom();
            rooms["leave"] = new JsonObject { ["!left:test.org"] = fuzzer.BadRoom() };
            _server.AddRawBatch(rooms);
        }

        // Whole batches of the wrong shape.
        _server.AddRawBatch(new JsonArray(1, "x"));
        _server.AddRawBatch("rooms");
        _server.AddRawBatch(new JsonObject { ["join"] = new JsonArray(), ["invite"] = 3, ["leave"] = null });
        _server.AddRawBatch(new JsonObject { ["join"] = new JsonObject { [FakeHomeserver.RepeatedKeyMarker] = 0, [Room] = new JsonObject() } });

        _server.AddBatch(new() { [Room] = [FakeHomeserver.Message("$help", Alice, "!help")] });
        var lastToken = "s" + (_server.BatchCount - 1);
        await using var bot = new MatrixHarness(_server, new MemoryStream());

        var clock = Stopwatch.StartNew();
        await bot.StartAsync();
        await Eventually.UntilAsync(() => !_server.Messages.IsEmpty, seconds: 60);
        await Eventually.UntilAsync(() => SavedToken(bot) == lastToken);
        output.WriteLine($"{Mutants} mutants in {_server.BatchCount} syncs handled in {clock.Elapsed.TotalSeconds:F1} s");
        await Task.Delay(300);

        Assert.Null(bot.Adapter.Stopped);
        Assert.Equal(["$help"], RepliedTo(_server.Messages));
    }

    [Fact]
    public async Task ForbiddenRoom_DoesNotHoldBackAnotherRoomsReply_AndItsSendIsNotRetried()
    {
        _server.ForbiddenRooms[Muted] = 0;
        _server.AddBatch();
        _server.AddBatch(new() { [Muted] = [FakeHomeserver.Message("$m1", Alice, "!ping muted")], [Room] = [FakeHomeserver.Message("$o1", Alice, "!ping open")] });
        _server.AddBatch(new() { [Room] = [FakeHomeserver.Message("$o2", Alice, "!ping next batch")] });
        await using var bot = new MatrixHarness(_server, new MemoryStream());

        await bot.StartAsync();
        await Eventually.UntilAsync(() => _server.Messages.Count >= 2);
        await Task.Delay(300);

        Assert.Equal(["$o1", "$o2"], RepliedTo(_server.Messages).Order(StringComparer.Ordinal));
        Assert.Equal(1, _server.SendAttempts[Muted]);
        Assert.Equal("s2", SavedToken(bot));
    }

    [Fact]
    public async Task SendRateLimitedForever_IsDroppedAfterBoundedAttempts_AndTheSyncGoesOn()
    {
        _server.RateLimitSends = int.MaxValue;
        _server.AddBatch();
        _server.AddBatch(new() { [Room] = [FakeHomeserver.Message("$c1", Alice, "!ping")] });
        await using var bot = new MatrixHarness(_server, new MemoryStream());

        await bot.StartAsync();
        await Eventually.UntilAsync(() => SavedToken(bot) == "s1");
        _server.RateLimitSends = 0;
        _server.AddBatch(new() { [Room] = [FakeHomeserver.Message("$c2", Alice, "!ping again")] });
        await Eventually.UntilAsync(() => !_server.Messages.IsEmpty);

        Assert.Equal(MatrixClient.Attempts + 1, _server.SendAttempts[Room]);
        Assert.Equal(["$c2"], RepliedTo(_server.Messages));
    }

    [Theory]
    [InlineData("""{"users": {"@a:x": "100"}}""", true)]
    [InlineData("""{"users": {"@a:x": " 100 "}, "events": {"m.room.power_levels": "100"}}""", true)]
    [InlineData("""{"users": 5}""", false)]
    [InlineData("""{"users": 5, "users_default": "75"}""", true)]
    [InlineData("""{"users": {"@a:x": 100}, "events": "x", "state_default": "fifty"}""", true)]
    [InlineData("""{"users": {"@a:x": [100]}, "users_default": {"a": 1}, "events": [1]}""", false)]
    [InlineData("""{"users": {"@a:x": 50.5}, "state_default": null}""", false)]
    [InlineData("""{"users": {"@a:x": 9007199254740993}}""", false)]
    [InlineData("""{"users": {"@a:x": true}, "events": {"m.room.power_levels": -1}}""", true)]
    public async Task PowerLevels_OfAnyShape_NeverThrow_AndIntegerStringsCount(string levels, bool moderator)
    {
        _server.PowerLevels[Room] = JsonNode.Parse(levels)!.AsObject();
        using var http = new HttpClient();
        var client = new MatrixClient(http, TimeProvider.System) { BaseUrl = new Uri(_server.Url.ToString().TrimEnd('/') + "/"), AccessToken = FakeHomeserver.Token };

        var isModerator = await new PowerLevels(client).IsModeratorAsync(Room, "@a:x", CancellationToken.None);

        Assert.Equal(moderator, isModerator);
    }

    [Theory]
    [InlineData("""{"f": "text"}""", "text", null)]
    [InlineData("""{"f": 7}""", null, 7L)]
    [InlineData("""{"f": 7.5}""", null, null)]
    [InlineData("""{"f": null}""", null, null)]
    [InlineData("""{"f": ["text"]}""", null, null)]
    [InlineData("""["f"]""", null, null)]
    public void JsonFields_AnswerOnlyTheKindAsked(string json, string? text, long? integer)
    {
        var node = JsonNode.Parse(json);

        Assert.Equal(text, JsonFields.String(node, "f"));
        Assert.Equal(integer, JsonFields.Integer(node, "f"));
        Assert.Null(JsonFields.Object(node, "f"));
    }
}
