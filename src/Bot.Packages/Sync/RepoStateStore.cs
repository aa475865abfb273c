using Bot.Core.Storage;
using LiteDB;

namespace Bot.Packages.Sync;

/// <summary>The collection <c>packages_repos</c>.</summary>
internal sealed class RepoStateStore(ILiteDatabase database)
{
    private readonly ILiteCollection<RepoState> _states = database.GetCollection<RepoState>("packages_repos");

    public RepoState Get(string id) => _states.FindById(id) ?? new RepoState { Id = id };

    public void Save(RepoState state) => _states.Upsert(state);
}

/// <summary>Version 1 of the packages collections.</summary>
internal sealed class PackagesStoreMigration : IStoreMigration
{
    public string Module => "packages";

    public int Version => 1;

    public string Description => "repository sync state";

    public void Apply(ILiteDatabase database) => database.GetCollection<RepoState>("packages_repos").EnsureIndex(s => s.Id);
}
