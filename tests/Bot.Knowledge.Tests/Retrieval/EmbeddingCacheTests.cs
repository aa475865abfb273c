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
