using Bot.Core;
using Bot.Core.Chat;
using Bot.Core.Commands;
using Bot.Core.Replies;
using Bot.Core.Storage;
using Bot.News.Announcements;
using Bot.News.Polling;
using Bot.News.Storage;
using LiteDB;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Quartz;

namespace Bot.News.Tests.Support;

/// <summary>The News module in its DI graph over a database stream that outlives it (a second harness is a restart).</summary>
internal sealed class NewsHarness : IDisposable
{
    public static readonly ChatAddress Channel = new("console", "local", "news");
    public static readonly Caller Moderator = new("mod", "mod", IsModerator: true);

    private readonly IHost _host;

    // authority: the console's rule for other channels; by default one that allows them, as a moderator's own server would.
    public NewsHarness(Stream database, FakeTimeProvider clock, RecordingPlatform platform, Dictionary<string, string?>? settings = null, IChannelAuthority? authority = null)
    {
        Clock = clock;
        Platform = platform;
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["News:PollInterval"] = "00:00:10",
            ["News:HostPoliteness"] = "00:00:00",
            ["News:MaxFailures"] = "3",

            // The feed servers of the tests are on 127.0.0.1; the tests of the address guard set this back to false.
            ["News:AllowPrivateAddresses"] = "true",
        }).AddInMemoryCollection(settings ?? []);
        builder.Services.AddLogging(l => l.SetMinimumLevel(LogLevel.Error));
        builder.Services.AddSingleton<TimeProvider>(clock);
        builder.Services.AddBotCore();
        builder.Services.AddSingleton<ILiteDatabase>(sp => BotDatabase.Open(database, sp.GetRequiredService<SchemaMigrator>(), sp.GetRequiredService<StoreMapper>()));
        builder.Services.AddNewsModule();
        // The host registers the one scheduler; a module alone needs it added.
        builder.Services.AddQuartz();
        builder.Services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        builder.Services.AddSingleton<IChatPublisher>(platform);
        builder.Services.AddSingleton(authority ?? new StubAuthority(Channel.Platform, TargetVerdict.Allow));
        _host = builder.Build();
    }

    public FakeTimeProvider Clock { get; }

    public RecordingPlatform Platform { get; }

    public NewsPoller Poller => Get<NewsPoller>();

    public NewsStore Store => Get<NewsStore>();

    public Announcer Announcer => Get<Announcer>();

    public T Get<T>() where T : notnull => _host.Services.GetRequiredService<T>();

    public ValueTask<Reply> SayAsync(string command, string sub, Dictionary<string, string>? options = null, Caller? caller = null) =>
        SayInAsync(Channel, command, sub, options, caller);

    /// <summary>A command given in another channel of the same server.</summary>
    public ValueTask<Reply> SayInAsync(ChatAddress place, string command, string sub, Dictionary<string, string>? options = null, Caller? caller = null) =>
        Get<CommandRouter>().RouteAsync(new CommandRequest(command, caller ?? Moderator, place) { Subcommand = sub, Options = options ?? [] }, default);

    /// <summary>Moves the clock past the poll interval and polls.</summary>
    public async Task PollAsync(TimeSpan? advance = null)
    {
        Clock.Advance(advance ?? TimeSpan.FromSeconds(11));
        await Poller.PollDueAsync(default);
    }

    public void Dispose() => _host.Dispose();

}
