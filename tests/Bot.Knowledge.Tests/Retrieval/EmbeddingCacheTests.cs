using Bot.Knowledge.Corpus;
using Bot.Knowledge.Retrieval;
using Bot.Knowledge.Tests.Support;
using Microsoft.Extensions.AI;

namespace Bot.Knowledge.Tests.Retrieval;

[Collection(ShippedKnowledgeCollection.Name)]
public sealed class EmbeddingCacheTests(ShippedKnowledge knowledge)
{
    /// <summary>Counts what the real model is asked to embed.</summary>
    private sealed class Counting(IEmbeddingGenerator<string, Embedding<float>> inner) : DelegatingEmbeddingGenerator<string, Embedding<float>>(inner)
    {
        public int Texts { get; private set; }

        public override Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
        {
            var list = values.ToList();
            Texts += list.Count;
            return base.GenerateAsync(list, options, cancellationToken);
        }
    }

    [Fact]
    public async Task Build_SecondTime_EmbedsNothingFromTheCorpusAgain()
    {
        var path = Path.Combine(knowledge.DataDirectory, "cache-test", "embeddings.bin");
        var corpus = CorpusLoader.Load(RepoPaths.FaqDirectory);
        var first = new Counting(knowledge.Generator);
        var second = new Counting(knowledge.Generator);

        await KnowledgeIndex.BuildAsync(corpus, first, new EmbeddingCache(path, "m"), default);
        var index = await KnowledgeIndex.BuildAsync(corpus, second, new EmbeddingCache(path, "m"), default);
        var hits = await index.SearchAsync("what is kABI", 1, default);

        Assert.True(first.Texts > 100);
        Assert.Equal(1, second.Texts);
        Assert.Equal("kabi-kernel-modules", hits[0].Entry.Id);
    }

    /// <summary>A stand-in model of the given name: vectors from the text's hash, counted.</summary>
    private sealed class Named(string model) : IEmbeddingGenerator<string, Embedding<float>>
    {
        private readonly EmbeddingGeneratorMetadata _metadata = new("test", null, model, 4);

        public int Texts { get; private set; }

        public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
        {
            var list = values.ToList();
            Texts += list.Count;
            return Task.FromResult(new GeneratedEmbeddings<Embedding<float>>(list.Select(v => new Embedding<float>(Vector(v)))));
        }

        private static float[] Vector(string text)
        {
            var hash = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text));
            return [.. hash.Take(4).Select(b => b + 1f)];
        }

        public object? GetService(Type serviceType, object? serviceKey = null) =>
            serviceType == typeof(EmbeddingGeneratorMetadata) ? _metadata : null;

        public void Dispose()
        {
        }
    }

    [Fact]
    public async Task KnowledgeBase_AnotherModel_DoesNotReuseTheFirstModelsVectors()
    {
        var data = Path.Combine(knowledge.DataDirectory, "two-models");
        async Task<int> BuildWith(Named model)
        {
            var built = new KnowledgeBase(
                Microsoft.Extensions.Options.Options.Create(knowledge.Options),
                Microsoft.Extensions.Options.Options.Create(new Bot.Core.Storage.StorageOptions { DataDirectory = data }),
                Microsoft.Extensions.Logging.Abstractions.NullLogger<KnowledgeBase>.Instance,
                model);
            await built.IndexAsync();
            return model.Texts;
        }

        var first = await BuildWith(new Named("model-a"));
        var other = await BuildWith(new Named("model-b"));
        var again = await BuildWith(new Named("model-b"));

        Assert.True(first > 100);
        Assert.Equal(first, other);
        // Only the warm-up question is embedded when every corpus text is cached for this model.
        Assert.Equal(1, again);
    }

    [Fact]
    public void Load_DamagedFile_IsIgnored()
    {
        var path = Path.Combine(knowledge.DataDirectory, "damaged.bin");
        File.WriteAllBytes(path, [1, 2, 3]);
        var cache = new EmbeddingCache(path, "m");

        cache.Load();

        Assert.Equal(0, cache.Count);
    }
}
