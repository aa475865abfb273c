using Bot.Core;
using Bot.Core.Commands;
using Bot.Core.Replies;
using Bot.Core.Storage;
using LiteDB;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Bot.Matrix.Tests.Support;

/// <summary>The adapter in a real host with the core router, two test commands, and a database stream that outlives it.</summary>
internal sealed class MatrixHarness : IAsyncDisposable
{
    private readonly IHost _host;

    public MatrixHarness(FakeHomeserver server, Stream database, Dictionary<string, string?>? settings = null)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Matrix:HomeserverUrl"] = server.Url.ToString(),
            ["Matrix:AccessToken"] = FakeHomeserver.Token,
            ["Matrix:SyncTimeout"] = "00:00:01",
            ["Matrix:RetryDelay"] = "00:00:00.050",
        }).AddInMemoryCollection(settings ?? []);
        builder.Services.AddLogging(l => l.SetMinimumLevel(LogLevel.Critical));
        builder.Services.AddBotCore();
        builder.Services.AddSingleton<ILiteDatabase>(sp => BotDatabase.Open(database, sp.GetRequiredService<SchemaMigrator>(), sp.GetRequiredService<StoreMapper>()));
        builder.Services.AddSingleton<ICommandHandler, PingCommand>();
        builder.Services.AddSingleton<ICommandHandler, PickCommand>();
        builder.Services.AddSingleton<ICommandHandler, HelpCommand>();
        builder.Services.AddMatrixPlatform(builder.Configuration);
        _host = builder.Build();
    }

    public MatrixAdapter Adapter => _host.Services.GetRequiredService<MatrixAdapter>();

    public IServiceProvider Services => _host.Services;

    public Task StartAsync() => _host.StartAsync();

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }

    /// <summary><c>!ping [text]</c> answers pong; <c>!secret</c> is for moderators.</summary>
    private sealed class PingCommand : ICommandHandler
    {
        public CommandSpec Spec { get; } = new("ping", "Answers pong")
        {
            Options = [new OptionSpec("text", OptionKind.Text, "echo") { TakesRest = true }],
        };

        public ValueTask<Reply> HandleAsync(CommandInvocation call, CancellationToken cancellationToken) =>
            ValueTask.FromResult(new Reply { Title = "pong", Text = call.OptionalText("text") ?? "**ok**" });
    }

    /// <summary><c>!help</c> as the host's help answers it, reduced to a fixed text.</summary>
    private sealed class HelpCommand : ICommandHandler
    {
        public CommandSpec Spec { get; } = new("help", "Lists the commands");

        public ValueTask<Reply> HandleAsync(CommandInvocation call, CancellationToken cancellationToken) =>
            ValueTask.FromResult(new Reply { Title = "Commands", Text = "!ping, !pick, !help" });
    }

    /// <summary><c>!pick</c> offers buttons; a press answers who picked what.</summary>
    private sealed class PickCommand : ICommandHandler, IComponentHandler
    {
        public CommandSpec Spec { get; } = new("pick", "Offers two buttons") { Permission = Permission.Everyone };

        public ValueTask<Reply> HandleAsync(CommandInvocation call, CancellationToken cancellationToken) =>
            ValueTask.FromResult(new Reply { Text = "Pick one", Buttons = [new ReplyButton("pick:a", "Alpha"), new ReplyButton("pick:b", "Beta")] });

        public ValueTask<Reply> HandleComponentAsync(CommandInvocation call, CancellationToken cancellationToken) =>
            ValueTask.FromResult(Reply.Say($"{call.Caller.DisplayName} picked {call.ComponentId} (moderator: {call.Caller.IsModerator})"));
    }

}
