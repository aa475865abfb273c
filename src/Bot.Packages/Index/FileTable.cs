namespace Bot.Packages.Index;

/// <summary>
/// File path to packages, compactly: a path is stored as (directory id, name id) with both parts
/// interned, so the million paths of a large repository share their directories and repeated names,
/// and a path owned by one package (nearly all) needs no list. Lookups allocate nothing.
/// </summary>
internal sealed class FileTable
{
    private readonly Dictionary<string, int> _directories = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _names = new(StringComparer.Ordinal);
    private readonly Dictionary<long, int> _owners = [];
    private readonly List<List<int>> _shared = [];

    public int Count => _owners.Count;

    public void Add(string path, int package)
    {
        var slash = path.LastIndexOf('/');
        var directory = Directory(path, slash);
        var name = Name(path, slash);
        var key = ((long)Intern(_directories, directory) << 32) | (uint)Intern(_names, name);
        if (!_owners.TryGetValue(key, out var owner))
        {
            _owners[key] = package;
        }
        else if (owner >= 0)
        {
            if (owner != package)
            {
                _shared.Add([owner, package]);
                _owners[key] = -_shared.Count;
            }
        }
        else if (!_shared[-owner - 1].Contains(package))
        {
            _shared[-owner - 1].Add(package);
        }
    }

    public IReadOnlyList<int> Find(string path)
    {
        var slash = path.LastIndexOf('/');
        var directory = Directory(path, slash);
        var name = Name(path, slash);
        if (!_directories.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(directory, out var d)
            || !_names.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(name, out var n)
            || !_owners.TryGetValue(((long)d << 32) | (uint)n, out var owner))
        {
            return [];
        }

        return owner >= 0 ? [owner] : _shared[-owner - 1];
    }

    private static ReadOnlySpan<char> Directory(string path, int slash) => slash < 0 ? [] : path.AsSpan(0, slash);

    private static ReadOnlySpan<char> Name(string path, int slash) => path.AsSpan(slash + 1);

    private static int Intern(Dictionary<string, int> pool, ReadOnlySpan<char> text)
    {
        var lookup = pool.GetAlternateLookup<ReadOnlySpan<char>>();
        if (!lookup.TryGetValue(text, out var id))
        {
            id = pool.Count;
            lookup[text] = id;
        }

        return id;
    }
}
