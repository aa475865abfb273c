using Bot.Core.Status;
using Bot.Quiz.Bank;
using Bot.Quiz.Rounds;
using Bot.Quiz.Storage;

namespace Bot.Quiz;

/// <summary>The Quiz module's lines in /about.</summary>
internal sealed class QuizStatus(QuizBankProvider banks, QuizEngine engine, ScheduleStore schedules) : IStatusReport
{
    public string Name => "Quiz";

    public IReadOnlyList<string> Lines()
    {
        var bank = banks.Bank;
        var scheduleCount = schedules.All().Count;
        var lines = new List<string>
        {
            $"{bank.Questions.Count} questions in {bank.Categories.Count} categories; {engine.RunningCount} round{(engine.RunningCount == 1 ? "" : "s")} running; {scheduleCount} schedule{(scheduleCount == 1 ? "" : "s")}",
        };
        lines.AddRange(schedules.All().Where(s => s.Paused).Select(s =>
            $"schedule `{s.Id}` in {s.Platform}/{s.Channel} paused: {s.PausedReason} (`/quiz unschedule {s.Id}` there, then schedule again)"));
        lines.AddRange(bank.Problems.Take(5).Select(p => $"skipped `{p}`"));
        return lines;
    }
}
