using Bot.Core.Storage;
using Bot.Packages.Index;
using Microsoft.Extensions.Options;

namespace Bot.Packages.Sync;

/// <summary>Where each repository's metadata files and compact index are kept: <c>DATA/packages/REPO-ID/</c>.</summary>
internal sealed class RepoCache(IOptions<StorageOptions> storage)
{
    /// <summary>The repository's own description of its files, kept beside them.</summary>
    public const string RepomdName = "repomd.xml";

    public string Directory(string repoId) => Path.Combine(storage.Value.DataDirectory, "packages", repoId);

    public string File(string repoId, string name) => Path.Combine(Directory(repoId), name);

    public string IndexPath(string repoId) => File(repoId, IndexFormat.FileName);

    /// <summary>The revision of the repomd.xml in this cache, or null when there is none that reads.</summary>
    /// <remarks>
    /// On a shared store the sync state (ETag, revision, file names) may have been written by another
    /// instance, whose cache is not this one: only a cached repomd.xml of the same revision says that
    /// this cache holds what the state describes.
    /// </remarks>
    public string? CachedRevision(string repoId)
    {
        var path = File(repoId, RepomdName);
        if (!System.IO.File.Exists(path))
        {
            return null;
        }

        try
        {
            using var file = System.IO.File.OpenRead(path);
            return Repodata.RepomdParser.Parse(file, path).Revision;
        }
        catch (Exception ex) when (ex is Repodata.RepodataException or IOException)
        {
            return null;
        }
    }
}
