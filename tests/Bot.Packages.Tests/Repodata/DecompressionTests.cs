using System.IO.Compression;
using Bot.Packages.Repodata;
using Bot.Packages.Tests.Support;

namespace Bot.Packages.Tests.Repodata;

public sealed class DecompressionTests
{
    [Theory]
    [InlineData("alma9", "-primary.xml.xz")]
    [InlineData("rocky9", "-primary.xml.gz")]
    [InlineData("rocky9", "-updateinfo-rocky9.xml.bz2")]
    [InlineData("alma9", "-updateinfo-alma9.xml.xz")]
    public void Open_EachCompressionTheFixturesUse_YieldsXml(string repo, string suffix)
    {
        var file = Directory.GetFiles(Fixture.Path("repos", repo, "repodata")).Single(f => f.EndsWith(suffix, StringComparison.Ordinal));

        using var stream = Decompression.Open(File.OpenRead(file), file, 1 << 20);
        using var reader = new StreamReader(stream);

        Assert.StartsWith("<?xml", reader.ReadToEnd().TrimStart(), StringComparison.Ordinal);
    }

    [Fact]
    public void Open_Zstd_YieldsThePrimaryPackages()
    {
        using var stream = Decompression.Open(File.OpenRead(Fixture.Path("primary.xml.zst")), "x-primary.xml.zst", 1 << 20);

        Assert.Equal(3, PrimaryParser.Parse(stream).Count());
    }

    [Fact]
    public void Open_DecompressionBomb_StopsAtTheLimit()
    {
        // 64 MB of zeros compress to about 64 KB; with a 16 MB limit the read must stop, as a 2 GB bomb stops at 2 GB.
        var bomb = new MemoryStream();
        using (var gzip = new GZipStream(bomb, CompressionLevel.Fastest, leaveOpen: true))
        {
            var zeros = new byte[1 << 20];
            for (var i = 0; i < 64; i++)
            {
                gzip.Write(zeros);
            }
        }

        bomb.Position = 0;
        Assert.True(bomb.Length < 1 << 20);

        using var stream = Decompression.Open(bomb, "bomb-primary.xml.gz", 16L << 20);
        var error = Assert.Throws<RepodataException>(() => stream.CopyTo(Stream.Null));

        Assert.Equal("bomb-primary.xml.gz expands beyond the limit of 16 MB; refusing it", error.Message);
    }
}
