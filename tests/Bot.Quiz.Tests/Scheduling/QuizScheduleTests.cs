using Bot.Quiz.Storage;
using Bot.Quiz.Tests.Support;
using Microsoft.Extensions.Time.Testing;
using Quartz;

namespace Bot.Quiz.Tests.Scheduling;

/// <summary>Schedules through /quiz with the real Quartz scheduler in the module's DI graph.</summary>
public sealed class QuizScheduleTests
{
    private static readonly Bot.Core.Chat.Caller Mod = QuizHarness.Person("mod", moderator: true);
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task Schedule_ByAMember_IsRefused()
    {
        await using var quiz = new QuizHarness(new MemoryStream(), _clock);
        await quiz.StartAsync();

        var reply = await quiz.SayAsync(QuizHarness.Person("bob"), "quiz", new() { ["cron"] = "0 18 * * 5" }, "schedule");

        Assert.Equal("`/quiz schedule` is for moderators.", reply.Text);
        Assert.Empty(quiz.Get<ScheduleStore>().All());
    }

    [Fact]
    public async Task Schedule_RepliesNextThreeTimes_RegistersWithQuartz_FiresARound_AndUnschedules()
    {
        var database = new MemoryStream();
        await using var quiz = new QuizHarness(database, _clock);
        await quiz.StartAsync();

        var reply = await quiz.SayAsync(Mod, "quiz", new() { ["cron"] = "0 18 * * 5", ["questions"] = "3", ["timezone"] = "Europe/Berlin" }, "schedule");

        Assert.Equal("A round of 3 questions at `0 18 * * 5` (Europe/Berlin).", reply.Text);
        Assert.Equal("Fri 2026-11-27 18:00\nFri 2026-12-04 18:00\nFri 2026-12-11 18:00", reply.Fields.Single().Value);
        var schedule = Assert.Single(quiz.Get<ScheduleStore>().All());
        var scheduler = await quiz.Get<ISchedulerFactory>().GetScheduler();
        var trigger = await scheduler.GetTrigger(new TriggerKey(schedule.Id, "quiz"));
        Assert.Equal(new DateTimeOffset(2026, 11, 27, 17, 0, 0, TimeSpan.Zero), trigger!.GetFireTimeAfter(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero)));

        await scheduler.TriggerJob(new JobKey(schedule.Id, "quiz"));
        await quiz.Publisher.WaitForAsync(r => r.Text.StartsWith("Quiz round started by the schedule: 3 questions", StringComparison.Ordinal));
        await quiz.Publisher.WaitForTitleAsync("Quiz · question 1 of 3");

        var removed = await quiz.SayAsync(Mod, "quiz", null, "unschedule");
        Assert.True(removed.Text.StartsWith($"Removed the quiz schedule `{schedule.Id}`", StringComparison.Ordinal), removed.Text + "\n" + string.Join("\n", quiz.Logs.Entries.Select(e => e.Message)));
        Assert.Null(await scheduler.GetJobDetail(new JobKey(schedule.Id, "quiz")));
        Assert.Empty(quiz.Get<ScheduleStore>().All());
    }

    [Fact]
    public async Task Schedules_AreRegisteredAgainAfterARestart()
    {
        var database = new MemoryStream();
        string id;
        await using (var first = new QuizHarness(database, _clock))
        {
            await first.StartAsync();
            await first.SayAsync(Mod, "quiz", new() { ["cron"] = "30 9 * * 1-5" }, "schedule");
            id = Assert.Single(first.Get<ScheduleStore>().All()).Id;
        }

        await using var second = new QuizHarness(database, _clock);
        await second.StartAsync();
        var scheduler = await second.Get<ISchedulerFactory>().GetScheduler();

        Assert.NotNull(await scheduler.GetTrigger(new TriggerKey(id, "quiz")));
    }

    [Theory]
    [InlineData("0 25 * * *", null, "is not a valid cron")]
    [InlineData("0 18 * * 5", "Mars/Olympus", "`Mars/Olympus` is not a time zone I know")]
    public async Task Schedule_BadCronOrZone_IsRefusedWithAHint(string cron, string? zone, string message)
    {
        await using var quiz = new QuizHarness(new MemoryStream(), _clock);
        await quiz.StartAsync();
        var options = new Dictionary<string, string> { ["cron"] = cron };
        if (zone is not null)
        {
            options["timezone"] = zone;
        }

        var reply = await quiz.SayAsync(Mod, "quiz", options, "schedule");

        Assert.Contains(message, reply.Text, StringComparison.Ordinal);
        Assert.Empty(quiz.Get<ScheduleStore>().All());
    }

    [Theory]
    [InlineData("*/5 * * * *", "5 min apart")]
    [InlineData("0,30 18 * * 5", "30 min apart")]
    public async Task Schedule_RoundsCloserThanMinScheduleInterval_AreRefusedNamingTheLimit(string cron, string gap)
    {
        await using var quiz = new QuizHarness(new MemoryStream(), _clock);
        await quiz.StartAsync();

        var reply = await quiz.SayAsync(Mod, "quiz", new() { ["cron"] = cron }, "schedule");

        Assert.Contains(gap, reply.Text, StringComparison.Ordinal);
        Assert.Contains("at least 1 h between rounds (Quiz:MinScheduleInterval)", reply.Text, StringComparison.Ordinal);
        Assert.Empty(quiz.Get<ScheduleStore>().All());
    }

    [Fact]
    public async Task Schedule_PastMaxSchedulesPerChannel_IsRefusedNamingTheLimit()
    {
        await using var quiz = new QuizHarness(new MemoryStream(), _clock, new() { ["Quiz:MaxSchedulesPerChannel"] = "2" });
        await quiz.StartAsync();

        await quiz.SayAsync(Mod, "quiz", new() { ["cron"] = "0 18 * * 5" }, "schedule");
        await quiz.SayAsync(Mod, "quiz", new() { ["cron"] = "0 18 * * 6" }, "schedule");
        var third = await quiz.SayAsync(Mod, "quiz", new() { ["cron"] = "0 18 * * 0" }, "schedule");

        Assert.Contains("Quiz:MaxSchedulesPerChannel = 2", third.Text, StringComparison.Ordinal);
        Assert.Equal(2, quiz.Get<ScheduleStore>().All().Count);
    }
}
