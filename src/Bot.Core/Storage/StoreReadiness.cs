using Bot.Core.Diagnostics;
using Bot.Core.Status;

namespace Bot.Core.Storage;

/// <summary>
/// /readyz: the store answers a read, and which backend it is; /metrics: <c>bot_store_up</c> with the
/// backend and this instance's id, 1 while the store answers.
/// </summary>
internal sealed class StoreReadiness : IReadinessCheck
{
    private readonly IDocumentStore _store;

    public StoreReadiness(IDocumentStore store, BotInstance instance)
    {
        _store = store;
        BotMetrics.Gauge("bot.store.up", "", "1 while the store answers a read, by backend and instance", () =>
        [
            new System.Diagnostics.Metrics.Measurement<double>(
                _store.Probe().Healthy ? 1 : 0,
                new KeyValuePair<string, object?>("backend", _store.Backend),
                new KeyValuePair<string, object?>("instance", instance.Id)),
        ]);
    }

    public string Name => "store";

    public (bool Ready, string Detail) Check() => _store.Probe();
}
