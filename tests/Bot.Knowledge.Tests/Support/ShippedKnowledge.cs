using Bot.Core.Storage;
using Bot.Knowledge.Answers;
using Bot.Knowledge.Corpus;
using Bot.Knowledge.Retrieval;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Bot.Knowledge.Tests.Support;

/// <summary>The shipped corpus indexed once with the real local model, shared by the tests that need it.</summary>
public sealed class ShippedKnowledge : IAsyncLifetime
{
    private readonly DirectoryInfo _data = Directory.CreateTempSubdirectory("bot-knowledge-");

    internal SentenceEmbeddingGenerator Generator { get; } = SentenceEmbeddingGenerator.MiniLm();

    internal KnowledgeOptions Options { get; } = new() { CorpusDirectory = RepoPaths.FaqDirectory };

    internal KnowledgeBase Knowledge { get; private set; } = null!;

    internal FaqCorpus Corpus => Knowledge.Corpus;

    internal KnowledgeIndex Index { get; private set; } = null!;

    internal string DataDirectory => _data.FullName;

    internal AskService Ask() => new(Knowledge, Microsoft.Extensions.Options.Options.Create(Options));

    public async Task InitializeAsync()
    {
        Knowledge = new KnowledgeBase(
            Microsoft.Extensions.Options.Options.Create(Options),
            Microsoft.Extensions.Options.Options.Create(new StorageOptions { DataDirectory = _data.FullName }),
            NullLogger<KnowledgeBase>.Instance,
            Generator);
        Index = await Knowledge.IndexAsync();
    }

    public Task DisposeAsync()
    {
        Generator.Dispose();
        _data.Delete(recursive: true);
        return Task.CompletedTask;
    }
}

[CollectionDefinition(Name)]
public sealed class ShippedKnowledgeCollection : ICollectionFixture<ShippedKnowledge>
{
    public const string Name = "shipped knowledge";
}
