using Bot.Core.Replies;
using Bot.Packages.Index;
using Bot.Packages.Queries;
using Microsoft.Extensions.Options;

namespace Bot.Packages;

internal sealed class PackageTool(PackageCatalog catalog, PackageQueries queries, PackageAnswers answers, IOptions<PackagesOptions> options) : IPackageTool
{
    public IReadOnlyList<string> Distros => options.Value.Distros;

    public bool HasIndex => catalog.HasIndex;

    public Task LoadAsync(CancellationToken cancellationToken) => catalog.LoadCacheAsync(cancellationToken);

    public async Task<bool> SyncAsync(string? repoId, Action<string> progress, CancellationToken cancellationToken)
    {
        if (repoId is not null && !options.Value.Enabled.Any(r => r.Id == repoId))
        {
            progress($"no enabled repository '{repoId}'; repositories: {string.Join(", ", options.Value.Enabled.Select(r => r.Id))}");
            return false;
        }

        var results = await catalog.SyncAsync(repoId, r => progress(r.Line()), cancellationToken).ConfigureAwait(false);
        return results.All(r => r.Error is null);
    }

    public IReadOnlyList<PackageVersion> Info(string name, string? distro) => queries.Info(name, distro);

    public IReadOnlyList<PackageVersion> Provides(string what, string? distro) => queries.Provides(what, distro);

    public CompareResult Compare(string name, string from, string to) => queries.Compare(name, from, to);

    public IReadOnlyList<AdvisoryRow> Advisory(string id, string? distro) => queries.Advisory(id, distro);

    public Reply Render(string verb, string subject, string? distro, string? to) => verb switch
    {
        "info" => answers.Info(subject, distro),
        "provides" => answers.Provides(subject, distro),
        "compare" => answers.Compare(subject, distro!, to!),
        _ => answers.Advisory(subject, distro),
    };
}
