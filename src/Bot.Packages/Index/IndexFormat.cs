using System.Buffers.Binary;

namespace Bot.Packages.Index;

/// <summary>
/// The layout of a repository's compact index (<c>index.bin</c> beside its cached metadata). All
/// numbers are little-endian; strings are referenced by their offset into one heap, where each is
/// stored once as a LEB128 length and UTF-8 bytes. Every lookup table is sorted by the UTF-8 bytes
/// of its key, so a lookup is a binary search over the mapped file and reads only the pages it
/// touches.
/// </summary>
/// <remarks>
/// Header (64 bytes): magic, format version, section count, body offset and length, the XxHash3
/// of the body and then the header (with that field zeroed) and source key, and the length of the
/// source key that follows the header (the SHA-256 of the repomd.xml the index was built from). The section table
/// (offset and length, 8 bytes each, per section) closes the body, which is 8-byte aligned.
/// </remarks>
internal static class IndexFormat
{
    /// <summary>The file's name in the repository's cache directory.</summary>
    public const string FileName = "index.bin";

    /// <summary>Raised whenever the layout changes: an index of another version is rebuilt from the cached XML.</summary>
    public const uint Version = 1;

    public const int HeaderSize = 64;

    /// <summary>A string reference that stands for null.</summary>
    public const uint NoString = uint.MaxValue;

    public static ReadOnlySpan<byte> Magic => "ELBOTPKG"u8;

    // Header fields, by byte offset; HashOffset below. The source key starts at HeaderSize.
    public const int VersionOffset = 8;
    public const int SectionCountOffset = 12;
    public const int BodyOffsetOffset = 16;
    public const int BodyLengthOffset = 24;
    public const int SourceLengthOffset = 40;

    /// <summary>The 4-byte fields of a package row, in order.</summary>
    public enum PackageField
    {
        Name,
        Arch,
        Epoch,
        Version,
        Release,
        Summary,
        SourceRpm,
        SourceName,
        Module,
        FirstProvide,
        Provides,
    }

    public const int PackageSize = ((int)PackageField.Provides + 1) * 4;

    /// <summary>A key row of a lookup table: the key's string and the item (a package or advisory number).</summary>
    public const int KeyRowSize = 8;

    /// <summary>A directory: its string, its first file row and its file count.</summary>
    public const int DirectorySize = 12;

    public const int DirectoryFirstOffset = 4;

    public const int DirectoryCountOffset = 8;

    /// <summary>Where a key row or a file row keeps its item (the package or advisory number), after its string.</summary>
    public const int RowItemOffset = 4;

    /// <summary>A file row: the base name's string and the package.</summary>
    public const int FileRowSize = 8;

    /// <summary>The 4-byte fields of an advisory row, in order; the two 8-byte times (Unix ms, or <see cref="NoTime"/>) follow them.</summary>
    public enum AdvisoryField
    {
        Id,
        Type,
        Severity,
        Title,
        FirstCve,
        Cves,
        FirstPackage,
        Packages,
    }

    public const int AdvisoryFields = (int)AdvisoryField.Packages + 1;

    public const int AdvisoryIssuedOffset = AdvisoryFields * 4;

    public const int AdvisoryUpdatedOffset = AdvisoryIssuedOffset + 8;

    public const int AdvisorySize = AdvisoryUpdatedOffset + 8;

    /// <summary>The 4-byte fields of a fixed package of an advisory, in order.</summary>
    public enum FixField
    {
        Name,
        Epoch,
        Version,
        Release,
        Arch,
    }

    public const int FixFields = (int)FixField.Arch + 1;

    public const int AdvisoryPackageSize = FixFields * 4;

    public const long NoTime = long.MinValue;

    /// <summary>Where the header keeps the checksum, which covers the body and then the header with this field zeroed.</summary>
    public const int HashOffset = 32;

    /// <summary>A package row's field.</summary>
    public static uint Field(ReadOnlySpan<byte> row, PackageField field) => U32(row, (int)field * 4);

    /// <summary>An advisory row's field.</summary>
    public static uint Field(ReadOnlySpan<byte> row, AdvisoryField field) => U32(row, (int)field * 4);

    /// <summary>A fixed package row's field.</summary>
    public static uint Field(ReadOnlySpan<byte> row, FixField field) => U32(row, (int)field * 4);

    /// <summary>The longest source key (a SHA-256 in hex is 64 characters).</summary>
    public const uint MaxSourceLength = 1024;

    /// <summary>Adds the header (its checksum field taken as zero) and the source key to <paramref name="hash"/>, after the body.</summary>
    public static void AppendHeader(System.IO.Hashing.XxHash3 hash, ReadOnlySpan<byte> header, ReadOnlySpan<byte> source)
    {
        hash.Append(header[..HashOffset]);
        hash.Append(stackalloc byte[8]);
        hash.Append(header[(HashOffset + 8)..HeaderSize]);
        hash.Append(source);
    }

    /// <summary>The sections, in file order.</summary>
    public enum Section
    {
        Strings,
        Packages,
        Provides,
        ByName,
        ByProvide,
        BySource,
        Directories,
        Files,
        Advisories,
        AdvisoryCves,
        AdvisoryPackages,
        ByAdvisory,
        ByCve,
    }

    public const int SectionCount = (int)Section.ByCve + 1;

    public static uint U32(ReadOnlySpan<byte> span, int offset) => BinaryPrimitives.ReadUInt32LittleEndian(span[offset..]);

    public static long I64(ReadOnlySpan<byte> span, int offset) => BinaryPrimitives.ReadInt64LittleEndian(span[offset..]);

    /// <summary>The key under which advisory ids and CVEs are looked up: they are matched without regard to case.</summary>
    public static string CaseKey(string id) => id.Trim().ToUpperInvariant();
}
