using System.Diagnostics;
using Bot.Host.Tests.Support;
using Bot.Testing;
using Npgsql;
using Xunit.Abstractions;

namespace Bot.Host.Tests.Cluster;

/// <summary>
/// Two <c>bot run</c> processes on one PostgreSQL database and one Matrix room (the fake homeserver,
/// which counts every send and, like a real one, answers a repeated txnId with the first event).
/// Each instance has its own data directory; the store, the clustered Quartz and the leases are shared.
/// </summary>
public sealed class ClusterTests(ITestOutputHelper output)
{
    /// <summary>Two feeds of 50 items: 100 posts, and no poll finds more than News:MaxPostsPerPoll new ones (more would be summed up in one line).</summary>
    private const int ItemsPerFeed = 50;

    private static readonly string[] FeedNames = ["North", "South"];

    private static int FeedItems => ItemsPerFeed * FeedNames.Length;

    /// <summary>What the issue allows for another instance to finish a dead one's work.</summary>
    private static readonly TimeSpan Takeover = TimeSpan.FromSeconds(30);

    private static readonly Dictionary<string, string> FeedSettings = new(StringComparer.Ordinal)
    {
        ["News__AllowPrivateAddresses"] = "true",
        ["News__PollInterval"] = "00:00:05",
        ["News__HostPoliteness"] = "00:00:00",
        ["News__FirstFetch"] = "newest",
        ["News__MaxPostsPerPoll"] = "50",
    };

    [PostgresFact]
    public async Task TwoInstances_HundredFeedItems_EachPostedOnceBySomeInstance()
    {
        using var database = TestPostgres.CreateDatabase();
        await using var north = await GrowingFeed.StartAsync(ItemsPerFeed, TimeSpan.FromMilliseconds(1), FeedNames[0]);
        await using var south = await GrowingFeed.StartAsync(ItemsPerFeed, TimeSpan.FromMilliseconds(1), FeedNames[1]);
        await using var rig = await CrashRig.StartAsync(FeedSettings);
        using var a = rig.StartInstance("a", Shared(database, "a"));
        using var b = rig.StartInstance("b", Shared(database, "b"));
        await Started(rig, a, b);

        await SubscribeAsync(rig, north, south);
        var all = await rig.SawAsync(_ => Counts(rig).All(c => c > 0), TimeSpan.FromSeconds(90));
        await Task.Delay(TimeSpan.FromSeconds(3));

        var counts = Counts(rig);
        output.WriteLine($"{counts.Sum()} posts of {FeedItems} items; {rig.AbsorbedRepeats} repeated sends; subscribe answered {rig.Bodies.Count(m => m.Contains("Subscribed to", StringComparison.Ordinal))} time(s)");
        Assert.True(all, $"not every item was posted: {string.Join(",", counts)}\n{a.Log}\n{b.Log}");
        Assert.All(counts, c => Assert.Equal(1, c));
        // Not one send was made twice: no two instances delivered one post, and one of them answered the command.
        Assert.Equal(0, rig.AbsorbedRepeats);
        Assert.Equal(0, await a.StopAsync());
        Assert.Equal(0, await b.StopAsync());
    }

    [PostgresFact]
    public async Task TwoInstances_AScheduledRoundAndATimedAnnouncement_EachHappenOnce()
    {
        using var database = TestPostgres.CreateDatabase();
        await using var rig = await CrashRig.StartAsync(new Dictionary<string, string> { ["Quiz__AnswerWindow"] = "00:00:05", ["Quiz__MinScheduleInterval"] = "00:01:00" });
        using var a = rig.StartInstance("a", Shared(database, "a"));
        using var b = rig.StartInstance("b", Shared(database, "b"));
        await Started(rig, a, b);

        // Both fire at the next minute's start, on whichever instance Quartz's cluster gives them to.
        rig.Say(CrashRig.Moderator, "!quiz schedule * * * * * questions:1");
        rig.Say(CrashRig.Moderator, "!announce send Cluster announcement at:1m");
        var started = await rig.SawAsync(m => m.Contains("started by the schedule", StringComparison.Ordinal), TimeSpan.FromSeconds(150));
        // The schedule fires every minute: removed now, a second round can only be a doubled firing,
        // however long the announcement below takes on a loaded machine.
        rig.Say(CrashRig.Moderator, "!quiz unschedule");
        var removed = await rig.SawAsync(m => m.Contains("Removed the quiz schedule", StringComparison.Ordinal), TimeSpan.FromSeconds(30));
        var announced = await rig.SawAsync(m => m.Contains("Cluster announcement", StringComparison.Ordinal) && !m.Contains("Scheduled", StringComparison.OrdinalIgnoreCase), TimeSpan.FromSeconds(60));
        // Long enough for a second instance's doubled firing to show.
        await Task.Delay(TimeSpan.FromSeconds(8));

        var bodies = rig.Bodies;
        output.WriteLine(string.Join("\n", bodies));
        Assert.True(started, a.Log + b.Log);
        Assert.True(removed, a.Log + b.Log);
        Assert.True(announced, a.Log + b.Log);
        Assert.Single(bodies, m => m.Contains("started by the schedule", StringComparison.Ordinal));
        Assert.Single(bodies, m => m.Contains("question 1 of 1", StringComparison.Ordinal));
        Assert.Equal(0, rig.AbsorbedRepeats);
        Assert.Equal(0, await a.StopAsync());
        Assert.Equal(0, await b.StopAsync());
    }

    [PostgresFact]
    public async Task SigkillTheDeliveringInstance_TheOtherPostsTheRestWithin30Seconds_NothingLostOrDoubled()
    {
        using var database = TestPostgres.CreateDatabase();
        await using var north = await GrowingFeed.StartAsync(ItemsPerFeed, TimeSpan.FromMilliseconds(1), FeedNames[0]);
        await using var south = await GrowingFeed.StartAsync(ItemsPerFeed, TimeSpan.FromMilliseconds(1), FeedNames[1]);
        await using var rig = await CrashRig.StartAsync(FeedSettings);
        var bots = new Dictionary<string, KillableBot>(StringComparer.Ordinal)
        {
            ["a"] = rig.StartInstance("a", Shared(database, "a")),
            ["b"] = rig.StartInstance("b", Shared(database, "b")),
        };
        try
        {
            await Started(rig, bots["a"], bots["b"]);
            await SubscribeAsync(rig, north, south);

            // Killed while it holds the outbox lease, between posts of the burst.
            var holder = await HolderAsync(database, "news.outbox", TimeSpan.FromSeconds(60));
            Assert.NotNull(holder);
            var before = Counts(rig).Count(c => c > 0);
            await bots[holder].KillAsync();
            var killed = Stopwatch.StartNew();
            var all = await rig.SawAsync(_ => Counts(rig).All(c => c > 0), Takeover);
            var took = killed.Elapsed;
            await Task.Delay(TimeSpan.FromSeconds(2));

            var counts = Counts(rig);
            output.WriteLine($"killed {holder} with {before} of {FeedItems} items posted; the rest were out {took.TotalSeconds:F1} s later; {rig.AbsorbedRepeats} repeated sends absorbed by txnId");
            var survivor = bots[holder == "a" ? "b" : "a"];
            Assert.True(all, $"not every item was posted within {Takeover}: {string.Join(",", counts)}\n{survivor.Log}");
            Assert.All(counts, c => Assert.Equal(1, c));
            // A post sent just before the kill and not yet marked sent is sent once more: the homeserver's txnId absorbs it.
            Assert.InRange(rig.AbsorbedRepeats, 0, 1);
            Assert.Equal(0, await survivor.StopAsync());
        }
        finally
        {
            foreach (var bot in bots.Values)
            {
                bot.Dispose();
            }
        }
    }

    [PostgresFact]
    public async Task SigkillTheInstanceRunningARound_TheOtherResumesIt()
    {
        using var database = TestPostgres.CreateDatabase();
        await using var rig = await CrashRig.StartAsync(new Dictionary<string, string> { ["Quiz__AnswerWindow"] = "00:00:05" });
        var bots = new Dictionary<string, KillableBot>(StringComparer.Ordinal)
        {
            ["a"] = rig.StartInstance("a", Shared(database, "a")),
            ["b"] = rig.StartInstance("b", Shared(database, "b")),
        };
        try
        {
            await Started(rig, bots["a"], bots["b"]);
            rig.Say(CrashRig.Moderator, "!quiz start 4");
            Assert.True(await rig.SawAsync(m => m.Contains("question 1 of 4", StringComparison.Ordinal), TimeSpan.FromSeconds(30)), string.Join("\n", rig.Bodies));
            var owner = await HolderPrefixAsync(database, QuizRoundLease, TimeSpan.FromSeconds(10));
            Assert.NotNull(owner);

            await bots[owner].KillAsync();
            var killed = Stopwatch.StartNew();
            var resumed = await rig.SawAsync(m => m.StartsWith("Resuming the quiz round", StringComparison.Ordinal), Takeover);
            output.WriteLine($"killed {owner}; the round went on {killed.Elapsed.TotalSeconds:F1} s later");

            var survivor = bots[owner == "a" ? "b" : "a"];
            Assert.True(resumed, string.Join("\n", rig.Bodies) + "\n" + survivor.Log);
            Assert.True(await rig.SawAsync(m => m.StartsWith("Quiz round", StringComparison.Ordinal) && m.Contains("stopped", StringComparison.Ordinal), TimeSpan.FromSeconds(40)), string.Join("\n", rig.Bodies));
            Assert.Equal(0, await survivor.StopAsync());
        }
        finally
        {
            foreach (var bot in bots.Values)
            {
                bot.Dispose();
            }
        }
    }

    /// <summary>Waits until the instances synced a few times between them: the first sync of a fresh install is history, never answered.</summary>
    private static async Task Started(CrashRig rig, KillableBot a, KillableBot b)
    {
        try
        {
            await rig.SyncedAsync(4);
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"the instances did not sync:\n--- a\n{a.Log}\n--- b\n{b.Log}");
        }
    }

    private static Dictionary<string, string> Shared(TestDatabase database, string instance) => new(StringComparer.Ordinal)
    {
        ["Storage__Provider"] = "postgres",
        ["Storage__ConnectionString"] = database.ConnectionString,
        ["Storage__InstanceId"] = instance,
    };

    /// <summary>Subscribes the room to both feeds, then lets their items out all at once.</summary>
    private static async Task SubscribeAsync(CrashRig rig, GrowingFeed north, GrowingFeed south)
    {
        foreach (var feed in new[] { north, south })
        {
            var before = rig.Bodies.Count(m => m.Contains("Subscribed to", StringComparison.Ordinal));
            rig.Say(CrashRig.Moderator, $"!news subscribe {feed.Url}");
            Assert.True(await rig.SawAsync(_ => rig.Bodies.Count(m => m.Contains("Subscribed to", StringComparison.Ordinal)) > before, TimeSpan.FromSeconds(30)));
        }

        north.Release();
        south.Release();
    }

    /// <summary>How many times the room got each item of both feeds.</summary>
    private static List<int> Counts(CrashRig rig)
    {
        var bodies = rig.Bodies;
        return [.. FeedNames.SelectMany(name => Enumerable.Range(0, ItemsPerFeed).Select(n => bodies.Count(b => b.Contains(GrowingFeed.Title(name, n), StringComparison.Ordinal))))];
    }

    private const string QuizRoundLease = "quiz.round/";

    /// <summary>Who holds the lease <paramref name="name"/>, as soon as somebody does; null when nobody did in time.</summary>
    private static Task<string?> HolderAsync(TestDatabase database, string name, TimeSpan within) =>
        QueryHolderAsync(database, "SELECT doc ->> 'Holder' FROM leases WHERE id = @p", name, within);

    private static Task<string?> HolderPrefixAsync(TestDatabase database, string prefix, TimeSpan within) =>
        QueryHolderAsync(database, "SELECT doc ->> 'Holder' FROM leases WHERE id LIKE @p || '%'", prefix, within);

    private static async Task<string?> QueryHolderAsync(TestDatabase database, string sql, string parameter, TimeSpan within)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < within)
        {
            await using var command = new NpgsqlCommand(sql, connection);
            command.Parameters.AddWithValue("p", parameter);
            if (await command.ExecuteScalarAsync() is string holder)
            {
                return Bot.Core.Storage.HeldLease.InstanceOf(holder);
            }

            await Task.Delay(2);
        }

        return null;
    }
}
