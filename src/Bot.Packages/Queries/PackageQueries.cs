using System.Globalization;
using Bot.Packages.Index;
using Bot.Packages.Rpm;

namespace Bot.Packages.Queries;

/// <summary>The four questions the module answers, over the current index. Shared by the chat commands, the CLI and the SK plugin.</summary>
internal sealed class PackageQueries(PackageCatalog catalog)
{
    private PackageIndex Index => catalog.Current;

    /// <summary>The newest EVR of <paramref name="name"/> per repository and arch.</summary>
    public IReadOnlyList<PackageVersion> Info(string name, string? distro) =>
        [.. Index.ByName(name)
            .Where(p => distro is null || p.Distro == distro)
            .GroupBy(p => (p.RepoId, p.Arch))
            .Select(g => g.Aggregate(Newest))
            .OrderBy(p => p.Distro, StringComparer.Ordinal).ThenBy(p => p.RepoId, StringComparer.Ordinal).ThenBy(p => p.Arch, StringComparer.Ordinal)
            .Select(p => Row(p) with { Summary = p.Summary, Module = p.Module })];

    /// <summary>Packages that provide a capability, a file path, or a bare soname (newest per repository, name and arch).</summary>
    public IReadOnlyList<PackageVersion> Provides(string what, string? distro)
    {
        var found = what.StartsWith('/') ? Index.ByFile(what) : Index.ByProvide(what);
        return [.. found
            .Where(p => distro is null || p.Distro == distro)
            .GroupBy(p => (p.RepoId, p.Name, p.Arch))
            .Select(g => g.Aggregate(Newest))
            .OrderBy(p => p.Distro, StringComparer.Ordinal).ThenBy(p => p.Name, StringComparer.Ordinal)
            .Select(Row)];
    }

    /// <summary>Both sides' newest EVR, which is newer, and the sonames and symbol versions only one side provides.</summary>
    public CompareResult Compare(string name, string from, string to)
    {
        var left = NewestIn(name, from);
        var right = NewestIn(name, to);
        string? newer = null;
        if (left is not null && right is not null)
        {
            var order = left.Evr.CompareTo(right.Evr);
            newer = order > 0 ? "from" : order < 0 ? "to" : "same";
        }

        var leftSonames = Sonames(left);
        var rightSonames = Sonames(right);
        return new CompareResult(
            name,
            left is null ? null : new CompareSide(from, left.Evr.ToString()),
            right is null ? null : new CompareSide(to, right.Evr.ToString()),
            newer,
            [.. leftSonames.Except(rightSonames).Order(StringComparer.Ordinal)],
            [.. rightSonames.Except(leftSonames).Order(StringComparer.Ordinal)]);
    }

    /// <summary>Advisories by CVE or by ALSA/RLSA/RHSA/ELSA id.</summary>
    public IReadOnlyList<AdvisoryRow> Advisory(string id, string? distro)
    {
        var key = id.Trim();
        var found = key.StartsWith("CVE-", StringComparison.OrdinalIgnoreCase) ? Index.ByCve(key) : Index.ByAdvisory(key);
        return [.. found
            .Where(a => distro is null || a.Distro == distro)
            .OrderBy(a => a.Distro, StringComparer.Ordinal).ThenBy(a => a.Advisory.Id, StringComparer.Ordinal)
            .Select(a => new AdvisoryRow(
                a.Advisory.Id, a.RepoId, a.Distro, a.Advisory.Type, a.Advisory.Severity,
                a.Advisory.Issued?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                a.Advisory.Cves,
                [.. a.Advisory.Packages.Select(p => new AdvisoryFix(p.Name, p.Epoch, p.Version, p.Release, p.Arch))])
            {
                Title = a.Advisory.Title,
            })];
    }

    /// <summary>Package names for autocomplete: prefix matches first, at most 25.</summary>
    public IReadOnlyList<string> Complete(string partial) => Index.NamesStartingWith(partial.Trim(), 25);

    /// <summary>Known names near a typo, for "did you mean".</summary>
    public IReadOnlyList<string> Near(string name)
    {
        var prefix = name.Length >= 3 ? Index.NamesStartingWith(name[..3], 200) : [];
        return [.. prefix.OrderBy(n => Bot.Core.Commands.Suggest.Distance(name, n)).Take(3)];
    }

    private IndexedPackage? NewestIn(string name, string distro)
    {
        var candidates = Index.ByName(name).Where(p => p.Distro == distro).ToList();
        // Prefer the machine architecture over other arches, then the newest build.
        var preferred = candidates.Where(p => p.Arch is "x86_64" or "noarch").ToList();
        return (preferred.Count > 0 ? preferred : candidates).Aggregate((IndexedPackage?)null, (best, p) => best is null || p.Evr.CompareTo(best.Evr) > 0 ? p : best);
    }

    /// <summary>The sonames and symbol versions that the build's whole source package provides.</summary>
    private HashSet<string> Sonames(IndexedPackage? package)
    {
        if (package is null)
        {
            return [];
        }

        // openssl's sonames live in openssl-libs: take every binary package of the same source build.
        var source = package.SourceName;
        var siblings = Index.BySource(package.Distro, source).Where(p => p.Evr.CompareTo(package.Evr) == 0 && (p.Arch == package.Arch || p.Arch == "noarch"));
        return [.. siblings.SelectMany(p => p.Provides).Where(n => PackageIndex.Soname().IsMatch(n))];
    }

    private static IndexedPackage Newest(IndexedPackage a, IndexedPackage b) => a.Evr.CompareTo(b.Evr) >= 0 ? a : b;

    private static PackageVersion Row(IndexedPackage p) =>
        new(p.RepoId, p.Distro, p.Name, p.Evr.Epoch ?? "0", p.Evr.Version, p.Evr.Release ?? "", p.Arch);
}
