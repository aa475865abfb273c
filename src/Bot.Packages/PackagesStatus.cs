using Bot.Core.Rendering;
using Bot.Core.Status;
using Bot.Packages.Index;

namespace Bot.Packages;

/// <summary>The Packages module's lines in /about: each repository's size, age and last error.</summary>
internal sealed class PackagesStatus(PackageCatalog catalog) : IStatusReport
{
    public string Name => "Packages";

    public IReadOnlyList<string> Lines()
    {
        var index = catalog.Current;
        var lines = new List<string> { $"{index.PackageCount} packages, {index.AdvisoryCount} advisories indexed{(catalog.IsBuilding ? " (building)" : "")}" };
        var states = catalog.States();
        var synced = states.Count(s => s.State.LastSuccess is not null);
        var failing = states.Where(s => s.State.LastError is not null).ToList();
        lines.Add($"{states.Count} repositories: {synced} synced, {failing.Count} failing");
        // A short list: the failing ones first (what a moderator must look at), then the synced.
        foreach (var (repo, state) in failing.Concat(states.Where(s => s.State.LastError is null && s.State.LastSuccess is not null)).Take(8))
        {
            var error = state.LastError is null ? "" : $"; last sync failed: {MarkdownText.Literal(state.LastError)}";
            lines.Add($"`{repo.Id}`: {state.Packages} packages, {catalog.Age(repo.Id)}{error}");
        }

        return lines;
    }
}
