using Bot.Packages.Repodata;

namespace Bot.Packages.Sync;

/// <summary>The repomd types the bot downloads: primary is required, the others are used when present.</summary>
internal static class MetadataTypes
{
    public const string Primary = "primary";
    public const string Filelists = "filelists";
    public const string Updateinfo = "updateinfo";
    public const string Modules = "modules";

    public static readonly string[] Wanted = [Primary, Filelists, Updateinfo, Modules];

    /// <summary>
    /// The wanted types that <paramref name="repomd"/> lists, in order, with their records: what a sync
    /// downloads and what an index is rebuilt from. Throws when it lists no primary metadata.
    /// </summary>
    public static IReadOnlyList<(string Type, RepomdRecord Record)> Listed(Repomd repomd, string label)
    {
        if (repomd.Find(Primary) is null)
        {
            throw new RepodataException($"{label} lists no primary metadata");
        }

        return [.. Wanted.Select(t => (t, repomd.Find(t))).Where(l => l.Item2 is not null).Select(l => (l.t, l.Item2!))];
    }

    /// <summary>The name a listed file is kept under in the repository's cache directory: its href's last part.</summary>
    public static string CachedName(RepomdRecord record) => Path.GetFileName(record.Href);
}
