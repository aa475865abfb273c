using Bot.Packages.Repodata;
using Bot.Packages.Rpm;

namespace Bot.Packages.Index;

/// <summary>A package as the queries see it: where it comes from, what it provides and the module stream it is built for.</summary>
internal sealed record IndexedPackage(
    string RepoId,
    string Distro,
    string RepoName,
    string Name,
    string Arch,
    Evr Evr,
    string Summary,
    string? SourceRpm,
    string SourceName,
    string? Module,
    IReadOnlyList<string> Provides);

/// <summary>An advisory and the repository it was read from.</summary>
internal sealed record IndexedAdvisory(string RepoId, string Distro, Advisory Advisory);
