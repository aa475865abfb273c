using Bot.Core.Storage;
using Microsoft.Extensions.Hosting;

namespace Bot.Host.Hosting;

/// <summary>
/// Opens the store when the host starts, so that a locked or corrupt database stops the bot at
/// once with a clear message rather than at the first command; records the start for /about.
/// </summary>
internal sealed class StoreStartup(IDocumentStore store, IStateStore state, TimeProvider clock) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (state.Get("host.firstStart") is null)
        {
            state.Set("host.firstStart", clock.GetUtcNow().ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        }

        state.Increment("host.starts");
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        // Make everything durable before the process ends.
        store.Flush();
        return Task.CompletedTask;
    }
}
