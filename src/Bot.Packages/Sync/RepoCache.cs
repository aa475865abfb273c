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
}
