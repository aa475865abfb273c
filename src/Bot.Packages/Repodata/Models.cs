using Bot.Packages.Rpm;

namespace Bot.Packages.Repodata;

/// <summary>One file listed in repomd.xml.</summary>
internal sealed record RepomdRecord(string Type, string Href, string ChecksumType, string Checksum, long? Size, long? OpenSize);

/// <summary>repomd.xml: the repository's revision and the metadata files with their checksums.</summary>
internal sealed record Repomd(string? Revision, IReadOnlyList<RepomdRecord> Records)
{
    public RepomdRecord? Find(string type) => Records.FirstOrDefault(r => r.Type == type);
}

/// <summary>A provided or required capability: <c>libssl.so.3()(64bit)</c>, <c>foo = 1:1.2-3</c>.</summary>
internal sealed record Capability(string Name, string? Flags, Evr? Evr);

/// <summary>A binary package from primary.xml.</summary>
internal sealed record PackageRecord(
    string Name,
    string Arch,
    Evr Evr,
    string Summary,
    string? Url,
    string? License,
    string? SourceRpm,
    string PkgId,
    IReadOnlyList<Capability> Provides,
    IReadOnlyList<Capability> Requires,
    IReadOnlyList<string> Files);

/// <summary>One package's files from filelists.xml.</summary>
internal sealed record FileList(string PkgId, string Name, string Arch, IReadOnlyList<string> Files);

/// <summary>A package named in an advisory as fixed.</summary>
internal sealed record AdvisoryPackage(string Name, string? Epoch, string Version, string Release, string Arch);

/// <summary>An advisory (erratum) from updateinfo.xml.</summary>
internal sealed record Advisory(
    string Id,
    string Type,
    string? Severity,
    DateTimeOffset? Issued,
    DateTimeOffset? Updated,
    string Title,
    IReadOnlyList<string> Cves,
    IReadOnlyList<AdvisoryPackage> Packages);
