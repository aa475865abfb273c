using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using Bot.Core.Storage;
using Bot.Knowledge;
using Bot.Knowledge.Answers;
using Bot.Knowledge.Retrieval;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Bot.Benchmarks.Knowledge;

/// <summary>
/// /ask without a language model on the shipped corpus: one question per operation, so the
/// P50/P99 columns are per-answer latencies (target: P99 at most 50 ms).
/// </summary>
[Config(typeof(LatencyConfig))]
[MemoryDiagnoser]
public class AskLatencyBenchmarks
{
    private static readonly string[] Questions =
    [
        "what does ABI compatible mean?", "is rocky still bug for bug with rhel", "when does almalinux 8 reach end of life",
        "will my kernel module load on alma", "what is openela", "how do I bake bread", "who runs almalinux",
        "can I upgrade centos 7 to alma 8 in place", "why does my package have .alma in the release", "is CVE-2024-6387 fixed",
    ];

    private AskService _ask = null!;
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        var knowledge = KnowledgeFactory.Create(Path.Combine(Path.GetTempPath(), "bot-bench-ask"), out var options);
        knowledge.IndexAsync().GetAwaiter().GetResult();
        _ask = new AskService(knowledge, Options.Create(options));
    }

    [Benchmark(Description = "ask, local answer")]
    public async Task<bool> Ask() => (await _ask.AskAsync(Questions[_next++ % Questions.Length], CancellationToken.None)).Answered;

    private sealed class LatencyConfig : ManualConfig
    {
        public LatencyConfig()
        {
            AddJob(Job.Default.WithStrategy(RunStrategy.Monitoring).WithWarmupCount(20).WithIterationCount(400).WithInvocationCount(1).WithUnrollFactor(1));
            AddColumn(new PercentileColumn(50), new PercentileColumn(99));
        }
    }
}

/// <summary>
/// Start-up of the Knowledge module up to a first answer: corpus parse, model load, embeddings
/// (all computed when cold, read from the data directory's cache when warm). Target: at most 3 s.
/// </summary>
[Config(typeof(StartConfig))]
public class KnowledgeStartBenchmarks
{
    private readonly string _warm = Path.Combine(Path.GetTempPath(), "bot-bench-start-warm");

    [GlobalSetup]
    public void Setup() => StartAsync(_warm).GetAwaiter().GetResult();

    [Benchmark(Description = "start, cold (no embedding cache)")]
    public Task<int> Cold()
    {
        var dir = Path.Combine(Path.GetTempPath(), "bot-bench-start-cold-" + Guid.NewGuid().ToString("N"));
        return StartAsync(dir);
    }

    [Benchmark(Description = "start, warm (embedding cache)")]
    public Task<int> Warm() => StartAsync(_warm);

    private static async Task<int> StartAsync(string dataDirectory)
    {
        var knowledge = KnowledgeFactory.Create(dataDirectory, out _);
        var index = await knowledge.IndexAsync();
        return (await index.SearchAsync("what does ABI compatible mean?", 1, CancellationToken.None)).Count;
    }

    private sealed class StartConfig : ManualConfig
    {
        public StartConfig()
        {
            AddJob(Job.Default.WithStrategy(RunStrategy.ColdStart).WithLaunchCount(1).WithWarmupCount(0).WithIterationCount(5).WithInvocationCount(1).WithUnrollFactor(1));
        }
    }
}

internal static class KnowledgeFactory
{
    /// <summary>The shipped corpus with <paramref name="generator"/>, or the bot's own model.</summary>
    public static KnowledgeBase Create(string dataDirectory, out KnowledgeOptions options, IEmbeddingGenerator<string, Embedding<float>>? generator = null)
    {
        options = new KnowledgeOptions { CorpusDirectory = Path.Combine(RepoPaths.Root, "knowledge", "faq") };
        return new KnowledgeBase(
            Options.Create(options),
            Options.Create(new StorageOptions { DataDirectory = dataDirectory }),
            NullLogger<KnowledgeBase>.Instance,
            generator ?? SentenceEmbeddingGenerator.MiniLm());
    }
}
