using Bot.Core.Chat;
using Bot.Quiz.Storage;
using Bot.Quiz.Tests.Support;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Bot.Quiz.Tests.Rounds;

public sealed class QuizFailureTests : IAsyncLifetime
{
    private static readonly Bot.Core.Chat.Caller Alice = QuizHarness.Person("alice");

    private readonly MemoryStream _database = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 20, 18, 0, 0, TimeSpan.Zero));
    private QuizHarness _quiz = null!;

    public async Task InitializeAsync()
    {
        _quiz = new QuizHarness(_database, _clock);
        await _quiz.StartAsync();
    }

    public async Task DisposeAsync() => await _quiz.DisposeAsync();

    [Fact]
    public async Task Round_WhosePublisherThrowsOnTheFirstQuestion_IsEndedInTheStore_AndTheChannelCanStartAgain()
    {
        _quiz.Publisher.ThrowingPosts = 1;

        await _quiz.SayAsync(Alice, "quiz", new() { ["questions"] = "2" }, "start");
        static bool Ended((LogLevel Level, string Message) entry) => entry.Message.Contains("failed and was ended", StringComparison.Ordinal);
        await WaitUntilAsync(() => _quiz.Logs.Entries.Any(Ended));

        Assert.Equal(LogLevel.Warning, Assert.Single(_quiz.Logs.Entries, Ended).Level);
        Assert.Equal(0, _quiz.Engine.RunningCount);
        Assert.Empty(_quiz.Get<QuizStores>().Rounds.All());
        Assert.Equal("No quiz round is running here.", (await _quiz.SayAsync(Alice, "quiz", null, "stop")).Text);

        var again = await _quiz.SayAsync(Alice, "quiz", new() { ["questions"] = "2" }, "start");
        Assert.StartsWith("Quiz round started by alice: 2 questions", again.Text, StringComparison.Ordinal);
        await _quiz.Publisher.WaitForTitleAsync("Quiz · question 1 of 2");
        var stopped = await _quiz.SayAsync(Alice, "quiz", null, "stop");
        Assert.Equal("Quiz round stopped by alice", stopped.Title);
        Assert.Empty(_quiz.Get<QuizStores>().Rounds.All());
    }

    [Fact]
    public async Task QuestionPost_ThatFailsForNow_IsTriedAgainWithTheSameKey_AndTheRoundGoesOn()
    {
        _quiz.Publisher.FailNext(PublishResult.Failed("503 busy"), PublishResult.Failed("not logged in yet"));

        await _quiz.SayAsync(Alice, "quiz", new() { ["questions"] = "2" }, "start");
        await WaitUntilAsync(() => _quiz.Publisher.Attempts.Count >= 1);
        var question = _quiz.Publisher.WaitForTitleAsync("Quiz · question 1 of 2");
        while (!question.IsCompleted)
        {
            // The backoff waits on the injected clock: 1 s, then 2 s.
            _clock.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(20);
        }

        await question;
        var key = Assert.Single(_quiz.Publisher.Posts, p => p.Reply.Title?.StartsWith("Quiz · question 1 of 2", StringComparison.Ordinal) == true).Key;
        Assert.Equal(3, _quiz.Publisher.Attempts.Count(k => k == key));
        Assert.Single(_quiz.Get<QuizStores>().Rounds.All());
        Assert.Equal(1, _quiz.Engine.RunningCount);
    }

    [Fact]
    public async Task ScheduledRound_WhoseChannelRefusesForGood_EndsAndPausesItsSchedule()
    {
        var stores = _quiz.Get<QuizStores>();
        stores.Schedules.Add(new ScheduleDocument
        {
            Id = "sgone1", Platform = QuizHarness.Channel.Platform, Server = QuizHarness.Channel.Server, Channel = QuizHarness.Channel.Channel,
            Cron = "0 18 * * 5", Questions = 2, CreatedBy = "mod",
        });
        _quiz.Publisher.FailNext(PublishResult.Refused("403 Missing Access"));

        _quiz.Engine.Start(QuizHarness.Channel, new Bot.Core.Chat.Caller("schedule:sgone1", "the schedule", IsModerator: true), 2, null);
        await WaitUntilAsync(() => stores.Schedules.Find("sgone1")!.Paused);

        Assert.Equal("403 Missing Access", stores.Schedules.Find("sgone1")!.PausedReason);
        Assert.Single(_quiz.Publisher.Attempts);
        Assert.Empty(stores.Rounds.All());
        Assert.Equal(0, _quiz.Engine.RunningCount);
        Assert.Contains(_quiz.Logs.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("refused its post for good", StringComparison.Ordinal));
        var about = _quiz.Get<IEnumerable<Bot.Core.Status.IStatusReport>>().Single(r => r.Name == "Quiz").Lines();
        Assert.Contains(about, l => l.StartsWith("schedule `sgone1` in console/quiz-test paused: 403 Missing Access", StringComparison.Ordinal));

        // A paused schedule's trigger starts nothing.
        var scheduler = await _quiz.Get<Quartz.ISchedulerFactory>().GetScheduler();
        await _quiz.Get<Bot.Quiz.Scheduling.QuizScheduler>().RegisterAsync(stores.Schedules.Find("sgone1")!, default);
        await scheduler.TriggerJob(new Quartz.JobKey("sgone1", "quiz"));
        await WaitUntilAsync(() => _quiz.Logs.Entries.Any(e => e.Message.Contains("sgone1 is paused", StringComparison.Ordinal)));
        Assert.Single(_quiz.Publisher.Attempts);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (!condition())
        {
            await Task.Delay(10, timeout.Token);
        }
    }
}
