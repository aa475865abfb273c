using Bot.Packages.Sync;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Bot.Packages.Index;

/// <summary>
/// Opens the compact index of every enabled repository that has been synced. An index that is
/// missing, damaged, of an older format or built from other metadata than the cached repomd.xml is
/// rebuilt from the cached XML first; one already open and still current is reused.
/// </summary>
/// <remarks>
/// It reads the cache directory alone, not the store: a synced repository is one whose repomd.xml is
/// cached (the sync writes it last, after its files and index), and that repomd.xml names the files
/// an index is rebuilt from. A one-shot lookup thus opens no database.
/// </remarks>
internal sealed partial class IndexBuilder(RepoCache cache, IOptions<PackagesOptions> options, ILogger<IndexBuilder> logger)
{
    private readonly Dictionary<string, CompactIndex> _open = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public PackageIndex Build(CancellationToken cancellationToken)
    {
        var repos = new List<(RepoOptions, CompactIndex)>();
        foreach (var repo in options.Value.Enabled)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!File.Exists(cache.File(repo.Id, RepoCache.RepomdName)))
            {
                continue;
            }

            try
            {
                repos.Add((repo, Open(repo, cancellationToken)));
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Whatever is wrong with one repository's cache (damaged, unreadable, too large to
                // index), the others still answer; its next sync replaces it.
                LogCacheFailed(logger, repo.Id, ex.Message);
            }
        }

        return new PackageIndex(repos);
    }

    private CompactIndex Open(RepoOptions repo, CancellationToken cancellationToken)
    {
        var directory = cache.Directory(repo.Id);
        var repomd = File.ReadAllBytes(cache.File(repo.Id, RepoCache.RepomdName));
        var source = RepoIndexer.SourceOf(repomd);
        lock (_gate)
        {
            if (_open.TryGetValue(repo.Id, out var open) && open.Source == source)
            {
                return open;
            }
        }

        var path = cache.IndexPath(repo.Id);
        CompactIndex index;
        try
        {
            index = CompactIndex.Open(path, source);
        }
        catch (Exception ex) when (ex is FileNotFoundException or InvalidDataException)
        {
            LogRebuilding(logger, repo.Id, ex.Message);
            var label = $"{repo.Id}/{RepoCache.RepomdName}";
            var files = MetadataTypes.Listed(Repodata.RepomdParser.Parse(new MemoryStream(repomd), label), label)
                .ToDictionary(l => l.Type, l => Path.Combine(directory, MetadataTypes.CachedName(l.Record)), StringComparer.Ordinal);

            RepoIndexer.Build(repo.Id, files, path, source, options.Value.MaxOpenBytes, options.Value.MaxModulesOpenBytes, cancellationToken);
            index = CompactIndex.Open(path, source);
        }

        lock (_gate)
        {
            _open[repo.Id] = index;
        }

        return index;
    }

    [LoggerMessage(EventId = 5101, Level = LogLevel.Warning, Message = "The cached metadata of {Repo} could not be indexed: {Error}")]
    private static partial void LogCacheFailed(ILogger logger, string repo, string error);

    [LoggerMessage(EventId = 5102, Level = LogLevel.Information, Message = "Rebuilding the package index of {Repo} from its cached metadata: {Reason}")]
    private static partial void LogRebuilding(ILogger logger, string repo, string reason);
}
