using Bot.Core.Commands;
using Bot.Core.Options;
using Bot.Core.Status;
using Bot.Core.Storage;
using Bot.Quiz.Bank;
using Bot.Quiz.Commands;
using Bot.Quiz.Rounds;
using Bot.Quiz.Scheduling;
using Bot.Quiz.Storage;
using Microsoft.Extensions.DependencyInjection;
using Quartz;

namespace Bot.Quiz;

/// <summary>Registers the Quiz module: options, banks, stores, engine, commands, schedules and status.</summary>
public static class QuizModule
{
    public static IServiceCollection AddQuizModule(this IServiceCollection services)
    {
        services.AddValidatedOptions<QuizOptions>(QuizOptions.Section);
        services.AddSingleton<QuizBankProvider>();
        services.AddSingleton<IStoreMigration, QuizStoreMigration>();
        services.AddSingleton<IStoreMigration, QuizCollectionsMigration>();
        services.AddStoreCollection<RoundDocument>(RoundStore.Collection);
        services.AddStoreCollection<AnswerDocument>(AnswerStore.Collection);
        services.AddStoreCollection<FirstCorrectDocument>(AnswerStore.FirstCollection);
        services.AddStoreCollection<ScheduleDocument>(ScheduleStore.Collection);
        services.AddStoreCollection<AskedDocument>(HistoryStore.Collection);
        services.AddSingleton<RoundStore>();
        services.AddSingleton<AnswerStore>();
        services.AddSingleton<HistoryStore>();
        services.AddSingleton<ScheduleStore>();
        services.AddSingleton<QuizStores>();
        services.AddSingleton<QuizEngine>();
        services.AddSingleton<Leaderboard>();
        services.AddSingleton<QuizScheduler>();
        services.AddSingleton<ICommandHandler, QuizCommand>();
        services.AddSingleton<ICommandHandler, AnswerCommand>();
        services.AddSingleton<IStatusReport, QuizStatus>();
        services.AddHostedService<QuizStartup>();
        return services;
    }

    /// <summary>Checks the banks of <paramref name="directory"/>: the question count and every problem as <c>file:line: message</c>.</summary>
    public static (int Questions, IReadOnlyList<string> Problems) Validate(string directory)
    {
        var bank = BankLoader.Load(directory);
        return (bank.Questions.Count, [.. bank.Problems.Select(p => p.ToString())]);
    }

    /// <summary>The banks shipped next to the executable.</summary>
    public static string DefaultBankDirectory => new QuizOptions().ResolveBankDirectory();
}
