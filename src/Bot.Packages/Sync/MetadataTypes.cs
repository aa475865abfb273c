namespace Bot.Packages.Sync;

/// <summary>The repomd types the bot downloads: primary is required, the others are used when present.</summary>
internal static class MetadataTypes
{
    public const string Primary = "primary";
    public const string Filelists = "filelists";
    public const string Updateinfo = "updateinfo";
    public const string Modules = "modules";

    public static readonly string[] Wanted = [Primary, Filelists, Updateinfo, Modules];
}
