using Bot.Core.Storage;
using LiteDB;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Packages.Sync;

/// <summary>The collection <c>packages_repos</c>.</summary>
/// <remarks>
/// The store is opened at the first read or write, not when this is built: a lookup from the
/// cached index (`bot pkg provides --json`) never needs it, and opening LiteDB is most of such a
/// process's start.
/// </remarks>
internal sealed class RepoStateStore(IServiceProvider services)
{
    private readonly Lazy<ILiteCollection<RepoState>> _states = new(() => services.GetRequiredService<ILiteDatabase>().GetCollection<RepoState>("packages_repos"));

    public RepoState Get(string id) => _states.Value.FindById(id) ?? new RepoState { Id = id };

    public void Save(RepoState state) => _states.Value.Upsert(state);
}

/// <summary>Version 1 of the packages collections.</summary>
internal sealed class PackagesStoreMigration : IStoreMigration
{
    public string Module => "packages";

    public int Version => 1;

    public string Description => "repository sync state";

    public void Apply(ILiteDatabase database) => database.GetCollection<RepoState>("packages_repos").EnsureIndex(s => s.Id);
}
