using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Bot.Host.Tests.Support;
using LiteDB;
using Xunit.Abstractions;

namespace Bot.Host.Tests.Operations;

/// <summary>
/// SIGKILLs <c>bot run</c> on a real data directory at random moments (a seeded Random: the seed is printed,
/// and CRASH_SEED replays it) while it polls and posts a feed or takes quiz answers, restarts it, and counts
/// what the fake homeserver accepted. The homeserver dedups a repeated txnId as a real one does, so a lost
/// commit may cost a repeated send but must never cost a post, nor make a second post with another key.
/// </summary>
public sealed partial class CrashTests(ITestOutputHelper output)
{
    private const int FeedKills = 30;
    private const int QuizKills = 20;
    private const int FeedItems = 30;
    private const int MaxKillDelayMs = 1500;
    private static readonly TimeSpan NewItemEvery = TimeSpan.FromMilliseconds(800);
    private static readonly TimeSpan PostWait = TimeSpan.FromSeconds(2.5);

    [Fact]
    public async Task Sigkill_DuringPollingAndDelivery_PostsEveryItemExactlyOnce()
    {
        var (random, seed) = Seeded();
        var clock = Stopwatch.StartNew();
        await using var feed = await GrowingFeed.StartAsync(FeedItems, NewItemEvery);
        await using var rig = await CrashRig.StartAsync(new Dictionary<string, string>
        {
            ["News__AllowPrivateAddresses"] = "true",
            ["News__PollInterval"] = "00:00:05",
            ["News__HostPoliteness"] = "00:00:00",
            ["News__FirstFetch"] = "newest",
            // Every new item is its own post: no "…and N more" line stands in for some.
            ["News__MaxPostsPerPoll"] = "50",
        });

        var bot = await rig.StartFirstBotAsync();
        rig.Say(CrashRig.Moderator, $"!news subscribe {feed.Url}");
        Assert.True(await rig.SawAsync(b => b.Contains("Subscribed to", StringComparison.Ordinal), TimeSpan.FromSeconds(30)), bot.Log);
        feed.Release();
        for (var kill = 0; kill < FeedKills; kill++)
        {
            if (kill > 0)
            {
                bot = rig.StartBot();
            }

            // Half the kills land right after a post reached the room: between the send and its "sent" commit.
            if (random.Next(2) == 0)
            {
                var posts = rig.Bodies.Count;
                await rig.SawAsync(_ => rig.Bodies.Count > posts, PostWait);
            }
            else
            {
                await Task.Delay(random.Next(MaxKillDelayMs + 1));
            }

            await bot.KillAsync();
            bot.Dispose();
        }

        // The last run delivers what is left; it is stopped only once it syncs, since a SIGTERM in the
        // runtime's start-up exits 143, not 0 (every item may already be posted by then).
        using var last = await rig.StartSyncingBotAsync();
        var everything = await rig.SawAsync(_ => Enumerable.Range(0, FeedItems).All(n => rig.Bodies.Any(b => b.Contains(GrowingFeed.Title(n), StringComparison.Ordinal))), TimeSpan.FromSeconds(60));
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Equal(0, await last.StopAsync());

        var counts = Enumerable.Range(0, FeedItems).Select(n => rig.Bodies.Count(b => b.Contains(GrowingFeed.Title(n), StringComparison.Ordinal))).ToList();
        output.WriteLine($"seed {seed}: {FeedKills} kills, {FeedKills + 1} runs, {counts.Sum()} posts of {FeedItems} items, {rig.AbsorbedRepeats} repeats absorbed by txnId, {clock.Elapsed.TotalSeconds:F1} s");
        Assert.True(everything, $"seed {seed}: not every item was posted: {string.Join(",", counts)}\n{last.Log}");
        Assert.All(counts, c => Assert.Equal(1, c));
    }

    [Fact]
    public async Task Sigkill_DuringQuizAnswers_LosesNoAcknowledgedAnswerAndCountsNoneTwice()
    {
        var (random, seed) = Seeded();
        var clock = Stopwatch.StartNew();
        // The longest window the options allow keeps question 1 open through every kill and restart, so
        // that the answers meet an open question and are acknowledged (or not) by the bot, not by the clock.
        await using var rig = await CrashRig.StartAsync(new Dictionary<string, string> { ["Quiz__AnswerWindow"] = "00:02:00" });

        var bot = await rig.StartFirstBotAsync();
        rig.Say(CrashRig.Moderator, "!quiz start 2");
        Assert.True(await rig.SawAsync(b => b.Contains("question 1 of 2", StringComparison.Ordinal), TimeSpan.FromSeconds(30)), bot.Log);
        var players = 0;
        for (var kill = 0; kill < QuizKills; kill++)
        {
            if (kill > 0)
            {
                bot = await rig.StartSyncingBotAsync();
            }

            // Each player answers once in the whole test: a second stored answer can only be a double count.
            var acks = Acks(rig).Count;
            for (var i = random.Next(1, 4); i > 0; i--)
            {
                rig.Say($"@p{++players}:test.org", $"!answer {(char)('A' + random.Next(4))}");
            }

            if (random.Next(2) == 0)
            {
                await rig.SawAsync(_ => Acks(rig).Count > acks, PostWait);
            }
            else
            {
                await Task.Delay(random.Next(MaxKillDelayMs + 1));
            }

            await bot.KillAsync();
            bot.Dispose();
        }

        // Batches are handled in order: once the last command is answered, every earlier answer was handled.
        using (var last = await rig.StartSyncingBotAsync())
        {
            // Round results also speak of points and the leaderboard: only the leaderboard's own reply
            // (its title, or that nobody has points), after the command, shows this run handled it.
            var before = rig.Bodies.Count;
            rig.Say(CrashRig.Moderator, "!quiz leaderboard all");
            Assert.True(await rig.SawAsync(b => b.Contains("Quiz leaderboard", StringComparison.Ordinal) || b.Contains("No quiz points here", StringComparison.Ordinal), TimeSpan.FromSeconds(60), before), last.Log);
            Assert.Equal(0, await last.StopAsync());
        }

        var acked = Acks(rig);
        var stored = StoredAnswers(rig.DatabasePath);
        output.WriteLine($"seed {seed}: {QuizKills} kills, {QuizKills + 1} runs, {players} players, {acked.Count} answers acknowledged, {stored.Count} stored, {rig.AbsorbedRepeats} repeats absorbed by txnId, {clock.Elapsed.TotalSeconds:F1} s");
        foreach (var kind in rig.Bodies.GroupBy(b => b.Length > 40 ? b[..40] : b).OrderByDescending(g => g.Count()).Take(8))
        {
            output.WriteLine($"  {kind.Count()} × {kind.Key}");
        }

        // Most answers meet question 1, open through every restart: a round that does not come back shows here.
        Assert.True(acked.Count * 2 >= players, $"seed {seed}: only {acked.Count} of {players} answers were acknowledged");
        foreach (var player in stored.GroupBy(a => a.User))
        {
            Assert.True(player.Count() == 1, $"seed {seed}: {player.Key} answered once but is counted {player.Count()} times");
        }

        foreach (var (user, question) in acked)
        {
            Assert.True(stored.Any(a => a.User == $"@{user}:test.org" && a.Question == question), $"seed {seed}: {user}'s acknowledged answer to question {question} was lost");
        }

        foreach (var question in stored.GroupBy(a => (a.Round, a.Question)))
        {
            Assert.True(question.Count(a => a.First) <= 1, $"seed {seed}: question {question.Key.Question} has two first correct answers");
        }
    }

    private (Random Random, int Seed) Seeded()
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable("CRASH_SEED"), CultureInfo.InvariantCulture, out var given) ? given : Random.Shared.Next();
        output.WriteLine($"crash seed {seed} (replay with CRASH_SEED={seed})");
        return (new Random(seed), seed);
    }

    /// <summary>The answers the bot acknowledged in the room: (player, question number).</summary>
    private static List<(string User, int Question)> Acks(CrashRig rig) =>
        [.. rig.Bodies.Select(b => AckPattern().Match(b)).Where(m => m.Success)
            .Select(m => (m.Groups[1].Value, int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture)))];

    /// <summary>The stored answers, read from the data directory after the last run stopped cleanly.</summary>
    private static List<(string Round, string User, int Question, bool First)> StoredAnswers(string path)
    {
        using var database = new LiteDatabase(new ConnectionString { Filename = path, Connection = ConnectionType.Direct });
        return [.. database.GetCollection("quiz_answers").FindAll()
            .Select(a => (a["RoundId"].AsString, a["UserId"].AsString, a["Index"].AsInt32 + 1, a["First"].AsBoolean))];
    }

    [GeneratedRegex(@"Got it, (p\d+): [A-E] for question (\d+)\.")]
    private static partial Regex AckPattern();
}
