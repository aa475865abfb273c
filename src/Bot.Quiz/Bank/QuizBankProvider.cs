using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Bot.Quiz.Bank;

/// <summary>Loads the banks once at start; a malformed file is skipped and logged with its file and line.</summary>
internal sealed partial class QuizBankProvider
{
    public QuizBankProvider(IOptions<QuizOptions> options, ILogger<QuizBankProvider> logger)
    {
        Bank = BankLoader.Load(options.Value.ResolveBankDirectory());
        foreach (var problem in Bank.Problems)
        {
            LogSkipped(logger, problem.ToString());
        }
    }

    public QuizBank Bank { get; }

    [LoggerMessage(EventId = 4000, Level = LogLevel.Warning, Message = "Quiz bank problem, question skipped: {Problem}")]
    private static partial void LogSkipped(ILogger logger, string problem);
}
