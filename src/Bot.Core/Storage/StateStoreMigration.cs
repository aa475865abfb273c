namespace Bot.Core.Storage;

/// <summary>Version 1 of the core schema: the state collection exists.</summary>
internal sealed class StateStoreMigration : IStoreMigration
{
    public string Module => "core";

    public int Version => 1;

    public string Description => "create the state collection";

    public void Apply(IDocumentStore store) => store.CreateCollection(StateDocument.Collection);
}
