namespace Bot.Packages.Tests.Support;

internal static class Fixture
{
    public static string Path(params string[] parts) => System.IO.Path.Combine([AppContext.BaseDirectory, "Fixtures", .. parts]);

    public static IEnumerable<string[]> Tsv(string name) =>
        File.ReadLines(Path(name)).Where(l => !l.StartsWith('#') && l.Length > 0).Skip(1).Select(l => l.Split('\t'));
}
