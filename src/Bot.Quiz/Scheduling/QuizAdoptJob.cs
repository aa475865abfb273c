using Bot.Quiz.Rounds;
using Quartz;

namespace Bot.Quiz.Scheduling;

/// <summary>
/// On a shared store, every few seconds: resume the rounds of an instance that died, once their
/// leases have lapsed. A round then goes on within about 20 s, from the question it was at.
/// </summary>
[DisallowConcurrentExecution]
internal sealed class QuizAdoptJob(QuizEngine engine) : IJob
{
    public static readonly JobKey Key = new("quiz-adopt", "quiz");

    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    public ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        engine.ResumeAll();
        return ValueTask.CompletedTask;
    }
}
