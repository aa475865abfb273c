using Bot.Core.Storage;
using Bot.Quiz.Rounds;
using Bot.Quiz.Scheduling;
using Bot.Quiz.Storage;
using Microsoft.Extensions.Hosting;

namespace Bot.Quiz;

/// <summary>At start: resume interrupted rounds and register the stored schedules; at stop: halt the rounds so they resume next time.</summary>
internal sealed class QuizStartup(QuizEngine engine, ScheduleStore schedules, QuizScheduler scheduler, IDocumentStore store) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var schedule in schedules.All())
        {
            await scheduler.RegisterAsync(schedule, cancellationToken).ConfigureAwait(false);
        }

        engine.ResumeAll();
        if (store.IsShared)
        {
            await scheduler.RegisterAdoptionAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => engine.ShutdownAsync();
}
