using System.Collections.Concurrent;
using System.Threading.Channels;
using Bot.Core.Chat;
using Bot.Core.Replies;
using Bot.Core.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Bot.Examples;

/// <summary>
/// A platform whose network is two in-memory queues: lines come in, posts go out. A real adapter
/// puts a socket or an HTTP client where the queues are, and maps its users' roles to IsModerator.
/// </summary>
public sealed class EchoPlatform(TextCommandGateway gateway) : BackgroundService, IChatPlatform
{
    public static readonly ChatAddress Room = new("echo", "local", "room");

    private readonly Channel<(string Line, Caller Caller)> _incoming = Channel.CreateUnbounded<(string, Caller)>();

    public string Name => Room.Platform;

    public bool IsConnected => true;

    /// <summary>What the bot posted, in order.</summary>
    public ConcurrentQueue<Reply> Posted { get; } = new();

    /// <summary>A line someone typed into the room.</summary>
    public void Receive(string line, Caller caller) => _incoming.Writer.TryWrite((line, caller));

    public ValueTask<PublishResult> PostAsync(ChatAddress to, Reply reply, string idempotencyKey, CancellationToken cancellationToken)
    {
        Posted.Enqueue(reply);
        return ValueTask.FromResult(PublishResult.Ok(idempotencyKey));
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var (line, caller) in _incoming.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
        {
            // The gateway parses "/cmd ..." and "!cmd ..." with the catalog, and routes; other lines are not for the bot.
            if (await gateway.HandleLineAsync(line, caller, Room, stoppingToken).ConfigureAwait(false) is { } reply)
            {
                await PostAsync(Room, reply, $"{caller.Id}:{line}", stoppingToken).ConfigureAwait(false);
            }
        }
    }
}

/// <summary>Registers the platform: the publisher finds it as an <see cref="IChatPlatform"/>, the host runs it.</summary>
public static class EchoPlatformModule
{
    public static IServiceCollection AddEchoPlatform(this IServiceCollection services)
    {
        services.AddSingleton<EchoPlatform>();
        services.AddSingleton<IChatPlatform>(sp => sp.GetRequiredService<EchoPlatform>());
        services.AddHostedService(sp => sp.GetRequiredService<EchoPlatform>());
        return services;
    }
}
