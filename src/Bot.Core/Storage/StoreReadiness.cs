using Bot.Core.Status;

namespace Bot.Core.Storage;

/// <summary>/readyz: the store answers a read, and which backend it is.</summary>
internal sealed class StoreReadiness(IDocumentStore store) : IReadinessCheck
{
    public string Name => "store";

    public (bool Ready, string Detail) Check() => store.Probe();
}
