using System.ComponentModel.DataAnnotations;

namespace Bot.Quiz;

/// <summary>Settings of the Quiz module (section <c>Quiz</c>).</summary>
public sealed class QuizOptions : IValidatableObject
{
    public const string Section = "Quiz";

    /// <summary>The question bank directory; empty means the banks shipped next to the executable.</summary>
    public string? BankDirectory { get; set; }

    /// <summary>Questions in a round when /quiz start does not say.</summary>
    [Range(1, 50)]
    public int DefaultQuestions { get; set; } = 5;

    /// <summary>The most questions one round may have.</summary>
    [Range(1, 50)]
    public int MaxQuestions { get; set; } = 20;

    /// <summary>How long each question stays open (5 s to 2 min).</summary>
    public TimeSpan AnswerWindow { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>Extra points for the first correct answer to a question.</summary>
    [Range(0, 5)]
    public int FirstCorrectBonus { get; set; } = 1;

    /// <summary>Schedules one channel may have: a public server's moderators cannot fill a channel with rounds.</summary>
    [Range(1, 100)]
    public int MaxSchedulesPerChannel { get; set; } = 5;

    /// <summary>The least time between two rounds of one schedule (at least a minute).</summary>
    public TimeSpan MinScheduleInterval { get; set; } = TimeSpan.FromHours(1);

    public string ResolveBankDirectory() =>
        string.IsNullOrWhiteSpace(BankDirectory) ? Path.Combine(AppContext.BaseDirectory, "knowledge", "quiz") : Path.GetFullPath(BankDirectory);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (AnswerWindow < TimeSpan.FromSeconds(5) || AnswerWindow > TimeSpan.FromMinutes(2))
        {
            yield return new ValidationResult("must be between 00:00:05 and 00:02:00", [nameof(AnswerWindow)]);
        }

        if (MinScheduleInterval < TimeSpan.FromMinutes(1) || MinScheduleInterval > TimeSpan.FromDays(7))
        {
            yield return new ValidationResult("must be between 00:01:00 and 7.00:00:00", [nameof(MinScheduleInterval)]);
        }

        if (DefaultQuestions > MaxQuestions)
        {
            yield return new ValidationResult($"must not exceed Quiz:MaxQuestions ({MaxQuestions})", [nameof(DefaultQuestions)]);
        }
    }
}
