using Bot.Core.Replies;
using Bot.Packages.Tests.Support;

namespace Bot.Packages.Tests.Index;

/// <summary>The four queries on the fixture repositories (read through file:// URLs).</summary>
public sealed class PackageQueryTests : IAsyncLifetime
{
    private readonly PackagesHarness _packages = new(PackagesHarness.FileUrl("alma9"), PackagesHarness.FileUrl("rocky9"));

    public async Task InitializeAsync() => await _packages.SyncAsync();

    public Task DisposeAsync()
    {
        _packages.Dispose();
        Directory.Delete(_packages.DataDirectory, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public void Info_NewestPerRepoAndArch_WithSummary()
    {
        var rows = _packages.Queries.Info("tool", null);

        Assert.Equal(["alma9:1.0-1.el9 noarch", "rocky9:1.1-1.el9 noarch"], rows.Select(r => $"{r.Distro}:{r.Version}-{r.Release} {r.Arch}"));
        Assert.All(rows, r => Assert.Equal("A script-only tool", r.Summary));
    }

    [Theory]
    [InlineData("libdemo.so.3", "alma9,rocky9")]
    [InlineData("libdemo.so.3()(64bit)", "alma9,rocky9")]
    [InlineData("libdemo.so.3(DEMO_3.2)(64bit)", "rocky9")]
    [InlineData("libdemo-compat.so.2", "rocky9")]
    [InlineData("/usr/lib64/libdemo.so.3", "alma9,rocky9")]
    [InlineData("/usr/bin/tool", "alma9,rocky9")]
    public void Provides_CapabilitySonameOrFile_FindsThePackages(string what, string distros)
    {
        var rows = _packages.Queries.Provides(what, null);

        Assert.Equal(distros.Split(','), rows.Select(r => r.Distro));
    }

    [Fact]
    public void Provides_LibraryPathOnlyInFilelists_IsFound()
    {
        // primary.xml leaves library paths out; filelists.xml has them.
        Assert.Equal("demo-libs", Assert.Single(_packages.Queries.Provides("/usr/lib64/libdemo-compat.so.2.0.0", null)).Name);
    }

    [Fact]
    public void Compare_NewerByRpmAndTheSonameDifferencesOfTheWholeSource()
    {
        var result = _packages.Queries.Compare("demo", "alma9", "rocky9");

        Assert.Equal("to", result.Newer);
        Assert.Equal("3.0.7-27.el9.alma.1", result.From!.Evr);
        Assert.Equal(["libdemo.so.3(DEMO_3.1)(64bit)"], result.SonamesOnlyInFrom);
        Assert.Equal(["libdemo-compat.so.2()(64bit)", "libdemo.so.3(DEMO_3.2)(64bit)"], result.SonamesOnlyInTo);
    }

    [Fact]
    public void Compare_SameSide_IsSameWithNoDifferences()
    {
        var reply = _packages.Answers.Compare("demo-libs", "rocky9", "rocky9");

        Assert.Contains("Both builds have the same version by rpm's rules.", reply.Text, StringComparison.Ordinal);
        Assert.Contains("binaries built against one load on the other", reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Advisory_ByCveAndById_ListsFixedVersionsPerDistro()
    {
        var byCve = _packages.Queries.Advisory("cve-2024-1111", null);
        var byId = _packages.Queries.Advisory("ALSA-2024:1001", null);

        Assert.Equal(["ALSA-2024:1001", "RLSA-2024:2002"], byCve.Select(a => a.Id));
        Assert.Equal("Important", byId.Single().Severity);
        Assert.Equal("2024-03-05", byId.Single().Issued);
        Assert.Contains(byId.Single().Packages, p => p.Name == "demo-libs" && p.Release == "27.el9.alma.1");
    }

    [Fact]
    public void Answers_UnknownPackageDistroOrAdvisory_SayWhatIsKnown()
    {
        Assert.Equal("! No package `demo-lib` in the indexed repositories. Near names: `demo-libs`, `demo`. Distros: alma9, rocky9.",
            "! " + _packages.Answers.Info("demo-lib", null).Text);
        Assert.Equal("I don't index `alma8`; distros: alma9, rocky9.", _packages.Answers.Provides("libdemo.so.3", "alma8").Text);
        Assert.StartsWith("No advisory `CVE-1999-0001` in the indexed repositories.", _packages.Answers.Advisory("CVE-1999-0001", null).Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Info_MarksRebuildSuffixes()
    {
        var reply = _packages.Answers.Info("demo", null);

        Assert.Contains("`3.0.7-27.el9.alma.1` · AlmaLinux change (.alma)", reply.Text, StringComparison.Ordinal);
        Assert.Equal(Tone.Info, reply.Tone);
    }

    [Fact]
    public void Complete_Prefix_ListsNames()
    {
        Assert.Equal(["demo", "demo-libs"], _packages.Queries.Complete("dem"));
    }

    [Theory]
    [InlineData("2.46-9.0.1.el9", "rebuild change (.0.N)")]
    [InlineData("24.4-8.el9.rocky.0.1", "Rocky change (.rocky)")]
    [InlineData("5.14.0-362.24.1.el9_3.0.1", "rebuild change (.0.N)")]
    [InlineData("3.0.7-27.el9_4", null)]
    public void Mark_KnowsTheRebuildConventions(string evr, string? mark)
    {
        Assert.Equal(mark, Bot.Packages.Queries.PackageReplies.Mark(evr.Split('-', 2)[1]));
    }
}

public sealed class ModuleStreamTests : IAsyncLifetime
{
    private readonly PackagesHarness _packages = new(PackagesHarness.FileUrl("alma9"), PackagesHarness.FileUrl("rocky9"));

    public async Task InitializeAsync() => await _packages.SyncAsync();

    public Task DisposeAsync()
    {
        _packages.Dispose();
        Directory.Delete(_packages.DataDirectory, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public void Info_PackageOfAModuleStream_SaysWhichStream()
    {
        var rows = _packages.Queries.Info("demo-libs", null);

        Assert.Equal("demo:3.0", rows.Single(r => r.Distro == "alma9").Module);
        Assert.Null(rows.Single(r => r.Distro == "rocky9").Module);
        Assert.Contains("· module stream demo:3.0", _packages.Answers.Info("demo-libs", "alma9").Text, StringComparison.Ordinal);
    }
}
