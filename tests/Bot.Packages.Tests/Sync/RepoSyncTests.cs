using Bot.Packages.Sync;
using Bot.Packages.Tests.Support;

namespace Bot.Packages.Tests.Sync;

/// <summary>Sync against a mirror on 127.0.0.1 serving the fixture repositories.</summary>
public sealed class RepoSyncTests : IAsyncLifetime
{
    private FakeMirror _mirror = null!;
    private PackagesHarness _packages = null!;

    public async Task InitializeAsync()
    {
        _mirror = await FakeMirror.StartAsync();
        _packages = new PackagesHarness(_mirror.Url("alma9"), _mirror.Url("rocky9"));
    }

    public async Task DisposeAsync()
    {
        _packages.Dispose();
        Directory.Delete(_packages.DataDirectory, recursive: true);
        await _mirror.DisposeAsync();
    }

    private string MirrorFile(string repo, string suffix) =>
        Directory.GetFiles(Path.Combine(_mirror.Root, repo, "repodata")).Single(f => f.EndsWith(suffix, StringComparison.Ordinal));

    [Fact]
    public async Task Sync_FirstTime_DownloadsVerifiedFilesAndIndexesThem()
    {
        var results = await _packages.SyncAsync();

        Assert.All(results, r => Assert.Null(r.Error));
        Assert.Equal([4, 3], results.Select(r => r.Files));
        Assert.Equal([3, 3], results.Select(r => r.Packages));
        Assert.Equal(6, _packages.Catalog.Current.PackageCount);
        Assert.Equal(2, _packages.Catalog.Current.AdvisoryCount);
        Assert.Equal(0, _mirror.Count("-other.xml.gz"));
        Assert.Matches(@"^alma9-baseos: 4 files, 0\.0 MB, 3 packages, \d+\.\d s$", results[0].Line());
    }

    [Fact]
    public async Task Follower_ClusterSyncedANewerRevision_SyncsThisInstancesCache()
    {
        await _packages.SyncAsync();
        var follower = _packages.Get<RevisionFollower>();
        var states = _packages.Get<RepoStateStore>();
        Assert.Empty(follower.Behind());
        // What another instance's sync leaves in the shared store when the mirror has moved on, for a
        // repository whose file names do not change between revisions: only the revision says so.
        var state = states.Get("alma9-baseos");
        state.Revision = "1999999999";
        states.Save(state);
        var before = _mirror.Requests.Count;

        Assert.Equal(["alma9-baseos"], follower.Behind());
        Assert.True(await follower.CatchUpAsync(CancellationToken.None));

        Assert.True(_mirror.Requests.Count > before);
        Assert.Empty(follower.Behind());
    }

    [Fact]
    public async Task Sync_RepomdUnchanged_DownloadsNothingMore()
    {
        await _packages.SyncAsync();
        var before = _mirror.Requests.Count;

        var again = await _packages.SyncAsync();

        Assert.All(again, r => Assert.False(r.Changed));
        Assert.Equal(2, _mirror.Requests.Count - before);
        Assert.Equal(2, _mirror.Count("repomd.xml", 304));
    }

    [Fact]
    public async Task Sync_ChecksumMismatch_RejectsTheFileAndKeepsTheLastGoodIndex()
    {
        await _packages.SyncAsync();
        var primary = MirrorFile("alma9", "-primary.xml.xz");
        await File.WriteAllBytesAsync(primary, [1, 2, 3, 4]);
        var repomd = Path.Combine(_mirror.Root, "alma9", "repodata", "repomd.xml");
        await File.WriteAllTextAsync(repomd, (await File.ReadAllTextAsync(repomd)).Replace("<revision>", "<revision>9", StringComparison.Ordinal));
        File.Delete(Directory.GetFiles(Path.Combine(_packages.DataDirectory, "packages", "alma9-baseos")).Single(f => f.EndsWith("-primary.xml.xz", StringComparison.Ordinal)));

        var result = (await _packages.SyncAsync("alma9-baseos")).Single();

        Assert.Matches(@"alma9-baseos/[0-9a-f]+-primary\.xml\.xz: checksum mismatch \(sha256 in repomd\.xml is [0-9a-f]{64}\); file rejected", result.Error);
        Assert.Contains(_packages.Queries.Info("demo-libs", "alma9"), p => p.Release == "27.el9.alma.1");
        Assert.Contains("the latest sync failed", _packages.Answers.Info("demo-libs", "alma9").Footer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sync_MalformedPrimary_FailsWithFileAndLineAndKeepsTheOldIndex()
    {
        await _packages.SyncAsync();
        var rocky = Path.Combine(_mirror.Root, "rocky9", "repodata");
        var primary = MirrorFile("rocky9", "-primary.xml.gz");
        var broken = System.Text.Encoding.UTF8.GetBytes("<?xml version=\"1.0\"?>\n<metadata xmlns=\"http://linux.duke.edu/metadata/common\">\n<package><name>x</name>\n</broken>\n");
        using (var file = File.Create(primary))
        using (var gzip = new System.IO.Compression.GZipStream(file, System.IO.Compression.CompressionLevel.Fastest))
        {
            gzip.Write(broken);
        }

        var sum = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(await File.ReadAllBytesAsync(primary)));
        var repomdPath = Path.Combine(rocky, "repomd.xml");
        var repomd = await File.ReadAllTextAsync(repomdPath);
        var oldSum = Path.GetFileName(primary).Split('-')[0];
        await File.WriteAllTextAsync(repomdPath, System.Text.RegularExpressions.Regex.Replace(
            repomd.Replace("<revision>", "<revision>1", StringComparison.Ordinal),
            $"<checksum type=\"sha256\">{oldSum}</checksum>", $"<checksum type=\"sha256\">{sum}</checksum>"));

        var result = (await _packages.SyncAsync("rocky9-baseos")).Single();

        Assert.EndsWith("-primary.xml.gz:4: malformed XML: The 'package' start tag on line 3 position 2 does not match the end tag of 'broken'.", result.Error, StringComparison.Ordinal);
        Assert.NotEmpty(_packages.Queries.Info("demo", "rocky9"));
    }

    [Fact]
    public async Task Sync_ServerErrors_AreRetriedWithBackoff()
    {
        _mirror.FailNext = 2;

        var results = await _packages.SyncAsync("alma9-baseos");

        Assert.Null(results.Single().Error);
        Assert.Equal(2, _mirror.Requests.Count(r => r.Status == 500));
    }

    [Fact]
    public async Task MirrorsDown_AnswersComeFromTheLastGoodIndexWithItsAge()
    {
        await _packages.SyncAsync();
        _mirror.Down = true;
        _packages.Clock.Advance(TimeSpan.FromDays(3));

        var results = await _packages.SyncAsync();
        var reply = _packages.Answers.Info("demo", null);

        Assert.All(results, r => Assert.Contains("answered 503", r.Error, StringComparison.Ordinal));
        Assert.Contains("3.0.7-27.el9_4", reply.Text, StringComparison.Ordinal);
        Assert.Equal("from the last good metadata of alma9-baseos, rocky9-baseos (3 days old, 3 days old): the latest sync failed", reply.Footer);
    }

    /// <summary>Rewrites alma9's repomd.xml on the mirror as a new revision, the primary's href replaced.</summary>
    private async Task<string> PointPrimaryAtAsync(string href)
    {
        var path = Path.Combine(_mirror.Root, "alma9", "repodata", "repomd.xml");
        var original = Path.GetFileName(MirrorFile("alma9", "-primary.xml.xz"));
        var repomd = (await File.ReadAllTextAsync(path)).Replace("<revision>", "<revision>9", StringComparison.Ordinal);
        await File.WriteAllTextAsync(path, repomd.Replace($"href=\"repodata/{original}\"", $"href=\"{href}\"", StringComparison.Ordinal));
        return original;
    }

    [Theory]
    [InlineData("absolute-mirror")]
    [InlineData("../rocky9/repodata/")]
    [InlineData("repodata/%2e%2e/%2e%2e/rocky9/repodata/")]
    [InlineData("/rocky9/repodata/")]
    [InlineData("file:///etc/")]
    public async Task Sync_HrefOutsideTheRepository_IsRefusedAndTheLastGoodIndexKept(string prefix)
    {
        await _packages.SyncAsync();
        var rockyPrimary = Path.GetFileName(MirrorFile("rocky9", "-primary.xml.gz"));
        var href = (prefix == "absolute-mirror" ? _mirror.Url("rocky9") + "repodata/" : prefix) + rockyPrimary;
        await PointPrimaryAtAsync(href);
        var before = _mirror.Requests.Count;

        var result = (await _packages.SyncAsync("alma9-baseos")).Single();

        Assert.Equal($"alma9-baseos/repomd.xml: location href '{href}' is refused", result.Error?.Split(": it ")[0]);
        Assert.Equal(["/alma9/repodata/repomd.xml"], _mirror.Requests.Skip(before).Select(r => r.Path));
        Assert.Contains(_packages.Queries.Info("demo-libs", "alma9"), p => p.Release == "27.el9.alma.1");
        Assert.Contains("the latest sync failed", _packages.Answers.Info("demo-libs", "alma9").Footer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sync_OversizedRepomd_IsRefusedAndTheLastGoodIndexKept()
    {
        using var limited = new PackagesHarness(_mirror.Url("alma9"), _mirror.Url("rocky9"), settings: new() { ["Packages:MaxRepomdMegabytes"] = "1" });
        await limited.SyncAsync("alma9-baseos");
        var path = Path.Combine(_mirror.Root, "alma9", "repodata", "repomd.xml");
        var padding = "<!--" + new string('x', 1024 * 1024) + "-->";
        await File.WriteAllTextAsync(path, (await File.ReadAllTextAsync(path)).Replace("<revision>", padding + "<revision>9", StringComparison.Ordinal));

        var result = (await limited.SyncAsync("alma9-baseos")).Single();

        Assert.Equal("alma9-baseos/repomd.xml expands beyond the limit of 1 MB; refusing it", result.Error);
        Assert.Contains(limited.Queries.Info("demo-libs", "alma9"), p => p.Release == "27.el9.alma.1");
        Directory.Delete(limited.DataDirectory, recursive: true);
    }
}
