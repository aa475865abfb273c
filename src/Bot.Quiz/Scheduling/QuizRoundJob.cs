using Bot.Core.Chat;
using Bot.Quiz.Rounds;
using Bot.Quiz.Storage;
using Microsoft.Extensions.Logging;
using Quartz;

namespace Bot.Quiz.Scheduling;

/// <summary>Starts the scheduled round of one stored schedule.</summary>
[DisallowConcurrentExecution]
internal sealed partial class QuizRoundJob(QuizEngine engine, ScheduleStore schedules, IChatPublisher publisher, ILogger<QuizRoundJob> logger) : IJob
{
    public const string ScheduleKey = "schedule";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var id = context.MergedJobDataMap.GetString(ScheduleKey) ?? "";
        if (schedules.Find(id) is not { } schedule)
        {
            return;
        }

        if (schedule.Paused)
        {
            LogSkippedPaused(logger, schedule.Id, schedule.PausedReason!);
            return;
        }

        var place = new ChatAddress(schedule.Platform, schedule.Server, schedule.Channel);
        var scheduler = new Caller(QuizEngine.ScheduleStarterPrefix + schedule.Id, "the schedule", IsModerator: true);
        var reply = engine.Start(place, scheduler, schedule.Questions, schedule.Category);
        LogFired(logger, schedule.Id, place.Key, reply.Text);
        await publisher.PublishAsync(place, reply, $"quiz-schedule:{schedule.Id}:{context.ScheduledFireTimeUtc?.ToUnixTimeSeconds()}", cancellationToken).ConfigureAwait(false);
    }

    [LoggerMessage(EventId = 4200, Level = LogLevel.Information, Message = "Quiz schedule {Schedule} fired in {Channel}: {Outcome}")]
    private static partial void LogFired(ILogger logger, string schedule, string channel, string outcome);

    [LoggerMessage(EventId = 4201, Level = LogLevel.Warning, Message = "Quiz schedule {Schedule} is paused ({Reason}); no round started")]
    private static partial void LogSkippedPaused(ILogger logger, string schedule, string reason);
}
