using Bot.Core;
using Bot.Core.Chat;
using Bot.Core.Commands;
using Bot.Core.Replies;
using Bot.Core.Storage;
using Bot.Quiz.Bank;
using Bot.Quiz.Rounds;
using LiteDB;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Quartz;

namespace Bot.Quiz.Tests.Support;

/// <summary>
/// The real Quiz module in its DI graph (core router, LiteDB, Quartz), with a fake clock, a
/// recording publisher and a database that outlives the harness, so a second harness over the
/// same stream is a restart.
/// </summary>
internal sealed class QuizHarness : IAsyncDisposable
{
    public static readonly ChatAddress Channel = new("console", "local", "quiz-test");

    private readonly IHost _host;

    public QuizHarness(Stream database, FakeTimeProvider clock, Dictionary<string, string?>? settings = null)
    {
        Clock = clock;
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Quiz:BankDirectory"] = RepoPaths.Banks, ["Quiz:AnswerWindow"] = "00:00:20" })
            .AddInMemoryCollection(settings ?? []);
        var services = builder.Services;
        services.AddLogging(l => l.SetMinimumLevel(LogLevel.Warning).AddProvider(Logs));
        services.AddSingleton<TimeProvider>(clock);
        services.AddBotCore();
        services.AddSingleton<ILiteDatabase>(sp => BotDatabase.Open(database, sp.GetRequiredService<SchemaMigrator>(), sp.GetRequiredService<StoreMapper>()));
        services.AddQuizModule();
        // The host registers the one scheduler; a module alone needs it added.
        services.AddQuartz();
        services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        services.AddSingleton<IChatPublisher>(Publisher);
        _host = builder.Build();
    }

    public FakeTimeProvider Clock { get; }

    public RecordingPublisher Publisher { get; } = new();

    public QuizLogs Logs { get; } = new();

    public QuizEngine Engine => _host.Services.GetRequiredService<QuizEngine>();

    public QuizBank Bank => _host.Services.GetRequiredService<QuizBankProvider>().Bank;

    public T Get<T>() where T : notnull => _host.Services.GetRequiredService<T>();

    public Task StartAsync() => _host.StartAsync();

    public static Caller Person(string name, bool moderator = false) => new("u-" + name, name, moderator);

    public ValueTask<Reply> SayAsync(Caller caller, string command, Dictionary<string, string>? options = null, string? sub = null) =>
        _host.Services.GetRequiredService<CommandRouter>().RouteAsync(new CommandRequest(command, caller, Channel) { Subcommand = sub, Options = options ?? [] }, default);

    /// <summary>The correct and a wrong letter for the question a post shows.</summary>
    public (string Right, string Wrong) Letters(Reply question)
    {
        var q = Bank.Questions.Single(x => question.Text.StartsWith(x.Question, StringComparison.Ordinal));
        return (q.AnswerLetter, QuizQuestion.Letter((q.AnswerIndex + 1) % q.Choices.Count));
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }

}
