namespace Bot.Packages.Tests.Support;

/// <summary>A fact that needs Debian's dnf as the reference peer; skipped, with the reason, where it is not installed.</summary>
internal sealed class DnfFactAttribute : FactAttribute
{
    public DnfFactAttribute()
    {
        if (!File.Exists("/usr/bin/dnf"))
        {
            Skip = "dnf is not installed (.ci/run installs Debian's dnf; `apt-get install dnf` here)";
        }
    }
}
