using System.Text;
using Bot.Packages.Repodata;
using Bot.Packages.Tests.Support;

namespace Bot.Packages.Tests.Repodata;

/// <summary>The parsers on real metadata samples (see Fixtures/ORIGIN.md).</summary>
public sealed class RepodataParserTests
{
    private static FileStream Open(string name) => File.OpenRead(Fixture.Path(name));

    [Fact]
    public void Repomd_RealRocky8_ListsEveryFileWithChecksumsIncludingTheUnhashedUpdateinfo()
    {
        using var stream = Open("rocky8-baseos-repomd.xml");

        var repomd = RepomdParser.Parse(stream);

        Assert.Equal("8.4", repomd.Revision);
        var primary = repomd.Find("primary")!;
        Assert.StartsWith("repodata/", primary.Href, StringComparison.Ordinal);
        Assert.EndsWith("-primary.xml.gz", primary.Href, StringComparison.Ordinal);
        Assert.Equal("sha256", primary.ChecksumType);
        Assert.Equal(64, primary.Checksum.Length);
        Assert.True(primary.OpenSize > 29_000_000);
        Assert.Equal("repodata/updateinfo.xml.gz", repomd.Find("updateinfo")!.Href);
        Assert.Contains(repomd.Records, r => r.Type == "group_xz");
    }

    [Fact]
    public void Primary_RealRocky9Entry_ReadsNameEvrSourceAndProvides()
    {
        using var stream = Open("rocky9-baseos-primary-snippet.xml");

        var bash = Assert.Single(PrimaryParser.Parse(stream));

        Assert.Equal("bash", bash.Name);
        Assert.Equal("x86_64", bash.Arch);
        Assert.Equal("5.1.8-9.el9", bash.Evr.ToString());
        Assert.Equal("bash-5.1.8-9.el9.src.rpm", bash.SourceRpm);
        Assert.Contains(bash.Provides, p => p.Name == "bash" && p.Flags == "EQ");
        Assert.Contains(bash.Provides, p => p.Name == "/bin/sh");
        Assert.Equal("GPLv3+", bash.License);
        Assert.Equal("https://www.gnu.org/software/bash", bash.Url);
    }

    [Fact]
    public void Updateinfo_RealRocky8_ReadsAdvisoriesWithCvesAndPackages()
    {
        using var stream = Open("rocky8-updateinfo.xml");

        var advisories = UpdateinfoParser.Parse(stream).ToList();

        Assert.Equal(["RLBA-2021:2580", "RLSA-2021:2575", "RLSA-2021:3057", "RLSA-2019:1972"], advisories.Select(a => a.Id));
        var security = advisories[1];
        Assert.Equal("security", security.Type);
        Assert.NotNull(security.Issued);
        Assert.NotEmpty(security.Cves);
        Assert.All(security.Cves, c => Assert.StartsWith("CVE-", c, StringComparison.Ordinal));
        Assert.NotEmpty(security.Packages);
        Assert.All(security.Packages, p => Assert.False(string.IsNullOrEmpty(p.Release)));
    }

    [Fact]
    public void Updateinfo_CreaterepoEveryField_ReadsIdTypeAndDates()
    {
        using var stream = Open("createrepo_c-updateinfo_01.xml");

        var advisory = Assert.Single(UpdateinfoParser.Parse(stream));

        Assert.Equal("foobarupdate_1", advisory.Id);
        Assert.Equal("enhancement", advisory.Type);
        Assert.NotNull(advisory.Issued);
    }

    [Fact]
    public void Primary_MalformedXml_FailsWithFileAndLine()
    {
        var text = "<?xml version=\"1.0\"?>\n<metadata xmlns=\"http://linux.duke.edu/metadata/common\">\n<package type=\"rpm\">\n<name>x</name>\n</pakage>\n</metadata>";

        var error = Assert.Throws<RepodataException>(() => PrimaryParser.Parse(new MemoryStream(Encoding.UTF8.GetBytes(text)), "alma9/primary.xml").ToList());

        Assert.StartsWith("alma9/primary.xml:5: malformed XML", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Primary_WithADtdOrEntities_IsRejectedAndReadsNoFile()
    {
        var text = "<?xml version=\"1.0\"?>\n<!DOCTYPE metadata [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n<metadata xmlns=\"http://linux.duke.edu/metadata/common\"><package><name>&x;</name></package></metadata>";

        var error = Assert.Throws<RepodataException>(() => PrimaryParser.Parse(new MemoryStream(Encoding.UTF8.GetBytes(text)), "evil.xml").ToList());

        Assert.Contains("DTD", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2023-11-14 00:00:00", 2023, 11, 14)]
    [InlineData("1623888000", 2021, 6, 17)]
    [InlineData("2021-06-17T00:00:00Z", 2021, 6, 17)]
    public void Updateinfo_Dates_AreReadInEveryFormTheToolsWrite(string text, int year, int month, int day)
    {
        var date = UpdateinfoParser.Date(text)!.Value;

        Assert.Equal((year, month, day), (date.Year, date.Month, date.Day));
    }
}
