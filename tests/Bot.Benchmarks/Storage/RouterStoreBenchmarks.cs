using BenchmarkDotNet.Attributes;
using Bot.Core.Commands;
using Bot.Core.Storage;

namespace Bot.Benchmarks.Storage;

/// <summary>
/// Commands through the whole bot's router on each store: <c>/answer</c> where no round runs (one
/// read) and <c>/about</c> (about 30 reads). One operation is one command; each invocation routes
/// 500, 8 at a time. PostgreSQL needs BOT_TEST_POSTGRES (tests/postgres/server start). The p99 is
/// printed by `--stores` (see README, "Scaling out").
/// </summary>
[MemoryDiagnoser]
public class RouterStoreBenchmarks
{
    private const int Batch = 500;
    private const int InFlight = 8;
    private StoreBench _bench = null!;
    private CommandRouter _router = null!;

    [Params(StoreOptions.LiteDb, StoreOptions.Postgres)]
    public string Backend { get; set; } = StoreOptions.LiteDb;

    [GlobalSetup]
    public void Setup()
    {
        _bench = new StoreBench();
        _router = _bench.Router(Backend);
    }

    [GlobalCleanup]
    public void Cleanup() => _bench.DisposeAsync().AsTask().GetAwaiter().GetResult();

    [Benchmark(OperationsPerInvoke = Batch, Description = "/answer (one read)")]
    public Task Answer() => StoreBench.CommandsAsync(_router, "answer", Batch, InFlight);

    [Benchmark(OperationsPerInvoke = Batch, Description = "/about (about 30 reads)")]
    public Task About() => StoreBench.CommandsAsync(_router, "about", Batch, InFlight);
}
