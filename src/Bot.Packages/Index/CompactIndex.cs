using System.IO.Hashing;
using System.IO.MemoryMappedFiles;
using System.Text;
using Bot.Packages.Repodata;
using Bot.Packages.Rpm;

namespace Bot.Packages.Index;

/// <summary>
/// One repository's compact index (<see cref="IndexFormat"/>), memory-mapped read-only: opening
/// checks the header and the checksum and parses nothing, and a lookup reads only the pages of the
/// tables it searches, so an index costs the process what its questions touch, not its size.
/// </summary>
/// <remarks>
/// The mapping lives as long as the object: an index replaced by a sync may still be read by a
/// question in flight, so it is released by the finalizer once nothing refers to it, never by an
/// explicit close under a reader's feet (each method that reads the mapping keeps this object alive
/// to its end, so the finalizer cannot run while a span into it is in use). A sync writes a new file
/// and renames it over the old one, so a mapping never sees a file change.
/// </remarks>
internal sealed unsafe class CompactIndex
{
    private const int HashBufferSize = 1 << 20;

    private readonly MemoryMappedFile _file;
    private readonly MemoryMappedViewAccessor _view;
    private readonly byte* _base;
    private readonly (long Offset, int Length)[] _sections;

    private CompactIndex(MemoryMappedFile file, MemoryMappedViewAccessor view, (long, int)[] sections, string source)
    {
        (_file, _view, _sections, Source) = (file, view, sections, source);
        byte* pointer = null;
        view.SafeMemoryMappedViewHandle.AcquirePointer(ref pointer);
        _base = pointer + view.PointerOffset;
        PackageCount = Section(IndexFormat.Section.Packages).Length / IndexFormat.PackageSize;
        AdvisoryCount = Section(IndexFormat.Section.Advisories).Length / IndexFormat.AdvisorySize;
        FileCount = Section(IndexFormat.Section.Files).Length / IndexFormat.FileRowSize;
    }

    ~CompactIndex()
    {
        // The view's handle is a critical finalizable object, finalized after this one.
        _view.SafeMemoryMappedViewHandle.ReleasePointer();
        _view.Dispose();
        _file.Dispose();
    }

    /// <summary>What the index was built from (the SHA-256 of its repomd.xml).</summary>
    public string Source { get; }

    public int PackageCount { get; }

    public int AdvisoryCount { get; }

    public int FileCount { get; }

    /// <summary>
    /// Opens the index at <paramref name="path"/>; throws <see cref="InvalidDataException"/> when it is
    /// of another format version, damaged (checksum), or built from other metadata than <paramref name="source"/>.
    /// </summary>
    public static CompactIndex Open(string path, string source)
    {
        // One handle for the checks and the mapping: what is mapped is the file that was checked.
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        MemoryMappedFile? file = null;
        MemoryMappedViewAccessor? view = null;
        try
        {
            var (sections, found) = Check(stream, path, source);
            file = MemoryMappedFile.CreateFromFile(stream, null, 0, MemoryMappedFileAccess.Read, HandleInheritability.None, leaveOpen: false);
            view = file.CreateViewAccessor(0, 0, MemoryMappedFileAccess.Read);
            return new CompactIndex(file, view, sections, found);
        }
        catch
        {
            view?.Dispose();
            file?.Dispose();
            stream.Dispose();
            throw;
        }
    }

    /// <summary>The header's fields and the checksum over body and header; returns the section table and the source.</summary>
    private static ((long Offset, int Length)[] Sections, string Source) Check(FileStream stream, string path, string source)
    {
        var length = stream.Length;
        var header = new byte[IndexFormat.HeaderSize];
        if (length < IndexFormat.HeaderSize || stream.ReadAtLeast(header, header.Length, throwOnEndOfStream: false) < header.Length
            || !header.AsSpan(0, IndexFormat.Magic.Length).SequenceEqual(IndexFormat.Magic))
        {
            throw new InvalidDataException($"{path} is not a package index");
        }

        var version = IndexFormat.U32(header, IndexFormat.VersionOffset);
        if (version != IndexFormat.Version || IndexFormat.U32(header, IndexFormat.SectionCountOffset) != IndexFormat.SectionCount)
        {
            throw new InvalidDataException($"{path} is of package index format {version}, not {IndexFormat.Version}");
        }

        // Every field is checked as read, before the checksum can vouch for it: a flipped bit must
        // end as "damaged", never as an overflow or a read outside the file.
        var bodyOffset = IndexFormat.I64(header, IndexFormat.BodyOffsetOffset);
        var bodyLength = IndexFormat.I64(header, IndexFormat.BodyLengthOffset);
        var sourceLength = IndexFormat.U32(header, IndexFormat.SourceLengthOffset);
        if (sourceLength > IndexFormat.MaxSourceLength || bodyOffset < IndexFormat.HeaderSize + sourceLength || bodyOffset > length
            || bodyLength < IndexFormat.SectionCount * 16 || bodyLength != length - bodyOffset)
        {
            throw new InvalidDataException($"{path}: the package index's header does not match its size (damaged)");
        }

        var sourceBytes = new byte[sourceLength];
        stream.ReadExactly(sourceBytes);

        // Read, not mapped, so that checking the sum leaves the pages out of this process's memory.
        stream.Position = bodyOffset;
        var hash = new XxHash3();
        var buffer = new byte[HashBufferSize];
        int read;
        while ((read = stream.Read(buffer)) > 0)
        {
            hash.Append(buffer.AsSpan(0, read));
        }

        IndexFormat.AppendHeader(hash, header, sourceBytes);
        if (hash.GetCurrentHashAsUInt64() != System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(header.AsSpan(IndexFormat.HashOffset)))
        {
            throw new InvalidDataException($"{path}: the package index's checksum does not match (damaged)");
        }

        var found = Encoding.UTF8.GetString(sourceBytes);
        if (found != source)
        {
            throw new InvalidDataException($"{path} was built from other metadata than the cached repomd.xml");
        }

        // The section table closes the body.
        var table = new byte[IndexFormat.SectionCount * 16];
        stream.Position = length - table.Length;
        stream.ReadExactly(table);
        var sections = new (long, int)[IndexFormat.SectionCount];
        for (var i = 0; i < sections.Length; i++)
        {
            var offset = IndexFormat.I64(table, i * 16);
            var size = IndexFormat.I64(table, (i * 16) + 8);
            if (offset < bodyOffset || size < 0 || size > int.MaxValue || offset > length - size)
            {
                throw new InvalidDataException($"{path}: section {(IndexFormat.Section)i} lies outside the file");
            }

            sections[i] = (offset, (int)size);
        }

        return (sections, found);
    }

    /// <summary>The package numbered <paramref name="id"/>, as the queries use it.</summary>
    public IndexedPackage Package(int id, RepoOptions repo)
    {
        var row = Section(IndexFormat.Section.Packages).Slice(id * IndexFormat.PackageSize, IndexFormat.PackageSize);
        var first = (int)IndexFormat.Field(row, IndexFormat.PackageField.FirstProvide);
        var count = (int)IndexFormat.Field(row, IndexFormat.PackageField.Provides);
        var provides = Section(IndexFormat.Section.Provides);
        var names = new string[count];
        for (var i = 0; i < count; i++)
        {
            names[i] = Text(IndexFormat.U32(provides, (first + i) * 4))!;
        }

        var package = new IndexedPackage(
            repo.Id, repo.Distro, repo.Name, Text(row, IndexFormat.PackageField.Name)!, Text(row, IndexFormat.PackageField.Arch)!,
            new Evr(Text(row, IndexFormat.PackageField.Epoch), Text(row, IndexFormat.PackageField.Version)!, Text(row, IndexFormat.PackageField.Release)),
            Text(row, IndexFormat.PackageField.Summary) ?? "", Text(row, IndexFormat.PackageField.SourceRpm), Text(row, IndexFormat.PackageField.SourceName)!,
            Text(row, IndexFormat.PackageField.Module), names);
        GC.KeepAlive(this);
        return package;
    }

    public List<int> ByName(string name) => Find(IndexFormat.Section.ByName, name);

    public List<int> ByProvide(string capability) => Find(IndexFormat.Section.ByProvide, capability);

    public List<int> BySource(string sourceName) => Find(IndexFormat.Section.BySource, sourceName);

    public List<int> ByAdvisory(string id) => Find(IndexFormat.Section.ByAdvisory, IndexFormat.CaseKey(id));

    public List<int> ByCve(string cve) => Find(IndexFormat.Section.ByCve, IndexFormat.CaseKey(cve));

    /// <summary>The packages that own <paramref name="path"/>.</summary>
    public List<int> ByFile(string path)
    {
        var found = new List<int>();
        var slash = path.LastIndexOf('/');
        var directory = Encoding.UTF8.GetBytes(slash < 0 ? "" : path[..slash]);
        var name = Encoding.UTF8.GetBytes(path[(slash + 1)..]);
        var heap = Section(IndexFormat.Section.Strings);
        var directories = Section(IndexFormat.Section.Directories);
        var at = LowerBound(directories, IndexFormat.DirectorySize, heap, directory);
        if (at >= directories.Length / IndexFormat.DirectorySize || !Key(directories, IndexFormat.DirectorySize, heap, at).SequenceEqual(directory))
        {
            GC.KeepAlive(this);
            return found;
        }

        var row = directories.Slice(at * IndexFormat.DirectorySize);
        var files = Section(IndexFormat.Section.Files).Slice((int)IndexFormat.U32(row, IndexFormat.DirectoryFirstOffset) * IndexFormat.FileRowSize,
            (int)IndexFormat.U32(row, IndexFormat.DirectoryCountOffset) * IndexFormat.FileRowSize);
        for (var i = LowerBound(files, IndexFormat.FileRowSize, heap, name); i < files.Length / IndexFormat.FileRowSize && Key(files, IndexFormat.FileRowSize, heap, i).SequenceEqual(name); i++)
        {
            found.Add((int)IndexFormat.U32(files, (i * IndexFormat.FileRowSize) + IndexFormat.RowItemOffset));
        }

        GC.KeepAlive(this);
        return found;
    }

    /// <summary>Adds to <paramref name="into"/> the distinct package names that start with <paramref name="prefix"/>, in order, until it holds <paramref name="limit"/>.</summary>
    public void NamesStartingWith(string prefix, int limit, SortedSet<string> into)
    {
        var key = Encoding.UTF8.GetBytes(prefix);
        var heap = Section(IndexFormat.Section.Strings);
        var rows = Section(IndexFormat.Section.ByName);
        var count = rows.Length / IndexFormat.KeyRowSize;
        var taken = 0;
        uint last = IndexFormat.NoString;
        for (var i = LowerBound(rows, IndexFormat.KeyRowSize, heap, key); i < count && taken < limit; i++)
        {
            var reference = IndexFormat.U32(rows, i * IndexFormat.KeyRowSize);
            if (reference == last)
            {
                continue;
            }

            var name = StringHeap.Read(heap, reference);
            if (!name.StartsWith(key))
            {
                break;
            }

            last = reference;
            into.Add(Encoding.UTF8.GetString(name));
            taken++;
        }

        GC.KeepAlive(this);
    }

    public Advisory Advisory(int id)
    {
        var row = Section(IndexFormat.Section.Advisories).Slice(id * IndexFormat.AdvisorySize, IndexFormat.AdvisorySize);
        var cves = Section(IndexFormat.Section.AdvisoryCves);
        var fixes = Section(IndexFormat.Section.AdvisoryPackages);
        var (firstCve, cveCount) = ((int)IndexFormat.Field(row, IndexFormat.AdvisoryField.FirstCve), (int)IndexFormat.Field(row, IndexFormat.AdvisoryField.Cves));
        var (firstFix, fixCount) = ((int)IndexFormat.Field(row, IndexFormat.AdvisoryField.FirstPackage), (int)IndexFormat.Field(row, IndexFormat.AdvisoryField.Packages));
        var cveList = new string[cveCount];
        for (var i = 0; i < cveCount; i++)
        {
            cveList[i] = Text(IndexFormat.U32(cves, (firstCve + i) * 4))!;
        }

        var fixList = new AdvisoryPackage[fixCount];
        for (var i = 0; i < fixCount; i++)
        {
            var fix = fixes.Slice((firstFix + i) * IndexFormat.AdvisoryPackageSize, IndexFormat.AdvisoryPackageSize);
            fixList[i] = new AdvisoryPackage(Text(fix, IndexFormat.FixField.Name)!, Text(fix, IndexFormat.FixField.Epoch), Text(fix, IndexFormat.FixField.Version)!,
                Text(fix, IndexFormat.FixField.Release)!, Text(fix, IndexFormat.FixField.Arch)!);
        }

        var advisory = new Advisory(
            Text(row, IndexFormat.AdvisoryField.Id)!, Text(row, IndexFormat.AdvisoryField.Type)!, Text(row, IndexFormat.AdvisoryField.Severity),
            Time(IndexFormat.I64(row, IndexFormat.AdvisoryIssuedOffset)), Time(IndexFormat.I64(row, IndexFormat.AdvisoryUpdatedOffset)),
            Text(row, IndexFormat.AdvisoryField.Title)!, cveList, fixList);
        GC.KeepAlive(this);
        return advisory;
    }

    private static DateTimeOffset? Time(long milliseconds) => milliseconds == IndexFormat.NoTime ? null : DateTimeOffset.FromUnixTimeMilliseconds(milliseconds);

    private ReadOnlySpan<byte> Section(IndexFormat.Section section)
    {
        var (offset, length) = _sections[(int)section];
        return new ReadOnlySpan<byte>(_base + offset, length);
    }

    private string? Text(ReadOnlySpan<byte> row, IndexFormat.PackageField field) => Text(IndexFormat.Field(row, field));

    private string? Text(ReadOnlySpan<byte> row, IndexFormat.AdvisoryField field) => Text(IndexFormat.Field(row, field));

    private string? Text(ReadOnlySpan<byte> row, IndexFormat.FixField field) => Text(IndexFormat.Field(row, field));

    private string? Text(uint reference) =>
        reference == IndexFormat.NoString ? null : Encoding.UTF8.GetString(StringHeap.Read(Section(IndexFormat.Section.Strings), reference));

    private List<int> Find(IndexFormat.Section section, string key)
    {
        var found = new List<int>();
        var bytes = Encoding.UTF8.GetBytes(key);
        var heap = Section(IndexFormat.Section.Strings);
        var rows = Section(section);
        var count = rows.Length / IndexFormat.KeyRowSize;
        for (var i = LowerBound(rows, IndexFormat.KeyRowSize, heap, bytes); i < count && Key(rows, IndexFormat.KeyRowSize, heap, i).SequenceEqual(bytes); i++)
        {
            found.Add((int)IndexFormat.U32(rows, (i * IndexFormat.KeyRowSize) + IndexFormat.RowItemOffset));
        }

        GC.KeepAlive(this);
        return found;
    }

    private static ReadOnlySpan<byte> Key(ReadOnlySpan<byte> rows, int rowSize, ReadOnlySpan<byte> heap, int row) =>
        StringHeap.Read(heap, IndexFormat.U32(rows, row * rowSize));

    /// <summary>The first row whose key (the row's first word, a string) is not less than <paramref name="key"/>.</summary>
    private static int LowerBound(ReadOnlySpan<byte> rows, int rowSize, ReadOnlySpan<byte> heap, ReadOnlySpan<byte> key)
    {
        var (low, high) = (0, rows.Length / rowSize);
        while (low < high)
        {
            var middle = (int)((uint)(low + high) >> 1);
            if (Key(rows, rowSize, heap, middle).SequenceCompareTo(key) < 0)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }
}
