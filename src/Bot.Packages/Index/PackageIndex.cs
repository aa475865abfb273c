using System.Text.RegularExpressions;
using Bot.Packages.Repodata;

namespace Bot.Packages.Index;

/// <summary>
/// Every synced repository's compact index, searched together: by name (and name prefix), by
/// provided capability (bare sonames included), by source package, by file path, by advisory id
/// and by CVE. Immutable; a sync builds a new one and swaps it in.
/// </summary>
internal sealed partial class PackageIndex
{
    private readonly IReadOnlyList<(RepoOptions Repo, CompactIndex File)> _repos;

    public PackageIndex(IReadOnlyList<(RepoOptions Repo, CompactIndex File)> repos)
    {
        _repos = repos;
        PackageCount = repos.Sum(r => r.File.PackageCount);
        AdvisoryCount = repos.Sum(r => r.File.AdvisoryCount);
        FileCount = repos.Sum(r => (long)r.File.FileCount);
    }

    public static PackageIndex Empty { get; } = new([]);

    public int PackageCount { get; }

    public int AdvisoryCount { get; }

    public long FileCount { get; }

    public IEnumerable<IndexedPackage> ByName(string name) => Packages((file, key) => file.ByName(key), name);

    public IEnumerable<IndexedPackage> ByProvide(string capability) => Packages((file, key) => file.ByProvide(key), capability);

    public IEnumerable<IndexedPackage> ByFile(string path) => Packages((file, key) => file.ByFile(key), path);

    /// <summary>Every binary package built from the source package <paramref name="sourceName"/>, in <paramref name="distro"/>'s repositories.</summary>
    public IEnumerable<IndexedPackage> BySource(string distro, string sourceName) =>
        _repos.Where(r => r.Repo.Distro == distro).SelectMany(r => r.File.BySource(sourceName).Select(id => r.File.Package(id, r.Repo)));

    public IReadOnlyList<IndexedAdvisory> ByAdvisory(string id) => Advisories((file, key) => file.ByAdvisory(key), id);

    public IReadOnlyList<IndexedAdvisory> ByCve(string cve) => Advisories((file, key) => file.ByCve(key), cve);

    /// <summary>Package names starting with <paramref name="prefix"/>, in order, at most <paramref name="limit"/>.</summary>
    public IReadOnlyList<string> NamesStartingWith(string prefix, int limit)
    {
        var names = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var (_, file) in _repos)
        {
            file.NamesStartingWith(prefix, limit, names);
        }

        return [.. names.Take(limit)];
    }

    /// <summary>Every package of every repository, read one at a time: for checks and tools, never on a question's path.</summary>
    public IEnumerable<IndexedPackage> AllPackages() =>
        _repos.SelectMany(r => Enumerable.Range(0, r.File.PackageCount).Select(id => r.File.Package(id, r.Repo)));

    private IEnumerable<IndexedPackage> Packages(Func<CompactIndex, string, List<int>> find, string key) =>
        _repos.SelectMany(r => find(r.File, key).Select(id => r.File.Package(id, r.Repo)));

    private List<IndexedAdvisory> Advisories(Func<CompactIndex, string, List<int>> find, string key) =>
        [.. _repos.SelectMany(r => find(r.File, key).Select(id => new IndexedAdvisory(r.Repo.Id, r.Repo.Distro, r.File.Advisory(id))))];

    /// <summary><c>libssl.so.3</c> out of <c>libssl.so.3()(64bit)</c> or <c>libssl.so.3(OPENSSL_3.0.0)(64bit)</c>.</summary>
    [GeneratedRegex(@"^([^\s()]+\.so(?:\.[^\s()]*)?)\(")]
    internal static partial Regex Soname();
}
