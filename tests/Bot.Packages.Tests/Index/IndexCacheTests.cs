using Bot.Packages.Index;
using Bot.Packages.Tests.Support;

namespace Bot.Packages.Tests.Index;

/// <summary>A restart reads each repository's compact index, and rebuilds one that is missing or damaged from the cached XML.</summary>
public sealed class IndexCacheTests : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("bot-index-cache-").FullName;

    public void Dispose() => Directory.Delete(_data, recursive: true);

    private PackagesHarness Harness() => new(PackagesHarness.FileUrl("alma9"), PackagesHarness.FileUrl("rocky9"), dataDirectory: _data);

    private string IndexOf(string repo) => Path.Combine(_data, "packages", repo, IndexFormat.FileName);

    [Fact]
    public async Task Sync_WritesOneIndexPerRepository_ThatARestartOpensWithoutParsing()
    {
        using (var first = Harness())
        {
            await first.SyncAsync();
        }

        var written = File.GetLastWriteTimeUtc(IndexOf("alma9-baseos"));
        using var restarted = Harness();
        await restarted.Catalog.LoadCacheAsync(default);

        Assert.Equal(6, restarted.Catalog.Current.PackageCount);
        Assert.Equal(written, File.GetLastWriteTimeUtc(IndexOf("alma9-baseos")));
        Assert.Equal("demo:3.0", restarted.Queries.Info("demo", "alma9").Single(r => r.Arch == "x86_64").Module);
    }

    [Theory]
    [InlineData("damaged")]
    [InlineData("missing")]
    [InlineData("older format")]
    public async Task Restart_IndexNotUsable_IsRebuiltFromTheCachedXml(string fault)
    {
        using (var first = Harness())
        {
            await first.SyncAsync();
        }

        var path = IndexOf("rocky9-baseos");
        var bytes = await File.ReadAllBytesAsync(path);
        switch (fault)
        {
            case "damaged":
                bytes[^3] ^= 0xFF;
                await File.WriteAllBytesAsync(path, bytes);
                break;
            case "missing":
                File.Delete(path);
                break;
            default:
                bytes[8] = 0;
                await File.WriteAllBytesAsync(path, bytes);
                break;
        }

        using var restarted = Harness();
        await restarted.Catalog.LoadCacheAsync(default);

        Assert.Equal(["rocky9"], restarted.Queries.Provides("libdemo.so.3(DEMO_3.2)(64bit)", null).Select(r => r.Distro));
        var source = RepoIndexer.SourceOf(await File.ReadAllBytesAsync(Path.Combine(Path.GetDirectoryName(path)!, "repomd.xml")));
        Assert.Equal(3, CompactIndex.Open(path, source).PackageCount);
    }

    [Fact]
    public async Task Restart_IndexHeaderDamaged_OthersAnswerAndTheNextSyncRuns()
    {
        using (var first = Harness())
        {
            await first.SyncAsync();
        }

        var path = IndexOf("rocky9-baseos");
        var bytes = await File.ReadAllBytesAsync(path);
        bytes[43] ^= 0x80;
        await File.WriteAllBytesAsync(path, bytes);

        using var restarted = Harness();
        await restarted.Catalog.LoadCacheAsync(default);
        var results = await restarted.SyncAsync();

        Assert.All(results, r => Assert.Null(r.Error));
        Assert.Equal(["alma9", "rocky9"], restarted.Queries.Info("demo", null).Select(r => r.Distro).Distinct());
    }

    [Fact]
    public async Task Restart_OneRepositorysCacheUnreadable_LeavesTheOthersAnswering()
    {
        using (var first = Harness())
        {
            await first.SyncAsync();
        }

        // Both the index and the XML it would be rebuilt from are gone.
        var rocky = Path.GetDirectoryName(IndexOf("rocky9-baseos"))!;
        foreach (var file in Directory.GetFiles(rocky).Where(f => !f.EndsWith("repomd.xml", StringComparison.Ordinal)))
        {
            File.Delete(file);
        }

        using var restarted = Harness();
        await restarted.Catalog.LoadCacheAsync(default);

        Assert.Equal(["alma9"], restarted.Queries.Info("demo", null).Select(r => r.Distro).Distinct());
    }
}
