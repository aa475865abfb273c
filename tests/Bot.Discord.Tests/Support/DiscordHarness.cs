using Bot.Core;
using Bot.Core.Commands;
using Bot.Core.Replies;
using Bot.Core.Storage;
using LiteDB;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Bot.Discord.Tests.Support;

/// <summary>The Discord adapter in a real host with the core router, test commands and a store on a MemoryStream.</summary>
internal sealed class DiscordHarness : IAsyncDisposable
{
    private readonly IHost _host;

    public DiscordHarness(FakeDiscord discord, Dictionary<string, string?>? settings = null, Stream? database = null)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Discord:Token"] = FakeDiscord.Token,
            ["Discord:ApplicationId"] = FakeDiscord.ApplicationId,
            ["Discord:ApiBaseUrl"] = discord.ApiBase.ToString(),
            ["Discord:ReconnectDelay"] = "00:00:00.050",
            ["Discord:IdentifyInterval"] = "00:00:00.050",
            ["Discord:InlineAnswerWindow"] = "00:00:00.300",
        }).AddInMemoryCollection(settings ?? []);
        builder.Services.AddLogging(l => l.SetMinimumLevel(LogLevel.Critical));
        builder.Services.AddBotCore();
        var stream = database ?? new MemoryStream();
        builder.Services.AddSingleton<ILiteDatabase>(sp => BotDatabase.Open(stream, sp.GetRequiredService<SchemaMigrator>(), sp.GetRequiredService<StoreMapper>()));
        builder.Services.AddSingleton<ICommandHandler, PingCommand>();
        builder.Services.AddSingleton<ICommandHandler>(Slow);
        builder.Services.AddDiscordPlatform(builder.Configuration);
        _host = builder.Build();
    }

    /// <summary><c>/slow</c> answers when this is set.</summary>
    public SlowCommand Slow { get; } = new();

    public DiscordAdapter Adapter => _host.Services.GetRequiredService<DiscordAdapter>();

    public IServiceProvider Services => _host.Services;

    public Task StartAsync() => _host.StartAsync();

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }

    /// <summary><c>/ping [text]</c> answers pong; <c>/ping</c> is everyone's, <c>/secret</c> is for moderators.</summary>
    private sealed class PingCommand : ICommandHandler
    {
        public CommandSpec Spec { get; } = new("ping", "Answers pong")
        {
            Options = [new OptionSpec("text", OptionKind.Text, "echo") { TakesRest = true }],
        };

        public ValueTask<Reply> HandleAsync(CommandInvocation call, CancellationToken cancellationToken) =>
            ValueTask.FromResult(new Reply { Title = "pong", Text = call.OptionalText("text") ?? "ok" });
    }

    internal sealed class SlowCommand : ICommandHandler
    {
        public TaskCompletionSource<string> Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public CommandSpec Spec { get; } = new("slow", "Answers late") { Permission = Permission.Moderator };

        public async ValueTask<Reply> HandleAsync(CommandInvocation call, CancellationToken cancellationToken) =>
            Reply.Say(await Release.Task.WaitAsync(cancellationToken));
    }
}
