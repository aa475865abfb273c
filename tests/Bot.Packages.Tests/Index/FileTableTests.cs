using Bot.Packages.Index;

namespace Bot.Packages.Tests.Index;

public sealed class FileTableTests
{
    [Fact]
    public void Find_PathOwnedByOneOrSeveralPackages_ReturnsEachOnce()
    {
        var table = new FileTable();
        table.Add("/usr/lib64/libfoo.so.1", 1);
        table.Add("/usr/lib64/libfoo.so.1", 2);
        table.Add("/usr/lib64/libfoo.so.1", 2);
        table.Add("/usr/share/doc/foo/README", 1);
        table.Add("/usr/share/doc/bar/README", 3);
        table.Add("relative", 4);

        Assert.Equal([1, 2], table.Find("/usr/lib64/libfoo.so.1"));
        Assert.Equal([1], table.Find("/usr/share/doc/foo/README"));
        Assert.Equal([3], table.Find("/usr/share/doc/bar/README"));
        Assert.Equal([4], table.Find("relative"));
        Assert.Empty(table.Find("/usr/share/doc/baz/README"));
        Assert.Empty(table.Find("/usr/lib64/libfoo.so"));
        Assert.Equal(4, table.Count);
    }
}
