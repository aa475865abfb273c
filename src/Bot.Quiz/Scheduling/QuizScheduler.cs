using Bot.Core.Resilience;
using Bot.Quiz.Storage;
using Quartz;

namespace Bot.Quiz.Scheduling;

/// <summary>Keeps Quartz's triggers in step with the stored schedules.</summary>
internal sealed class QuizScheduler(ISchedulerFactory factory, TimeProvider time)
{
    private const string Group = "quiz";

    /// <summary>How often deleting a schedule's job is tried when one of its triggers completes meanwhile.</summary>
    private const int DeleteAttempts = 3;

    public async Task RegisterAsync(ScheduleDocument schedule, CancellationToken cancellationToken)
    {
        var (quartz, error) = CronTranslator.ToQuartz(schedule.Cron);
        if (quartz is null)
        {
            throw new InvalidOperationException($"Stored schedule {schedule.Id} has an invalid cron: {error}");
        }

        var scheduler = await factory.GetScheduler(cancellationToken).ConfigureAwait(false);
        var job = JobBuilder.Create<QuizRoundJob>()
            .WithIdentity(schedule.Id, Group)
            .UsingJobData(QuizRoundJob.ScheduleKey, schedule.Id)
            .Build();
        // The trigger starts from the injected clock, not the machine's: a schedule made "now" fires
        // after the bot's now, which is what tests and every other time decision use.
        var trigger = TriggerBuilder.Create(time)
            .WithIdentity(schedule.Id, Group)
            .WithCronSchedule(quartz, cron => cron.InTimeZone(TimeZoneInfo.FindSystemTimeZoneById(schedule.TimeZone)).WithMisfireInstruction(CronTriggerMisfireInstruction.DoNothing))
            .Build();
        await scheduler.ScheduleJob(job, [trigger], ScheduleJobOptions.Replacing, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>On a shared store: the sweep that resumes a dead instance's rounds (<see cref="QuizAdoptJob"/>).</summary>
    public async Task RegisterAdoptionAsync(CancellationToken cancellationToken)
    {
        var scheduler = await factory.GetScheduler(cancellationToken).ConfigureAwait(false);
        var job = JobBuilder.Create<QuizAdoptJob>().WithIdentity(QuizAdoptJob.Key).Build();
        var trigger = TriggerBuilder.Create(time).WithIdentity(QuizAdoptJob.Key.Name, QuizAdoptJob.Key.Group).StartAt(time.GetUtcNow() + QuizAdoptJob.Interval)
            .WithSimpleSchedule(s => s.WithInterval(QuizAdoptJob.Interval).RepeatForever()).Build();
        await scheduler.ScheduleJob(job, [trigger], ScheduleJobOptions.Replacing, cancellationToken).ConfigureAwait(false);
    }

    public async Task RemoveAsync(string id, CancellationToken cancellationToken)
    {
        var scheduler = await factory.GetScheduler(cancellationToken).ConfigureAwait(false);
        // A trigger of the job that completes while it is deleted (a round firing at that very moment)
        // makes Quartz fail to unschedule it; the next attempt, at once, finds it gone.
        await Retries.Pipeline(time, new RetryPlan(TimeSpan.Zero, TimeSpan.Zero, DeleteAttempts - 1), ex => ex is SchedulerException)
            .ExecuteAsync(async ct => await scheduler.DeleteJob(new JobKey(id, Group), ct).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
    }

    public async Task<DateTimeOffset?> NextFireAsync(string id, CancellationToken cancellationToken)
    {
        var scheduler = await factory.GetScheduler(cancellationToken).ConfigureAwait(false);
        var trigger = await scheduler.GetTrigger(new TriggerKey(id, Group), cancellationToken).ConfigureAwait(false);
        return trigger?.NextFireTimeUtc;
    }
}
