namespace Bot.Packages.Tests.Support;

/// <summary>A fact that needs Debian's rpm as the reference peer; skipped, with the reason, where it is not installed.</summary>
internal sealed class RpmFactAttribute : FactAttribute
{
    public RpmFactAttribute()
    {
        if (!File.Exists("/usr/bin/rpm"))
        {
            Skip = "rpm is not installed (.ci/run installs Debian's rpm; `apt-get install rpm` here)";
        }
    }
}
