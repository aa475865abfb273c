using Bot.Core.Storage;

namespace Bot.Packages.Sync;

/// <summary>The collection <c>packages_repos</c>.</summary>
/// <remarks>
/// The embedded store opens at the first read or write, not when this is built: a lookup from the
/// cached index (`bot pkg provides --json`) never needs it, and opening LiteDB is most of such a
/// process's start.
/// </remarks>
internal sealed class RepoStateStore(IDocumentStore store)
{
    internal const string Collection = "packages_repos";

    private IDocumentCollection<RepoState> States => store.Collection<RepoState>(Collection);

    public RepoState Get(string id) => States.Find(id) ?? new RepoState { Id = id };

    public void Save(RepoState state) => States.Upsert(state);
}

/// <summary>Version 1 of the packages collections.</summary>
internal sealed class PackagesStoreMigration : IStoreMigration
{
    public string Module => "packages";

    public int Version => 1;

    public string Description => "repository sync state";

    public void Apply(IDocumentStore store) => store.CreateCollection(RepoStateStore.Collection);
}
