using Bot.Packages.Index;
using Bot.Packages.Repodata;
using Bot.Packages.Rpm;

namespace Bot.Packages.Tests.Index;

/// <summary>The compact index file: what is written is what is found, and a file that is not exactly what was written is refused.</summary>
public sealed class CompactIndexTests : IDisposable
{
    private const string Source = "repomd-sha256";

    private static readonly RepoOptions Repo = new() { Distro = "alma9", Name = "BaseOS", BaseUrl = "file:///" };

    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("bot-index-");

    private string Path => System.IO.Path.Combine(_directory.FullName, IndexFormat.FileName);

    public void Dispose() => _directory.Delete(recursive: true);

    private static PackageRecord Package(string name, string version, string? sourceRpm = null, params string[] provides) =>
        new(name, "x86_64", new Evr(null, version, "1.el9"), $"The {name} package", null, null, sourceRpm, "id-" + name,
            [.. provides.Select(p => new Capability(p, null, null))], [], []);

    private CompactIndex Write(Action<CompactIndexWriter> fill)
    {
        var writer = new CompactIndexWriter();
        fill(writer);
        writer.Write(Path, Source);
        return CompactIndex.Open(Path, Source);
    }

    [Fact]
    public void ByFile_PathOwnedByOneOrSeveralPackages_ReturnsEachOnce()
    {
        var index = Write(w =>
        {
            for (var i = 0; i < 5; i++)
            {
                w.AddPackage(Package($"p{i}", "1.0"), null);
            }

            w.AddFile(1, "/usr/lib64/libfoo.so.1");
            w.AddFile(2, "/usr/lib64/libfoo.so.1");
            w.AddFile(2, "/usr/lib64/libfoo.so.1");
            w.AddFile(1, "/usr/share/doc/foo/README");
            w.AddFile(3, "/usr/share/doc/bar/README");
            w.AddFile(4, "relative");
            w.AddFile(0, "/usr/lib64/libfoo.so.10");
        });

        Assert.Equal([1, 2], index.ByFile("/usr/lib64/libfoo.so.1"));
        Assert.Equal([1], index.ByFile("/usr/share/doc/foo/README"));
        Assert.Equal([3], index.ByFile("/usr/share/doc/bar/README"));
        Assert.Equal([4], index.ByFile("relative"));
        Assert.Equal([0], index.ByFile("/usr/lib64/libfoo.so.10"));
        Assert.Empty(index.ByFile("/usr/share/doc/baz/README"));
        Assert.Empty(index.ByFile("/usr/lib64/libfoo.so"));
        Assert.Empty(index.ByFile("/usr/lib64"));
        Assert.Equal(6, index.FileCount);
    }

    [Fact]
    public void Lookups_PackagesProvidesSourcesAndAdvisories_ComeBackAsWritten()
    {
        var issued = new DateTimeOffset(2024, 3, 5, 10, 0, 0, TimeSpan.Zero);
        var index = Write(w =>
        {
            w.AddPackage(Package("openssl", "3.0.7", "openssl-3.0.7-1.el9.src.rpm", "openssl"), "openssl:3");
            w.AddPackage(Package("openssl-libs", "3.0.7", "openssl-3.0.7-1.el9.src.rpm", "libssl.so.3()(64bit)", "libssl.so.3(OPENSSL_3.0.0)(64bit)"), null);
            w.AddPackage(Package("zlib", "1.2.11"), null);
            w.AddAdvisory(new Advisory("ALSA-2024:1001", "security", "Important", issued, null, "openssl update",
                ["CVE-2024-1111", "CVE-2024-2222"], [new AdvisoryPackage("openssl", null, "3.0.7", "1.el9", "x86_64")]));
        });

        var libs = index.Package(Assert.Single(index.ByName("openssl-libs")), Repo);
        Assert.Equal(("openssl-libs", "alma9", "openssl", null, "3.0.7", "1.el9"), (libs.Name, libs.Distro, libs.SourceName, libs.Evr.Epoch, libs.Evr.Version, libs.Evr.Release));
        Assert.Equal(["libssl.so.3()(64bit)", "libssl.so.3(OPENSSL_3.0.0)(64bit)"], libs.Provides);
        Assert.Equal("openssl:3", index.Package(Assert.Single(index.ByName("openssl")), Repo).Module);
        Assert.Equal("zlib", index.Package(Assert.Single(index.BySource("zlib")), Repo).SourceName);
        // A bare soname finds the package once, however many symbol versions it provides.
        Assert.Equal([1], index.ByProvide("libssl.so.3"));
        Assert.Equal([1], index.ByProvide("libssl.so.3(OPENSSL_3.0.0)(64bit)"));
        Assert.Equal([0, 1], index.BySource("openssl"));
        Assert.Empty(index.ByName("openss"));

        var advisory = index.Advisory(Assert.Single(index.ByAdvisory("alsa-2024:1001")));
        Assert.Equal(("ALSA-2024:1001", "Important", issued, (DateTimeOffset?)null), (advisory.Id, advisory.Severity, advisory.Issued!.Value, advisory.Updated));
        Assert.Equal(["CVE-2024-1111", "CVE-2024-2222"], advisory.Cves);
        Assert.Equal("1.el9", Assert.Single(advisory.Packages).Release);
        Assert.Single(index.ByCve("cve-2024-2222"));
        Assert.Equal((3, 1), (index.PackageCount, index.AdvisoryCount));
    }

    [Fact]
    public void NamesStartingWith_GivesEachNameOnceInOrder_UpToTheLimit()
    {
        var index = Write(w =>
        {
            foreach (var name in new[] { "pkg-b", "pkg-a", "pkg-a", "other", "pkg-c", "pkg" })
            {
                w.AddPackage(Package(name, "1"), null);
            }
        });

        var names = new SortedSet<string>(StringComparer.Ordinal);
        index.NamesStartingWith("pkg-", 2, names);

        Assert.Equal(["pkg-a", "pkg-b"], names);
    }

    [Fact]
    public void Open_AByteChangedInTheBody_IsRefusedAsDamaged()
    {
        Write(w => w.AddPackage(Package("zlib", "1.2.11"), null));
        var bytes = File.ReadAllBytes(Path);
        bytes[^20] ^= 0x40;
        File.WriteAllBytes(Path, bytes);

        var error = Assert.Throws<InvalidDataException>(() => CompactIndex.Open(Path, Source));
        Assert.Contains("checksum", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(43, 0x80)]
    [InlineData(40, 0x01)]
    [InlineData(23, 0x80)]
    [InlineData(16, 0x08)]
    [InlineData(0, 0x01)]
    public void Open_ABitFlippedInTheHeader_IsRefusedAsDamaged(int at, int bit)
    {
        Write(w => w.AddPackage(Package("zlib", "1.2.11"), null));
        var bytes = File.ReadAllBytes(Path);
        bytes[at] ^= (byte)bit;
        File.WriteAllBytes(Path, bytes);

        Assert.Throws<InvalidDataException>(() => CompactIndex.Open(Path, Source));
    }

    [Fact]
    public void Open_BuiltFromOtherMetadataOrAnotherFormat_IsRefused()
    {
        Write(w => w.AddPackage(Package("zlib", "1.2.11"), null));

        Assert.Contains("other metadata", Assert.Throws<InvalidDataException>(() => CompactIndex.Open(Path, "another-repomd")).Message, StringComparison.Ordinal);

        var bytes = File.ReadAllBytes(Path);
        bytes[8] = (byte)(IndexFormat.Version + 1);
        File.WriteAllBytes(Path, bytes);
        Assert.Contains("format", Assert.Throws<InvalidDataException>(() => CompactIndex.Open(Path, Source)).Message, StringComparison.Ordinal);

        File.WriteAllText(Path, "not an index");
        Assert.Throws<InvalidDataException>(() => CompactIndex.Open(Path, Source));
    }
}
