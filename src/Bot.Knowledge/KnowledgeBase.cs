using Bot.Core.Storage;
using Bot.Knowledge.Corpus;
using Bot.Knowledge.Retrieval;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Bot.Knowledge;

/// <summary>
/// The corpus, loaded when the module starts (it decides /explain's choices), and its index,
/// built once in the background (the model load and any embeddings not in the cache).
/// </summary>
internal sealed partial class KnowledgeBase
{
    private readonly Lazy<Task<KnowledgeIndex>> _index;
    private readonly ILogger<KnowledgeBase> _logger;

    public KnowledgeBase(
        IOptions<KnowledgeOptions> options,
        IOptions<StorageOptions> storage,
        ILogger<KnowledgeBase> logger,
        IEmbeddingGenerator<string, Embedding<float>>? generator = null)
    {
        _logger = logger;
        Corpus = CorpusLoader.Load(options.Value.ResolveCorpusDirectory());
        foreach (var problem in Corpus.Problems)
        {
            LogSkipped(logger, problem.ToString());
        }

        var useModel = options.Value.Embeddings ? generator : null;
        var cache = useModel is null ? null : new EmbeddingCache(Path.Combine(storage.Value.DataDirectory, "knowledge", "embeddings.bin"), CacheKey(useModel));
        _index = new Lazy<Task<KnowledgeIndex>>(() => BuildAsync(useModel, cache));
    }

    public FaqCorpus Corpus { get; }

    /// <summary>
    /// Vectors of one model mean nothing to another: the cache is kept by the model's name and vector
    /// length, or by the generator's type when it names no model.
    /// </summary>
    private static string CacheKey(IEmbeddingGenerator<string, Embedding<float>> generator)
    {
        var metadata = generator.GetService<EmbeddingGeneratorMetadata>();
        var model = string.IsNullOrEmpty(metadata?.DefaultModelId) ? generator.GetType().FullName! : metadata.DefaultModelId;
        return metadata?.DefaultModelDimensions is { } dimensions ? $"{model}/{dimensions}" : model;
    }

    public bool IsReady => _index.IsValueCreated && _index.Value.IsCompletedSuccessfully;

    public Task<KnowledgeIndex> IndexAsync() => _index.Value;

    private async Task<KnowledgeIndex> BuildAsync(IEmbeddingGenerator<string, Embedding<float>>? generator, EmbeddingCache? cache)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        try
        {
            var index = await KnowledgeIndex.BuildAsync(Corpus, generator, cache, CancellationToken.None).ConfigureAwait(false);
            // With every vector cached the model has not loaded yet; load it now, not on the first question.
            await index.SearchAsync("warm up", 1, CancellationToken.None).ConfigureAwait(false);
            var elapsed = System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            LogIndexed(_logger, Corpus.Entries.Count, generator is not null, elapsed);
            return index;
        }
        catch (Exception ex) when (generator is not null && ex is not OperationCanceledException)
        {
            // A model that cannot load must not take the answers down: fall back to lexical search.
            LogModelFailed(_logger, ex);
            return await KnowledgeIndex.BuildAsync(Corpus, null, null, CancellationToken.None).ConfigureAwait(false);
        }
    }

    [LoggerMessage(EventId = 3000, Level = LogLevel.Warning, Message = "Knowledge corpus entry skipped: {Problem}")]
    private static partial void LogSkipped(ILogger logger, string problem);

    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "Knowledge index built: {Entries} entries, embeddings {Embeddings}, {Milliseconds:F0} ms")]
    private static partial void LogIndexed(ILogger logger, int entries, bool embeddings, double milliseconds);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Error, Message = "The embedding model failed to load; answering with lexical retrieval only")]
    private static partial void LogModelFailed(ILogger logger, Exception exception);
}
