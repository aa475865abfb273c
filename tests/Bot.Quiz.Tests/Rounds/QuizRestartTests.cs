using Bot.Quiz.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Bot.Quiz.Tests.Rounds;

/// <summary>A restart in the middle of a round: a second harness over the same database is the next process.</summary>
public sealed class QuizRestartTests
{
    [Fact]
    public async Task Restart_DuringAQuestion_ResumesItAndKeepsThePointsGiven()
    {
        var database = new MemoryStream();
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 20, 18, 0, 0, TimeSpan.Zero));
        var alice = QuizHarness.Person("alice");
        string right;
        await using (var first = new QuizHarness(database, clock))
        {
            await first.StartAsync();
            await first.SayAsync(alice, "quiz", new() { ["questions"] = "2" }, "start");
            var question = await first.Publisher.WaitForTitleAsync("Quiz · question 1 of 2");
            right = first.Letters(question).Right;
            await first.SayAsync(alice, "answer", new() { ["letter"] = right });
        }

        clock.Advance(TimeSpan.FromSeconds(5));
        await using var second = new QuizHarness(database, clock);
        await second.StartAsync();

        var resumed = await second.Publisher.WaitForAsync(r => r.Text.StartsWith("Resuming the quiz round after a restart: question 1 of 2", StringComparison.Ordinal));
        await second.Publisher.WaitForTitleAsync("Quiz · question 1 of 2");
        var again = await second.SayAsync(alice, "answer", new() { ["letter"] = right });
        Assert.Equal("You already answered question 1; your first answer counts.", again.Text);
        clock.Advance(TimeSpan.FromSeconds(16));
        var reveal = await second.Publisher.WaitForTitleAsync("Answer to question 1");
        Assert.Equal("alice (first, +2)", reveal.Fields.Single(f => f.Name == "Right").Value);
        Assert.NotNull(resumed);
    }

    [Fact]
    public async Task Restart_AfterTheDeadlinePassed_RevealsAtOnceAndGoesOn()
    {
        var database = new MemoryStream();
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 20, 18, 0, 0, TimeSpan.Zero));
        await using (var first = new QuizHarness(database, clock))
        {
            await first.StartAsync();
            await first.SayAsync(QuizHarness.Person("alice"), "quiz", new() { ["questions"] = "2" }, "start");
            await first.Publisher.WaitForTitleAsync("Quiz · question 1 of 2");
        }

        clock.Advance(TimeSpan.FromMinutes(10));
        await using var second = new QuizHarness(database, clock);
        await second.StartAsync();

        await second.Publisher.WaitForTitleAsync("Answer to question 1");
        await second.Publisher.WaitForTitleAsync("Quiz · question 2 of 2");
        Assert.DoesNotContain(second.Publisher.Posts, p => p.Reply.Title?.StartsWith("Quiz · question 1", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task Leaderboard_SurvivesARestart()
    {
        var database = new MemoryStream();
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 20, 18, 0, 0, TimeSpan.Zero));
        var bob = QuizHarness.Person("bob");
        await using (var first = new QuizHarness(database, clock))
        {
            await first.StartAsync();
            await first.SayAsync(bob, "quiz", new() { ["questions"] = "1" }, "start");
            var question = await first.Publisher.WaitForTitleAsync("Quiz · question 1 of 1");
            await first.SayAsync(bob, "answer", new() { ["letter"] = first.Letters(question).Right });
            clock.Advance(TimeSpan.FromSeconds(21));
            await first.Publisher.WaitForTitleAsync("Quiz round over");
        }

        await using var second = new QuizHarness(database, clock);
        await second.StartAsync();
        var board = await second.SayAsync(bob, "quiz", new() { ["period"] = "week" }, "leaderboard");

        Assert.Equal("1. bob: 2 points (1/1 right)", board.Text.Trim());
    }
}
