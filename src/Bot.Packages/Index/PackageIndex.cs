using System.Text.RegularExpressions;
using Bot.Packages.Repodata;

namespace Bot.Packages.Index;

/// <summary>
/// The in-memory index of every synced repository: by name (and name prefix), by provided
/// capability (bare sonames included), by file path, by advisory id and by CVE. Immutable once
/// built; a sync builds a new one and swaps it in.
/// </summary>
internal sealed partial class PackageIndex
{
    private static readonly IReadOnlyList<int> None = [];

    private readonly List<IndexedPackage> _packages = [];
    private readonly Dictionary<string, List<int>> _byName = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<int>> _byProvide = new(StringComparer.Ordinal);
    private readonly FileTable _files = new();
    private readonly Dictionary<string, List<IndexedAdvisory>> _byAdvisory = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, List<IndexedAdvisory>> _byCve = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, string> _modules = new(StringComparer.Ordinal);
    private string[] _names = [];

    public static PackageIndex Empty { get; } = new PackageIndex().Seal();

    public int PackageCount => _packages.Count;

    public int AdvisoryCount { get; private set; }

    public IReadOnlyList<IndexedPackage> Packages => _packages;

    public int Add(IndexedPackage package)
    {
        var id = _packages.Count;
        _packages.Add(package);
        Append(_byName, package.Name, id);
        foreach (var provide in package.Provides)
        {
            Append(_byProvide, provide.Name, id);
            if (Soname().Match(provide.Name) is { Success: true } soname && soname.Groups[1].Value != provide.Name)
            {
                Append(_byProvide, soname.Groups[1].Value, id);
            }
        }

        return id;
    }

    public void AddFile(int package, string path) => _files.Add(path, package);

    /// <summary>Records that the package <paramref name="nevra"/> (name-epoch:version-release.arch) of a repository belongs to a module stream.</summary>
    public void AddModule(string repoId, string nevra, string stream) => _modules[$"{repoId}|{nevra}"] = stream;

    /// <summary>The module stream (name:stream) a package is built for, if any.</summary>
    public string? ModuleOf(IndexedPackage package) =>
        _modules.GetValueOrDefault($"{package.RepoId}|{package.Name}-{package.Evr.Epoch ?? "0"}:{package.Evr.Version}-{package.Evr.Release}.{package.Arch}");

    public void AddAdvisory(IndexedAdvisory advisory)
    {
        AdvisoryCount++;
        Append(_byAdvisory, advisory.Advisory.Id, advisory);
        foreach (var cve in advisory.Advisory.Cves)
        {
            Append(_byCve, cve, advisory);
        }
    }

    public PackageIndex Seal()
    {
        _names = [.. _byName.Keys.Order(StringComparer.Ordinal)];
        return this;
    }

    public IEnumerable<IndexedPackage> ByName(string name) => Lookup(_byName, name);

    public IEnumerable<IndexedPackage> ByProvide(string capability) => Lookup(_byProvide, capability);

    public IEnumerable<IndexedPackage> ByFile(string path) => _files.Find(path).Select(i => _packages[i]);

    public int FileCount => _files.Count;

    public IReadOnlyList<IndexedAdvisory> ByAdvisory(string id) => _byAdvisory.GetValueOrDefault(id) ?? [];

    public IReadOnlyList<IndexedAdvisory> ByCve(string cve) => _byCve.GetValueOrDefault(cve) ?? [];

    /// <summary>Package names starting with <paramref name="prefix"/>, in order, at most <paramref name="limit"/>.</summary>
    public IReadOnlyList<string> NamesStartingWith(string prefix, int limit)
    {
        var start = Array.BinarySearch(_names, prefix, StringComparer.Ordinal);
        if (start < 0)
        {
            start = ~start;
        }

        var found = new List<string>(limit);
        for (var i = start; i < _names.Length && found.Count < limit && _names[i].StartsWith(prefix, StringComparison.Ordinal); i++)
        {
            found.Add(_names[i]);
        }

        return found;
    }

    public IReadOnlyList<string> AllNames => _names;

    private IEnumerable<IndexedPackage> Lookup(Dictionary<string, List<int>> map, string key) =>
        (map.TryGetValue(key, out var ids) ? ids : None).Select(i => _packages[i]);

    private static void Append<T>(Dictionary<string, List<T>> map, string key, T value)
    {
        if (!map.TryGetValue(key, out var list))
        {
            list = new List<T>(1);
            map[key] = list;
        }

        list.Add(value);
    }

    /// <summary><c>libssl.so.3</c> out of <c>libssl.so.3()(64bit)</c> or <c>libssl.so.3(OPENSSL_3.0.0)(64bit)</c>.</summary>
    [GeneratedRegex(@"^([^\s()]+\.so(?:\.[^\s()]*)?)\(")]
    internal static partial Regex Soname();
}
