using System.Buffers.Binary;
using System.IO.Hashing;
using System.Text;
using Bot.Packages.Repodata;

namespace Bot.Packages.Index;

/// <summary>
/// Collects one repository's packages, files and advisories and writes them as a compact index
/// (see <see cref="IndexFormat"/>). Building sorts in memory once per sync; reading never does.
/// </summary>
internal sealed class CompactIndexWriter
{
    private readonly StringHeap _strings = new();
    private readonly List<uint> _packages = [];
    private readonly List<uint> _provides = [];
    private readonly List<(uint Key, uint Item)> _byName = [];
    private readonly List<(uint Key, uint Item)> _byProvide = [];
    private readonly List<(uint Key, uint Item)> _bySource = [];
    private readonly Dictionary<uint, int> _directoryIds = [];
    private readonly List<uint> _directories = [];
    private readonly List<(int Directory, uint Name, uint Package)> _files = [];
    private readonly List<uint> _advisoryRefs = [];
    private readonly List<long> _advisoryTimes = [];
    private readonly List<uint> _advisoryCves = [];
    private readonly List<uint> _advisoryPackages = [];
    private readonly List<(uint Key, uint Item)> _byAdvisory = [];
    private readonly List<(uint Key, uint Item)> _byCve = [];

    public int PackageCount { get; private set; }

    public int AdvisoryCount { get; private set; }

    /// <summary>Adds a package from primary.xml; returns its number, which its files are added under.</summary>
    public int AddPackage(PackageRecord package, string? module)
    {
        var id = (uint)PackageCount++;
        var name = _strings.Add(package.Name);
        var sourceName = _strings.Add(SourceName(package.SourceRpm) ?? package.Name);
        _packages.AddRange([
            name, _strings.Add(package.Arch), _strings.Add(package.Evr.Epoch), _strings.Add(package.Evr.Version), _strings.Add(package.Evr.Release),
            _strings.Add(package.Summary), _strings.Add(package.SourceRpm), sourceName, _strings.Add(module),
            (uint)_provides.Count, (uint)package.Provides.Count]);
        _byName.Add((name, id));
        _bySource.Add((sourceName, id));
        foreach (var provide in package.Provides)
        {
            var key = _strings.Add(provide.Name);
            _provides.Add(key);
            _byProvide.Add((key, id));
            if (PackageIndex.Soname().Match(provide.Name) is { Success: true } soname && soname.Groups[1].Value != provide.Name)
            {
                _byProvide.Add((_strings.Add(soname.Groups[1].ValueSpan), id));
            }
        }

        return (int)id;
    }

    /// <summary>Records that <paramref name="package"/> owns <paramref name="path"/>.</summary>
    public void AddFile(int package, string path)
    {
        var slash = path.LastIndexOf('/');
        var directory = _strings.Add(slash < 0 ? [] : path.AsSpan(0, slash));
        if (!_directoryIds.TryGetValue(directory, out var id))
        {
            id = _directories.Count;
            _directoryIds[directory] = id;
            _directories.Add(directory);
        }

        _files.Add((id, _strings.Add(path.AsSpan(slash + 1)), (uint)package));
    }

    public void AddAdvisory(Advisory advisory)
    {
        var id = (uint)AdvisoryCount++;
        _advisoryRefs.AddRange([
            _strings.Add(advisory.Id), _strings.Add(advisory.Type), _strings.Add(advisory.Severity), _strings.Add(advisory.Title),
            (uint)_advisoryCves.Count, (uint)advisory.Cves.Count, (uint)(_advisoryPackages.Count / 5), (uint)advisory.Packages.Count]);
        _advisoryTimes.Add(advisory.Issued?.ToUnixTimeMilliseconds() ?? IndexFormat.NoTime);
        _advisoryTimes.Add(advisory.Updated?.ToUnixTimeMilliseconds() ?? IndexFormat.NoTime);
        _byAdvisory.Add((_strings.Add(IndexFormat.CaseKey(advisory.Id)), id));
        foreach (var cve in advisory.Cves)
        {
            _advisoryCves.Add(_strings.Add(cve));
            _byCve.Add((_strings.Add(IndexFormat.CaseKey(cve)), id));
        }

        foreach (var fix in advisory.Packages)
        {
            _advisoryPackages.AddRange([_strings.Add(fix.Name), _strings.Add(fix.Epoch), _strings.Add(fix.Version), _strings.Add(fix.Release), _strings.Add(fix.Arch)]);
        }
    }

    /// <summary>Writes the index to <paramref name="path"/> (replaced whole): <paramref name="source"/> names what it was built from.</summary>
    public void Write(string path, string source)
    {
        var sections = new byte[IndexFormat.SectionCount][];
        sections[(int)IndexFormat.Section.Packages] = Words(_packages);
        sections[(int)IndexFormat.Section.Provides] = Words(_provides);
        sections[(int)IndexFormat.Section.ByName] = KeyRows(_byName);
        sections[(int)IndexFormat.Section.ByProvide] = KeyRows(_byProvide);
        sections[(int)IndexFormat.Section.BySource] = KeyRows(_bySource);
        (sections[(int)IndexFormat.Section.Directories], sections[(int)IndexFormat.Section.Files]) = FileRows();
        sections[(int)IndexFormat.Section.Advisories] = Advisories();
        sections[(int)IndexFormat.Section.AdvisoryCves] = Words(_advisoryCves);
        sections[(int)IndexFormat.Section.AdvisoryPackages] = Words(_advisoryPackages);
        sections[(int)IndexFormat.Section.ByAdvisory] = KeyRows(_byAdvisory);
        sections[(int)IndexFormat.Section.ByCve] = KeyRows(_byCve);
        // Last: the sorts above only read the heap.
        sections[(int)IndexFormat.Section.Strings] = _strings.Written.ToArray();

        var sourceBytes = Encoding.UTF8.GetBytes(source);
        var bodyOffset = Align(IndexFormat.HeaderSize + sourceBytes.Length);
        var table = new byte[IndexFormat.SectionCount * 16];
        var offset = Align(bodyOffset + table.Length);
        for (var i = 0; i < sections.Length; i++)
        {
            BinaryPrimitives.WriteInt64LittleEndian(table.AsSpan(i * 16), offset);
            BinaryPrimitives.WriteInt64LittleEndian(table.AsSpan((i * 16) + 8), sections[i].Length);
            offset = Align(offset + sections[i].Length);
        }

        var bodyLength = offset - bodyOffset;
        var hash = new XxHash3();
        var padding = new byte[8];
        var position = (long)bodyOffset;
        void Hashed(Stream stream, ReadOnlySpan<byte> bytes)
        {
            stream.Write(bytes);
            hash.Append(bytes);
            position += bytes.Length;
            var pad = (int)(Align(position) - position);
            stream.Write(padding, 0, pad);
            hash.Append(padding.AsSpan(0, pad));
            position += pad;
        }

        var temporary = path + ".part";
        using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
        {
            file.Position = bodyOffset;
            Hashed(file, table);
            foreach (var section in sections)
            {
                Hashed(file, section);
            }

            var header = new byte[bodyOffset];
            IndexFormat.Magic.CopyTo(header);
            BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(8), IndexFormat.Version);
            BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(12), IndexFormat.SectionCount);
            BinaryPrimitives.WriteInt64LittleEndian(header.AsSpan(16), bodyOffset);
            BinaryPrimitives.WriteInt64LittleEndian(header.AsSpan(24), bodyLength);
            BinaryPrimitives.WriteUInt64LittleEndian(header.AsSpan(32), hash.GetCurrentHashAsUInt64());
            BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(40), (uint)sourceBytes.Length);
            sourceBytes.CopyTo(header.AsSpan(IndexFormat.HeaderSize));
            file.Position = 0;
            file.Write(header);
            file.Flush(flushToDisk: true);
        }

        File.Move(temporary, path, overwrite: true);
    }

    private static long Align(long offset) => (offset + 7) & ~7L;

    private static int Align(int offset) => (offset + 7) & ~7;

    private static byte[] Words(List<uint> words)
    {
        var bytes = new byte[words.Count * 4];
        for (var i = 0; i < words.Count; i++)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(i * 4), words[i]);
        }

        return bytes;
    }

    private byte[] Advisories()
    {
        var bytes = new byte[AdvisoryCount * IndexFormat.AdvisorySize];
        for (var i = 0; i < AdvisoryCount; i++)
        {
            var row = bytes.AsSpan(i * IndexFormat.AdvisorySize);
            for (var k = 0; k < 8; k++)
            {
                BinaryPrimitives.WriteUInt32LittleEndian(row[(k * 4)..], _advisoryRefs[(i * 8) + k]);
            }

            BinaryPrimitives.WriteInt64LittleEndian(row[32..], _advisoryTimes[i * 2]);
            BinaryPrimitives.WriteInt64LittleEndian(row[40..], _advisoryTimes[(i * 2) + 1]);
        }

        return bytes;
    }

    /// <summary>Sorts rows by their key's bytes, then item, and drops repeated rows.</summary>
    private byte[] KeyRows(List<(uint Key, uint Item)> rows)
    {
        var rank = Ranks(rows.Select(r => r.Key));
        var sorted = rows.Distinct().OrderBy(r => rank[r.Key]).ThenBy(r => r.Item).ToList();
        var bytes = new byte[sorted.Count * IndexFormat.KeyRowSize];
        for (var i = 0; i < sorted.Count; i++)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(i * 8), sorted[i].Key);
            BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan((i * 8) + 4), sorted[i].Item);
        }

        return bytes;
    }

    /// <summary>The directories sorted by their bytes, each with the range of its files sorted by base name, then package.</summary>
    private (byte[] Directories, byte[] Files) FileRows()
    {
        var directoryRank = Ranks(_directories);
        var nameRank = Ranks(_files.Select(f => f.Name));
        // Sorting (directory rank, name rank) as one 64-bit key is several times faster than comparing tuples.
        var keys = new ulong[_files.Count];
        var order = new int[_files.Count];
        for (var i = 0; i < keys.Length; i++)
        {
            var (directory, name, _) = _files[i];
            keys[i] = ((ulong)(uint)directoryRank[_directories[directory]] << 32) | (uint)nameRank[name];
            order[i] = i;
        }

        Array.Sort(keys, order);
        var files = new List<(uint Name, uint Package)>(keys.Length);
        var ranges = new Dictionary<int, (int First, int Count)>();
        for (var i = 0; i < keys.Length;)
        {
            // One path owned by several packages: the packages in order, each once.
            var end = i + 1;
            while (end < keys.Length && keys[end] == keys[i])
            {
                end++;
            }

            var name = _files[order[i]].Name;
            var rankOfDirectory = (int)(keys[i] >> 32);
            var first = ranges.TryGetValue(rankOfDirectory, out var range) ? range.First : files.Count;
            if (end == i + 1)
            {
                files.Add((name, _files[order[i]].Package));
            }
            else
            {
                var owners = new SortedSet<uint>();
                for (var k = i; k < end; k++)
                {
                    owners.Add(_files[order[k]].Package);
                }

                foreach (var owner in owners)
                {
                    files.Add((name, owner));
                }
            }

            ranges[rankOfDirectory] = (first, files.Count - first);
            i = end;
        }

        var directories = new byte[ranges.Count * IndexFormat.DirectorySize];
        var row = 0;
        foreach (var directory in _directories.OrderBy(d => directoryRank[d]))
        {
            if (ranges.TryGetValue(directoryRank[directory], out var range))
            {
                var span = directories.AsSpan(row++ * IndexFormat.DirectorySize);
                BinaryPrimitives.WriteUInt32LittleEndian(span, directory);
                BinaryPrimitives.WriteUInt32LittleEndian(span[4..], (uint)range.First);
                BinaryPrimitives.WriteUInt32LittleEndian(span[8..], (uint)range.Count);
            }
        }

        var bytes = new byte[files.Count * IndexFormat.FileRowSize];
        for (var i = 0; i < files.Count; i++)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(i * 8), files[i].Name);
            BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan((i * 8) + 4), files[i].Package);
        }

        return (directories, bytes);
    }

    /// <summary>Each distinct string's place in the order of its UTF-8 bytes, which is the order lookups search in.</summary>
    private Dictionary<uint, int> Ranks(IEnumerable<uint> references)
    {
        var distinct = references.Distinct().ToArray();
        Array.Sort(distinct, (a, b) => _strings.Bytes(a).SequenceCompareTo(_strings.Bytes(b)));
        var rank = new Dictionary<uint, int>(distinct.Length);
        for (var i = 0; i < distinct.Length; i++)
        {
            rank[distinct[i]] = i;
        }

        return rank;
    }

    /// <summary>The source package's name: <c>openssl</c> for <c>openssl-3.0.7-27.el9.src.rpm</c>.</summary>
    internal static string? SourceName(string? sourceRpm)
    {
        if (sourceRpm is null)
        {
            return null;
        }

        var text = sourceRpm.EndsWith(".src.rpm", StringComparison.Ordinal) ? sourceRpm[..^8] : sourceRpm;
        var release = text.LastIndexOf('-');
        var version = release > 0 ? text.LastIndexOf('-', release - 1) : -1;
        return version > 0 ? text[..version] : null;
    }
}
