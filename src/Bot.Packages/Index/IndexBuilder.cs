using Bot.Packages.Repodata;
using Bot.Packages.Sync;
using Microsoft.Extensions.Options;

namespace Bot.Packages.Index;

/// <summary>Builds the index from the cached metadata of every enabled repository that has been synced.</summary>
internal sealed class IndexBuilder(RepoCache cache, RepoStateStore states, IOptions<PackagesOptions> options)
{
    public PackageIndex Build(CancellationToken cancellationToken)
    {
        var index = new PackageIndex();
        foreach (var repo in options.Value.Enabled)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var state = states.Get(repo.Id);
            if (state.Files.ContainsKey(MetadataTypes.Primary))
            {
                AddRepo(index, repo, cache.Directory(repo.Id), state.Files, options.Value.MaxOpenBytes, options.Value.MaxModulesOpenBytes);
            }
        }

        return index.Seal();
    }

    /// <summary>Adds one repository's cached primary, filelists and updateinfo to <paramref name="index"/>.</summary>
    internal static void AddRepo(PackageIndex index, RepoOptions repo, string directory, IReadOnlyDictionary<string, string> files, long maxOpen, long maxModulesOpen)
    {
        var byPkgId = new Dictionary<string, int>(StringComparer.Ordinal);
        var primary = files[MetadataTypes.Primary];
        // primary.xml lists a subset of the files; with filelists.xml at hand, that one gives them all.
        var hasFilelists = files.ContainsKey(MetadataTypes.Filelists);
        using (var stream = Open(directory, primary, maxOpen))
        {
            foreach (var package in PrimaryParser.Parse(stream, $"{repo.Id}/{primary}"))
            {
                var id = index.Add(new IndexedPackage(repo.Id, repo.Distro, repo.Name, package.Name, package.Arch, package.Evr,
                    package.Summary, package.SourceRpm, package.Provides));
                byPkgId[package.PkgId] = id;
                if (!hasFilelists)
                {
                    foreach (var file in package.Files)
                    {
                        index.AddFile(id, file);
                    }
                }
            }
        }

        if (files.TryGetValue(MetadataTypes.Filelists, out var filelists))
        {
            using var stream = Open(directory, filelists, maxOpen);
            foreach (var list in FilelistsParser.Parse(stream, $"{repo.Id}/{filelists}"))
            {
                if (byPkgId.TryGetValue(list.PkgId, out var id))
                {
                    foreach (var file in list.Files)
                    {
                        index.AddFile(id, file);
                    }
                }
            }
        }

        if (files.TryGetValue(MetadataTypes.Modules, out var modules))
        {
            using var stream = Open(directory, modules, maxModulesOpen);
            foreach (var module in ModulesParser.Parse(stream, $"{repo.Id}/{modules}"))
            {
                foreach (var nevra in module.Artifacts)
                {
                    index.AddModule(repo.Id, nevra, module.Label);
                }
            }
        }

        if (files.TryGetValue(MetadataTypes.Updateinfo, out var updateinfo))
        {
            using var stream = Open(directory, updateinfo, maxOpen);
            foreach (var advisory in UpdateinfoParser.Parse(stream, $"{repo.Id}/{updateinfo}"))
            {
                index.AddAdvisory(new IndexedAdvisory(repo.Id, repo.Distro, advisory));
            }
        }
    }

    private static Stream Open(string directory, string name, long maxOpen) =>
        Decompression.Open(new BufferedStream(File.OpenRead(Path.Combine(directory, name)), 1 << 16), name, maxOpen);
}
