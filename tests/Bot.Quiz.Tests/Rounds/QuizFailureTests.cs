using Bot.Core.Chat;
using Bot.Quiz.Storage;
using Bot.Quiz.Tests.Support;
using Microsoft.Extensions.Logging;

namespace Bot.Quiz.Tests.Rounds;

public sealed class QuizFailureTests : StartedQuizTests
{
    private static readonly Bot.Core.Chat.Caller Alice = QuizHarness.Person("alice");

    [Fact]
    public async Task Round_WhosePublisherThrowsOnTheFirstQuestion_IsEndedInTheStore_AndTheChannelCanStartAgain()
    {
        Quiz.Publisher.ThrowingPosts = 1;

        await Quiz.SayAsync(Alice, "quiz", new() { ["questions"] = "2" }, "start");
        static bool Ended((LogLevel Level, string Message) entry) => entry.Message.Contains("failed and was ended", StringComparison.Ordinal);
        await WaitUntilAsync(() => Quiz.Logs.Entries.Any(Ended));

        Assert.Equal(LogLevel.Warning, Assert.Single(Quiz.Logs.Entries, Ended).Level);
        Assert.Equal(0, Quiz.Engine.RunningCount);
        Assert.Empty(Quiz.Get<QuizStores>().Rounds.All());
        Assert.Equal("No quiz round is running here.", (await Quiz.SayAsync(Alice, "quiz", null, "stop")).Text);

        var again = await Quiz.SayAsync(Alice, "quiz", new() { ["questions"] = "2" }, "start");
        Assert.StartsWith("Quiz round started by alice: 2 questions", again.Text, StringComparison.Ordinal);
        await Quiz.Publisher.WaitForTitleAsync("Quiz · question 1 of 2");
        var stopped = await Quiz.SayAsync(Alice, "quiz", null, "stop");
        Assert.Equal("Quiz round stopped by alice", stopped.Title);
        Assert.Empty(Quiz.Get<QuizStores>().Rounds.All());
    }

    [Fact]
    public async Task QuestionPost_ThatFailsForNow_IsTriedAgainWithTheSameKey_AndTheRoundGoesOn()
    {
        Quiz.Publisher.FailNext(PublishResult.Failed("503 busy"), PublishResult.Failed("not logged in yet"));

        await Quiz.SayAsync(Alice, "quiz", new() { ["questions"] = "2" }, "start");
        await WaitUntilAsync(() => Quiz.Publisher.Attempts.Count >= 1);
        var question = Quiz.Publisher.WaitForTitleAsync("Quiz · question 1 of 2");
        while (!question.IsCompleted)
        {
            // The backoff waits on the injected clock: 1 s, then 2 s.
            Clock.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(20);
        }

        await question;
        var key = Assert.Single(Quiz.Publisher.Posts, p => p.Reply.Title?.StartsWith("Quiz · question 1 of 2", StringComparison.Ordinal) == true).Key;
        Assert.Equal(3, Quiz.Publisher.Attempts.Count(k => k == key));
        Assert.Single(Quiz.Get<QuizStores>().Rounds.All());
        Assert.Equal(1, Quiz.Engine.RunningCount);
    }

    [Fact]
    public async Task ScheduledRound_WhoseChannelRefusesForGood_EndsAndPausesItsSchedule()
    {
        var stores = Quiz.Get<QuizStores>();
        stores.Schedules.Add(new ScheduleDocument
        {
            Id = "sgone1", Platform = QuizHarness.Channel.Platform, Server = QuizHarness.Channel.Server, Channel = QuizHarness.Channel.Channel,
            Cron = "0 18 * * 5", Questions = 2, CreatedBy = "mod",
        });
        Quiz.Publisher.FailNext(PublishResult.Refused("403 Missing Access"));

        Quiz.Engine.Start(QuizHarness.Channel, new Bot.Core.Chat.Caller("schedule:sgone1", "the schedule", IsModerator: true), 2, null);
        await WaitUntilAsync(() => stores.Schedules.Find("sgone1")!.Paused);

        Assert.Equal("403 Missing Access", stores.Schedules.Find("sgone1")!.PausedReason);
        Assert.Single(Quiz.Publisher.Attempts);
        Assert.Empty(stores.Rounds.All());
        Assert.Equal(0, Quiz.Engine.RunningCount);
        Assert.Contains(Quiz.Logs.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("refused its post for good", StringComparison.Ordinal));
        var about = Quiz.Get<IEnumerable<Bot.Core.Status.IStatusReport>>().Single(r => r.Name == "Quiz").Lines();
        Assert.Contains(about, l => l.StartsWith("schedule `sgone1` in console/quiz-test paused: 403 Missing Access", StringComparison.Ordinal));

        // A paused schedule's trigger starts nothing.
        var scheduler = await Quiz.Get<Quartz.ISchedulerFactory>().GetScheduler();
        await Quiz.Get<Bot.Quiz.Scheduling.QuizScheduler>().RegisterAsync(stores.Schedules.Find("sgone1")!, default);
        await scheduler.TriggerJob(new Quartz.JobKey("sgone1", "quiz"));
        await WaitUntilAsync(() => Quiz.Logs.Entries.Any(e => e.Message.Contains("sgone1 is paused", StringComparison.Ordinal)));
        Assert.Single(Quiz.Publisher.Attempts);
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
