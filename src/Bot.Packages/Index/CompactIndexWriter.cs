using System.Buffers.Binary;
using System.IO.Hashing;
using System.Text;
using Bot.Packages.Repodata;

namespace Bot.Packages.Index;

/// <summary>
/// Collects one repository's packages, files and advisories and writes them as a compact index
/// (see <see cref="IndexFormat"/>). Building sorts in memory once per sync; reading never does.
/// </summary>
/// <remarks>
/// The largest repositories (Oracle Linux keeps every build it ever shipped) list millions of file
/// paths, so a path is held as 12 bytes of numbers (its directory and base name in one 64-bit key,
/// its package beside it), sorted in place, and every section is streamed to the file rather than
/// assembled in memory first.
/// </remarks>
internal sealed class CompactIndexWriter
{
    private readonly StringHeap _strings = new();
    private readonly List<uint> _packages = [];
    private readonly List<uint> _provides = [];
    private readonly List<ulong> _byName = [];
    private readonly List<ulong> _byProvide = [];
    private readonly List<ulong> _bySource = [];
    private readonly Dictionary<uint, int> _directoryIds = [];
    private readonly List<uint> _directories = [];
    private readonly Dictionary<uint, int> _nameIds = [];
    private readonly List<uint> _names = [];
    // A path as (directory, base name) in one 64-bit key and its package beside it: dense ids while
    // adding, ranks by bytes when sorting, so that the sort compares numbers and moves 12 bytes a row.
    private ulong[] _fileKeys = new ulong[1024];
    private uint[] _filePackages = new uint[1024];
    private int _fileCount;
    private readonly List<uint> _advisoryRefs = [];
    private readonly List<long> _advisoryTimes = [];
    private readonly List<uint> _advisoryCves = [];
    private readonly List<uint> _advisoryPackages = [];
    private readonly List<ulong> _byAdvisory = [];
    private readonly List<ulong> _byCve = [];

    public int PackageCount { get; private set; }

    public int AdvisoryCount { get; private set; }

    /// <summary>Adds a package from primary.xml; returns its number, which its files are added under.</summary>
    public int AddPackage(PackageRecord package, string? module)
    {
        var id = (uint)PackageCount++;
        var name = _strings.Add(package.Name);
        var sourceName = _strings.Add(SourceName(package.SourceRpm) ?? package.Name);
        var row = new uint[IndexFormat.PackageSize / 4];
        row[(int)IndexFormat.PackageField.Name] = name;
        row[(int)IndexFormat.PackageField.Arch] = _strings.Add(package.Arch);
        row[(int)IndexFormat.PackageField.Epoch] = _strings.Add(package.Evr.Epoch);
        row[(int)IndexFormat.PackageField.Version] = _strings.Add(package.Evr.Version);
        row[(int)IndexFormat.PackageField.Release] = _strings.Add(package.Evr.Release);
        row[(int)IndexFormat.PackageField.Summary] = _strings.Add(package.Summary);
        row[(int)IndexFormat.PackageField.SourceRpm] = _strings.Add(package.SourceRpm);
        row[(int)IndexFormat.PackageField.SourceName] = sourceName;
        row[(int)IndexFormat.PackageField.Module] = _strings.Add(module);
        row[(int)IndexFormat.PackageField.FirstProvide] = (uint)_provides.Count;
        row[(int)IndexFormat.PackageField.Provides] = (uint)package.Provides.Count;
        _packages.AddRange(row);
        _byName.Add(Row(name, id));
        _bySource.Add(Row(sourceName, id));
        foreach (var provide in package.Provides)
        {
            var key = _strings.Add(provide.Name);
            _provides.Add(key);
            _byProvide.Add(Row(key, id));
            if (PackageIndex.Soname().Match(provide.Name) is { Success: true } soname && soname.Groups[1].Value != provide.Name)
            {
                _byProvide.Add(Row(_strings.Add(soname.Groups[1].ValueSpan), id));
            }
        }

        return (int)id;
    }

    /// <summary>Records that <paramref name="package"/> owns <paramref name="path"/>.</summary>
    public void AddFile(int package, string path)
    {
        var slash = path.LastIndexOf('/');
        var directory = Dense(_strings.Add(slash < 0 ? [] : path.AsSpan(0, slash)), _directoryIds, _directories);
        var name = Dense(_strings.Add(path.AsSpan(slash + 1)), _nameIds, _names);
        if (_fileCount == _fileKeys.Length)
        {
            // Growing by half, not double: with ten million paths, a doubling holds 300 MB at its peak.
            var capacity = _fileKeys.Length + (_fileKeys.Length / 2);
            Array.Resize(ref _fileKeys, capacity);
            Array.Resize(ref _filePackages, capacity);
        }

        _fileKeys[_fileCount] = Row((uint)directory, (uint)name);
        _filePackages[_fileCount++] = (uint)package;
    }

    public void AddAdvisory(Advisory advisory)
    {
        var id = (uint)AdvisoryCount++;
        var row = new uint[IndexFormat.AdvisoryFields];
        row[(int)IndexFormat.AdvisoryField.Id] = _strings.Add(advisory.Id);
        row[(int)IndexFormat.AdvisoryField.Type] = _strings.Add(advisory.Type);
        row[(int)IndexFormat.AdvisoryField.Severity] = _strings.Add(advisory.Severity);
        row[(int)IndexFormat.AdvisoryField.Title] = _strings.Add(advisory.Title);
        row[(int)IndexFormat.AdvisoryField.FirstCve] = (uint)_advisoryCves.Count;
        row[(int)IndexFormat.AdvisoryField.Cves] = (uint)advisory.Cves.Count;
        row[(int)IndexFormat.AdvisoryField.FirstPackage] = (uint)(_advisoryPackages.Count / IndexFormat.FixFields);
        row[(int)IndexFormat.AdvisoryField.Packages] = (uint)advisory.Packages.Count;
        _advisoryRefs.AddRange(row);
        _advisoryTimes.Add(advisory.Issued?.ToUnixTimeMilliseconds() ?? IndexFormat.NoTime);
        _advisoryTimes.Add(advisory.Updated?.ToUnixTimeMilliseconds() ?? IndexFormat.NoTime);
        _byAdvisory.Add(Row(_strings.Add(IndexFormat.CaseKey(advisory.Id)), id));
        foreach (var cve in advisory.Cves)
        {
            _advisoryCves.Add(_strings.Add(cve));
            _byCve.Add(Row(_strings.Add(IndexFormat.CaseKey(cve)), id));
        }

        foreach (var fix in advisory.Packages)
        {
            var fixRow = new uint[IndexFormat.FixFields];
            fixRow[(int)IndexFormat.FixField.Name] = _strings.Add(fix.Name);
            fixRow[(int)IndexFormat.FixField.Epoch] = _strings.Add(fix.Epoch);
            fixRow[(int)IndexFormat.FixField.Version] = _strings.Add(fix.Version);
            fixRow[(int)IndexFormat.FixField.Release] = _strings.Add(fix.Release);
            fixRow[(int)IndexFormat.FixField.Arch] = _strings.Add(fix.Arch);
            _advisoryPackages.AddRange(fixRow);
        }
    }

    /// <summary>Writes the index to <paramref name="path"/> (replaced whole): <paramref name="source"/> names what it was built from.</summary>
    public void Write(string path, string source)
    {
        var sourceBytes = Encoding.UTF8.GetBytes(source);
        if (sourceBytes.Length > IndexFormat.MaxSourceLength)
        {
            throw new ArgumentException($"the source key is longer than {IndexFormat.MaxSourceLength} bytes", nameof(source));
        }

        var bodyOffset = Align(IndexFormat.HeaderSize + sourceBytes.Length);
        var temporary = path + ".part";
        try
        {
            using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 1))
            {
                file.Position = bodyOffset;
                var body = new HashedOutput(file, bodyOffset);
                var table = new (long Offset, long Length)[IndexFormat.SectionCount];
                void Section(IndexFormat.Section section, Action write)
                {
                    body.Align();
                    var start = body.Position;
                    write();
                    table[(int)section] = (start, body.Position - start);
                }

                Section(IndexFormat.Section.Packages, () => body.Words(_packages));
                Section(IndexFormat.Section.Provides, () => body.Words(_provides));
                Section(IndexFormat.Section.ByName, () => KeyRows(body, _byName));
                Section(IndexFormat.Section.ByProvide, () => KeyRows(body, _byProvide));
                Section(IndexFormat.Section.BySource, () => KeyRows(body, _bySource));
                byte[] directories = [];
                Section(IndexFormat.Section.Files, () => directories = FileRows(body));
                Section(IndexFormat.Section.Directories, () => body.Write(directories));
                Section(IndexFormat.Section.Advisories, () => Advisories(body));
                Section(IndexFormat.Section.AdvisoryCves, () => body.Words(_advisoryCves));
                Section(IndexFormat.Section.AdvisoryPackages, () => body.Words(_advisoryPackages));
                Section(IndexFormat.Section.ByAdvisory, () => KeyRows(body, _byAdvisory));
                Section(IndexFormat.Section.ByCve, () => KeyRows(body, _byCve));
                // Last: the sorts above read the heap.
                Section(IndexFormat.Section.Strings, () => body.Write(_strings.Written));
                body.Align();
                foreach (var (offset, length) in table)
                {
                    body.I64(offset);
                    body.I64(length);
                }

                var (bodyLength, hash) = body.Finish();
                var header = new byte[bodyOffset];
                IndexFormat.Magic.CopyTo(header);
                BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(IndexFormat.VersionOffset), IndexFormat.Version);
                BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(IndexFormat.SectionCountOffset), IndexFormat.SectionCount);
                BinaryPrimitives.WriteInt64LittleEndian(header.AsSpan(IndexFormat.BodyOffsetOffset), bodyOffset);
                BinaryPrimitives.WriteInt64LittleEndian(header.AsSpan(IndexFormat.BodyLengthOffset), bodyLength);
                BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(IndexFormat.SourceLengthOffset), (uint)sourceBytes.Length);
                IndexFormat.AppendHeader(hash, header, sourceBytes);
                BinaryPrimitives.WriteUInt64LittleEndian(header.AsSpan(IndexFormat.HashOffset), hash.GetCurrentHashAsUInt64());
                sourceBytes.CopyTo(header.AsSpan(IndexFormat.HeaderSize));
                file.Position = 0;
                file.Write(header);
                file.Flush(flushToDisk: true);
            }
        }
        catch
        {
            // A failed write (a full disk, a cancelled sync) leaves no half-written file behind.
            File.Delete(temporary);
            throw;
        }

        File.Move(temporary, path, overwrite: true);
    }

    private static ulong Row(uint key, uint item) => ((ulong)key << 32) | item;

    private static int Align(int offset) => (offset + 7) & ~7;

    private static int Dense(uint reference, Dictionary<uint, int> ids, List<uint> references)
    {
        if (!ids.TryGetValue(reference, out var id))
        {
            id = references.Count;
            ids[reference] = id;
            references.Add(reference);
        }

        return id;
    }

    private void Advisories(HashedOutput body)
    {
        for (var i = 0; i < AdvisoryCount; i++)
        {
            for (var k = 0; k < IndexFormat.AdvisoryFields; k++)
            {
                body.U32(_advisoryRefs[(i * IndexFormat.AdvisoryFields) + k]);
            }

            body.I64(_advisoryTimes[i * 2]);
            body.I64(_advisoryTimes[(i * 2) + 1]);
        }
    }

    /// <summary>Writes (key, item) rows sorted by the key's bytes, then item, each once.</summary>
    private void KeyRows(HashedOutput body, List<ulong> rows)
    {
        var keys = new List<uint>(rows.Count);
        foreach (var row in rows)
        {
            keys.Add((uint)(row >> 32));
        }

        var (rank, byRank) = Ranks(keys);
        var sorted = new ulong[rows.Count];
        for (var i = 0; i < sorted.Length; i++)
        {
            sorted[i] = Row((uint)rank[(uint)(rows[i] >> 32)], (uint)rows[i]);
        }

        Array.Sort(sorted);
        for (var i = 0; i < sorted.Length; i++)
        {
            if (i == 0 || sorted[i] != sorted[i - 1])
            {
                body.U32(byRank[(int)(sorted[i] >> 32)]);
                body.U32((uint)sorted[i]);
            }
        }
    }

    /// <summary>
    /// Writes the file rows, grouped by directory in the directories' byte order and sorted by base
    /// name, then package, each (path, package) once; returns the directory rows that point into them.
    /// </summary>
    private byte[] FileRows(HashedOutput body)
    {
        var directoryByRank = ByteOrder(_directories);
        var directoryRank = RankOfDense(directoryByRank, _directories);
        var nameByRank = ByteOrder(_names);
        var nameRank = RankOfDense(nameByRank, _names);
        for (var i = 0; i < _fileCount; i++)
        {
            var key = _fileKeys[i];
            _fileKeys[i] = Row((uint)directoryRank[(int)(key >> 32)], (uint)nameRank[(int)(uint)key]);
        }

        Array.Sort(_fileKeys, _filePackages, 0, _fileCount);
        var first = new int[directoryByRank.Length];
        var count = new int[directoryByRank.Length];
        var written = 0;
        var owners = new SortedSet<uint>();
        for (var i = 0; i < _fileCount;)
        {
            // A path owned by several packages (rare) is one run of equal keys: its packages in order, each once.
            var end = i + 1;
            while (end < _fileCount && _fileKeys[end] == _fileKeys[i])
            {
                end++;
            }

            var directory = (int)(_fileKeys[i] >> 32);
            var name = _names[nameByRank[(int)(uint)_fileKeys[i]]];
            if (count[directory] == 0)
            {
                first[directory] = written;
            }

            if (end == i + 1)
            {
                body.U32(name);
                body.U32(_filePackages[i]);
                count[directory]++;
                written++;
            }
            else
            {
                owners.Clear();
                for (var k = i; k < end; k++)
                {
                    owners.Add(_filePackages[k]);
                }

                foreach (var owner in owners)
                {
                    body.U32(name);
                    body.U32(owner);
                    count[directory]++;
                    written++;
                }
            }

            i = end;
        }

        var directoryRows = new byte[directoryByRank.Length * IndexFormat.DirectorySize];
        var at = 0;
        for (var rank = 0; rank < directoryByRank.Length; rank++)
        {
            if (count[rank] > 0)
            {
                var span = directoryRows.AsSpan(at++ * IndexFormat.DirectorySize);
                BinaryPrimitives.WriteUInt32LittleEndian(span, _directories[directoryByRank[rank]]);
                BinaryPrimitives.WriteUInt32LittleEndian(span[IndexFormat.DirectoryFirstOffset..], (uint)first[rank]);
                BinaryPrimitives.WriteUInt32LittleEndian(span[IndexFormat.DirectoryCountOffset..], (uint)count[rank]);
            }
        }

        return directoryRows[..(at * IndexFormat.DirectorySize)];
    }

    private static int[] RankOfDense(int[] denseByRank, List<uint> references)
    {
        var rank = new int[references.Count];
        for (var r = 0; r < denseByRank.Length; r++)
        {
            rank[denseByRank[r]] = r;
        }

        return rank;
    }

    /// <summary>The positions of <paramref name="references"/> (distinct strings) in the order of their UTF-8 bytes, the order lookups search in.</summary>
    private int[] ByteOrder(List<uint> references)
    {
        var order = Enumerable.Range(0, references.Count).ToArray();
        Array.Sort(order, (a, b) => _strings.Bytes(references[a]).SequenceCompareTo(_strings.Bytes(references[b])));
        return order;
    }

    /// <summary>Each distinct string's rank in the order of its UTF-8 bytes, and the strings by rank.</summary>
    private (Dictionary<uint, int> Rank, uint[] ByRank) Ranks(List<uint> references)
    {
        var distinct = references.Distinct().ToArray();
        Array.Sort(distinct, (a, b) => _strings.Bytes(a).SequenceCompareTo(_strings.Bytes(b)));
        var rank = new Dictionary<uint, int>(distinct.Length);
        for (var i = 0; i < distinct.Length; i++)
        {
            rank[distinct[i]] = i;
        }

        return (rank, distinct);
    }

    /// <summary>The source package's name: <c>openssl</c> for <c>openssl-3.0.7-27.el9.src.rpm</c>.</summary>
    private static string? SourceName(string? sourceRpm)
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

    /// <summary>The body as it is written: buffered, hashed on the way out, 8-byte aligned on request.</summary>
    private sealed class HashedOutput(FileStream file, long start)
    {
        private readonly byte[] _buffer = new byte[1 << 16];
        private readonly XxHash3 _hash = new();
        private readonly long _start = start;
        private int _used;

        public long Position { get; private set; } = start;

        public void U32(uint value)
        {
            Reserve(4);
            BinaryPrimitives.WriteUInt32LittleEndian(_buffer.AsSpan(_used), value);
            Advance(4);
        }

        public void I64(long value)
        {
            Reserve(8);
            BinaryPrimitives.WriteInt64LittleEndian(_buffer.AsSpan(_used), value);
            Advance(8);
        }

        public void Words(List<uint> words)
        {
            foreach (var word in words)
            {
                U32(word);
            }
        }

        public void Write(ReadOnlySpan<byte> bytes)
        {
            Flush();
            _hash.Append(bytes);
            file.Write(bytes);
            Position += bytes.Length;
        }

        public void Align()
        {
            var pad = (int)(((Position + 7) & ~7L) - Position);
            Reserve(pad);
            _buffer.AsSpan(_used, pad).Clear();
            Advance(pad);
        }

        /// <summary>The body's length and its hash so far, to which the header is added.</summary>
        public (long Length, XxHash3 Hash) Finish()
        {
            Flush();
            return (Position - _start, _hash);
        }

        private void Reserve(int bytes)
        {
            if (_used + bytes > _buffer.Length)
            {
                Flush();
            }
        }

        private void Advance(int bytes)
        {
            _used += bytes;
            Position += bytes;
        }

        private void Flush()
        {
            _hash.Append(_buffer.AsSpan(0, _used));
            file.Write(_buffer, 0, _used);
            _used = 0;
        }
    }
}
