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
        foreach (var (repo, state) in catalog.States())
        {
            var error = state.LastError is null ? "" : $"; last sync failed: {state.LastError}";
            lines.Add($"`{repo.Id}`: {state.Packages} packages, {catalog.Age(repo.Id)}{error}");
        }

        return lines;
    }
}
