using Bot.Packages.Repodata;
using Bot.Packages.Rpm;

namespace Bot.Packages.Index;

/// <summary>A package as the index keeps it: where it comes from and what it provides.</summary>
internal sealed record IndexedPackage(
    string RepoId,
    string Distro,
    string RepoName,
    string Name,
    string Arch,
    Evr Evr,
    string Summary,
    string? SourceRpm,
    IReadOnlyList<Capability> Provides)
{
    /// <summary>The source package's name: <c>openssl</c> for <c>openssl-3.0.7-27.el9.src.rpm</c>.</summary>
    public string SourceName
    {
        get
        {
            if (SourceRpm is null)
            {
                return Name;
            }

            var text = SourceRpm.EndsWith(".src.rpm", StringComparison.Ordinal) ? SourceRpm[..^8] : SourceRpm;
            var release = text.LastIndexOf('-');
            var version = release > 0 ? text.LastIndexOf('-', release - 1) : -1;
            return version > 0 ? text[..version] : Name;
        }
    }
}

/// <summary>An advisory and the repository it was read from.</summary>
internal sealed record IndexedAdvisory(string RepoId, string Distro, Advisory Advisory);
