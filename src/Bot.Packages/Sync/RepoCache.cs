using Bot.Core.Storage;
using Microsoft.Extensions.Options;

namespace Bot.Packages.Sync;

/// <summary>Where each repository's metadata files are kept: <c>DATA/packages/REPO-ID/</c>.</summary>
internal sealed class RepoCache(IOptions<StorageOptions> storage)
{
    public string Directory(string repoId) => Path.Combine(storage.Value.DataDirectory, "packages", repoId);

    public string File(string repoId, string name) => Path.Combine(Directory(repoId), name);
}
