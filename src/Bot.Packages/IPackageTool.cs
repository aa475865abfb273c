using Bot.Packages.Queries;
using Bot.Packages.Sync;

namespace Bot.Packages;

/// <summary>The module's queries and sync for the host's <c>bot pkg</c>, <c>bot repo</c> verbs (and scripts).</summary>
public interface IPackageTool
{
    /// <summary>The configured distros.</summary>
    IReadOnlyList<string> Distros { get; }

    /// <summary>Whether an index with packages is loaded.</summary>
    bool HasIndex { get; }

    /// <summary>Builds the index from the cache.</summary>
    Task LoadAsync(CancellationToken cancellationToken);

    /// <summary>Syncs (all or one repository), calling <paramref name="progress"/> with a line per repository; true when all succeeded.</summary>
    Task<bool> SyncAsync(string? repoId, Action<string> progress, CancellationToken cancellationToken);

    IReadOnlyList<PackageVersion> Info(string name, string? distro);

    IReadOnlyList<PackageVersion> Provides(string what, string? distro);

    CompareResult Compare(string name, string from, string to);

    IReadOnlyList<AdvisoryRow> Advisory(string id, string? distro);

    /// <summary>The chat rendering of the same verbs.</summary>
    Bot.Core.Replies.Reply Render(string verb, string subject, string? distro, string? to);
}
