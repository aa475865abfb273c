using Bot.Packages.Repodata;
using Bot.Packages.Sync;

namespace Bot.Packages.Tests.Sync;

/// <summary>Which <c>location href</c> values of repomd.xml a repository may use: only files inside itself.</summary>
public sealed class RepoHrefTests
{
    private static RepoOptions Repo(string baseUrl) => new PackagesOptions { Repos = { ["r"] = new RepoOptions { Distro = "alma9", BaseUrl = baseUrl } } }.Enabled.Single();

    [Theory]
    [InlineData("repodata/abc-primary.xml.gz", "https://mirror.example/alma/9/BaseOS/x86_64/os/repodata/abc-primary.xml.gz")]
    [InlineData("./repodata/abc-primary.xml.gz", "https://mirror.example/alma/9/BaseOS/x86_64/os/repodata/abc-primary.xml.gz")]
    public void RelativeHrefInsideAnHttpRepository_IsResolved(string href, string expected)
    {
        Assert.Equal(expected, RepoHref.Resolve(Repo("https://mirror.example/alma/9/BaseOS/x86_64/os"), href).AbsoluteUri);
    }

    [Theory]
    [InlineData("http://127.0.0.1/evil-primary.xml.gz")]
    [InlineData("https://mirror.example/alma/9/BaseOS/x86_64/os/repodata/abc-primary.xml.gz")]
    [InlineData("file:///etc/passwd")]
    [InlineData("/etc/passwd")]
    [InlineData("//elsewhere.example/x")]
    [InlineData("\\\\elsewhere\\x")]
    [InlineData("../primary.xml.gz")]
    [InlineData("repodata/../../primary.xml.gz")]
    [InlineData("repodata/sub/../abc-primary.xml.gz")]
    [InlineData("repodata/%2e%2e/%2E%2E/primary.xml.gz")]
    [InlineData("repodata%2F..%2F..%2Fprimary.xml.gz")]
    [InlineData("repodata\\..\\..\\primary.xml.gz")]
    [InlineData("")]
    [InlineData("repodata/")]
    [InlineData("repodata/x%00y")]
    public void HrefOutsideAnHttpRepository_IsRefusedNamingRepoAndHref(string href)
    {
        var refused = Assert.Throws<RepodataException>(() => RepoHref.Resolve(Repo("https://mirror.example/alma/9/BaseOS/x86_64/os/"), href));

        Assert.StartsWith($"r/repomd.xml: location href '{href.Replace('\0', '?')}' is refused: ", refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("repodata/abc-primary.xml.gz", "/srv/repos/alma9/repodata/abc-primary.xml.gz")]
    [InlineData("file:///srv/repos/alma9/repodata/abc-primary.xml.gz", "/srv/repos/alma9/repodata/abc-primary.xml.gz")]
    public void FileRepository_TakesRelativeHrefsAndItsOwnAbsoluteFileUrls(string href, string expected)
    {
        Assert.Equal(expected, RepoHref.Resolve(Repo("file:///srv/repos/alma9"), href).LocalPath);
    }

    [Theory]
    [InlineData("file:///etc/passwd")]
    [InlineData("/etc/passwd")]
    [InlineData("file:///srv/repos/alma9-evil/repodata/x.xml.gz")]
    [InlineData("https://mirror.example/x.xml.gz")]
    [InlineData("../rocky9/repodata/x.xml.gz")]
    [InlineData("repodata/%2e%2e/%2e%2e/rocky9/x.xml.gz")]
    public void FileRepository_RefusesWhatLeavesItsDirectory(string href)
    {
        Assert.Throws<RepodataException>(() => RepoHref.Resolve(Repo("file:///srv/repos/alma9/"), href));
    }
}
