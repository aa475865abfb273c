using System.Text.Json.Serialization;

namespace Bot.Packages.Queries;

/// <summary>One package version in one repository (the JSON of <c>bot pkg info</c> and <c>provides</c>).</summary>
public sealed record PackageVersion(string Repo, string Distro, string Name, string? Epoch, string Version, string Release, string Arch)
{
    /// <summary>Shown by info, left out by provides.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Summary { get; init; }

    /// <summary>The module stream (name:stream) the build belongs to, from modules.yaml.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Module { get; init; }
}

/// <summary>The two sides of <c>/compare</c>.</summary>
public sealed record CompareSide(string Distro, string? Evr);

/// <summary>The result of <c>/compare</c> (and <c>bot pkg compare --json</c>).</summary>
public sealed record CompareResult(
    string Name,
    CompareSide? From,
    CompareSide? To,
    string? Newer,
    IReadOnlyList<string> SonamesOnlyInFrom,
    IReadOnlyList<string> SonamesOnlyInTo);

/// <summary>A fixed package of an advisory.</summary>
public sealed record AdvisoryFix(string Name, string? Epoch, string Version, string Release, string Arch);

/// <summary>One advisory in one repository (the JSON of <c>bot pkg advisory</c>).</summary>
public sealed record AdvisoryRow(string Id, string Repo, string Distro, string Type, string? Severity, string? Issued, IReadOnlyList<string> Cves, IReadOnlyList<AdvisoryFix> Packages)
{
    public string Title { get; init; } = "";
}
