using Bot.Core.Storage;
using LiteDB;

namespace Bot.Packages.Sync;

/// <summary>The collection <c>packages_repos</c>.</summary>
/// <remarks>
/// The store is opened at the first read or write, not when this is built: a lookup from the
/// cached index (`bot pkg provides --json`) never needs it, and opening LiteDB is most of such a
/// process's start.
/// </remarks>
internal sealed class RepoStateStore(Lazy<ILiteDatabase> database)
{
    private ILiteCollection<RepoState> States => database.Value.GetCollection<RepoState>("packages_repos");

    public RepoState Get(string id) => States.FindById(id) ?? new RepoState { Id = id };

    public void Save(RepoState state) => States.Upsert(state);
}

/// <summary>Version 1 of the packages collections.</summary>
internal sealed class PackagesStoreMigration : IStoreMigration
{
    public string Module => "packages";

    public int Version => 1;

    public string Description => "repository sync state";

    public void Apply(ILiteDatabase database) => database.GetCollection<RepoState>("packages_repos").EnsureIndex(s => s.Id);
}
