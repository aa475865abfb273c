using Microsoft.Extensions.Hosting;

namespace Bot.Knowledge;

/// <summary>Starts building the index when the bot starts, without holding the start up.</summary>
internal sealed class KnowledgeWarmup(KnowledgeBase knowledge) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = knowledge.IndexAsync();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
