using System.Security.Cryptography;
using Bot.Packages.Repodata;
using Bot.Packages.Sync;

namespace Bot.Packages.Index;

/// <summary>
/// Turns one repository's metadata files (primary, filelists, updateinfo, modules) into its compact
/// index, parsing each file once. The sync runs it on the files it downloaded, as the check that they
/// parse; a start whose index is missing, damaged or of an older format runs it on the cached files.
/// </summary>
internal static class RepoIndexer
{
    /// <summary>What an index built from <paramref name="repomd"/> records as its source: the file's SHA-256.</summary>
    public static string SourceOf(ReadOnlySpan<byte> repomd) => Convert.ToHexStringLower(SHA256.HashData(repomd));

    /// <summary>
    /// Builds the index of <paramref name="files"/> (metadata type to path) into <paramref name="output"/>;
    /// returns the package count. Malformed metadata throws <see cref="RepodataException"/> and writes nothing.
    /// </summary>
    public static int Build(string repoId, IReadOnlyDictionary<string, string> files, string output, string source, long maxOpen, long maxModulesOpen, CancellationToken cancellationToken)
    {
        try
        {
            return Write(repoId, files, output, source, maxOpen, maxModulesOpen, cancellationToken);
        }
        finally
        {
            ReleaseMemory();
        }
    }

    // Not inlined: the writer and its arrays must be out of scope when ReleaseMemory collects.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static int Write(string repoId, IReadOnlyDictionary<string, string> files, string output, string source, long maxOpen, long maxModulesOpen, CancellationToken cancellationToken)
    {
        var writer = new CompactIndexWriter();
        var modules = new Dictionary<string, string>(StringComparer.Ordinal);
        if (files.TryGetValue(MetadataTypes.Modules, out var modulesPath))
        {
            using var stream = Open(modulesPath, maxModulesOpen);
            foreach (var module in ModulesParser.Parse(stream, Label(repoId, modulesPath)))
            {
                foreach (var nevra in module.Artifacts)
                {
                    modules[nevra] = module.Label;
                }
            }
        }

        var byPkgId = new Dictionary<string, int>(StringComparer.Ordinal);
        // primary.xml lists a subset of the files; with filelists.xml at hand, that one gives them all.
        var hasFilelists = files.ContainsKey(MetadataTypes.Filelists);
        using (var stream = Open(files[MetadataTypes.Primary], maxOpen))
        {
            foreach (var package in PrimaryParser.Parse(stream, Label(repoId, files[MetadataTypes.Primary])))
            {
                cancellationToken.ThrowIfCancellationRequested();
                var nevra = $"{package.Name}-{package.Evr.Epoch ?? "0"}:{package.Evr.Version}-{package.Evr.Release}.{package.Arch}";
                var id = writer.AddPackage(package, modules.GetValueOrDefault(nevra));
                byPkgId[package.PkgId] = id;
                if (!hasFilelists)
                {
                    foreach (var file in package.Files)
                    {
                        writer.AddFile(id, file);
                    }
                }
            }
        }

        if (files.TryGetValue(MetadataTypes.Filelists, out var filelists))
        {
            using var stream = Open(filelists, maxOpen);
            foreach (var list in FilelistsParser.Parse(stream, Label(repoId, filelists)))
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (byPkgId.TryGetValue(list.PkgId, out var id))
                {
                    foreach (var file in list.Files)
                    {
                        writer.AddFile(id, file);
                    }
                }
            }
        }

        if (files.TryGetValue(MetadataTypes.Updateinfo, out var updateinfo))
        {
            using var stream = Open(updateinfo, maxOpen);
            foreach (var advisory in UpdateinfoParser.Parse(stream, Label(repoId, updateinfo)))
            {
                writer.AddAdvisory(advisory);
            }
        }

        cancellationToken.ThrowIfCancellationRequested();
        writer.Write(output, source);
        return writer.PackageCount;
    }

    /// <summary>
    /// Gives the building's arrays back before the next repository is built: a sync runs every few
    /// hours, and without a compacting collection here the bot would keep the largest repository's
    /// build (hundreds of MB for Oracle Linux) as its resting size.
    /// </summary>
    private static void ReleaseMemory()
    {
        System.Runtime.GCSettings.LargeObjectHeapCompactionMode = System.Runtime.GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
    }

    /// <summary>How errors name a file: <c>alma9-baseos/primary.xml.gz</c>.</summary>
    private static string Label(string repoId, string path) => $"{repoId}/{MetadataName(path)}";

    /// <summary>The file's own name, a download's <c>.part</c> suffix left out: its extension says how it is compressed.</summary>
    private static string MetadataName(string path)
    {
        var name = Path.GetFileName(path);
        return name.EndsWith(".part", StringComparison.Ordinal) ? name[..^".part".Length] : name;
    }

    private static Stream Open(string path, long maxOpen) =>
        Decompression.Open(new BufferedStream(File.OpenRead(path), 1 << 16), MetadataName(path), maxOpen);
}
