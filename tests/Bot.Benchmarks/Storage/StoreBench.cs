using System.Diagnostics;
using Bot.Core.Chat;
using Bot.Core.Commands;
using Bot.Core.Replies;
using Bot.Core.Storage;
using Bot.Host.Hosting;
using Bot.News;
using Bot.News.Feeds;
using Bot.News.Polling;
using Bot.News.Storage;
using Bot.Postgres;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Bot.Benchmarks.Storage;

/// <summary>
/// The whole bot's host on each backend: commands through the router, and the outbox delivered by
/// one or two instances. PostgreSQL is the server named by BOT_TEST_POSTGRES (tests/postgres/server
/// starts one), each run in a database of its own.
/// </summary>
internal sealed class StoreBench : IAsyncDisposable
{
    private const string AdminVariable = "BOT_TEST_POSTGRES";
    private static readonly TimeSpan SweepPause = TimeSpan.FromMilliseconds(100);

    /// <summary>Numbers the callers: every command comes from a person of its own, in every run.</summary>
    private static long _people;
    private readonly string _data = Directory.CreateTempSubdirectory("bot-bench-store-").FullName;
    private readonly List<IHost> _hosts = [];
    private string? _database;

    /// <summary>The whole bot's host on <paramref name="backend"/> (not started: the router needs no platform).</summary>
    public CommandRouter Router(string backend)
    {
        var host = Host(backend, "a");
        return host.Services.GetRequiredService<CommandRouter>();
    }

    public IHost Host(string backend, string instance)
    {
        var args = new List<string> { "Knowledge:Embeddings=false", "Packages:SyncOnStart=false", "Logging:LogLevel:Default=Warning", $"Storage:InstanceId={instance}" };
        if (backend == StoreOptions.Postgres)
        {
            args.Add("Storage:Provider=postgres");
            args.Add("Storage:ConnectionString=" + ConnectionString());
        }

        var host = BotHostFactory.Build(new HostSettings(null, Path.Combine(_data, backend + "-" + instance), args, QuietLogs: true));
        host.Services.GetRequiredService<IDocumentStore>().Open();
        _hosts.Add(host);
        return host;
    }

    /// <summary>
    /// Routes <paramref name="count"/> <c>/about</c> commands (about 30 reads: every module's status,
    /// the store's health) or <c>/answer</c> commands where no round runs (one read),
    /// <paramref name="inFlight"/> at a time; each one's milliseconds.
    /// </summary>
    public static async Task<List<double>> CommandsAsync(CommandRouter router, string command, int count, int inFlight)
    {
        // A caller of its own for each command: the per-person rate limit is not what is measured.
        var place = new ChatAddress("console", "bench", "room");
        var next = -1;
        var workers = Enumerable.Range(0, inFlight).Select(_ => Task.Run(async () =>
        {
            var own = new List<double>();
            while (Interlocked.Increment(ref next) < count)
            {
                var person = Interlocked.Increment(ref _people);
                var request = new CommandRequest(command, new Caller("u" + person, "user " + person, IsModerator: false), place)
                {
                    Options = command == "answer" ? new Dictionary<string, string> { ["letter"] = "A" } : new Dictionary<string, string>(),
                };
                var started = Stopwatch.GetTimestamp();
                var reply = await router.RouteAsync(request, CancellationToken.None);
                // /answer where no round runs is refused by design; anything else refused (the rate limit) is a broken run.
                if (reply.Tone == Tone.Problem && (command == "about" || !reply.Text.StartsWith("No quiz question", StringComparison.Ordinal)))
                {
                    throw new InvalidOperationException(reply.Text);
                }

                own.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }

            return own;
        })).ToList();
        return [.. (await Task.WhenAll(workers)).SelectMany(l => l)];
    }

    /// <summary>
    /// Queues <paramref name="posts"/> posts in 20 channels, then lets <paramref name="instances"/>
    /// instances deliver until none is left; posts per second, and how many went out more than once.
    /// </summary>
    public async Task<(double PerSecond, int Doubled)> OutboxAsync(string backend, int instances, int posts)
    {
        var publisher = new CountingPublisher();
        var pollers = Enumerable.Range(0, instances).Select(i => Poller(Host(backend, "outbox" + instances + "-" + i), publisher)).ToList();
        var store = pollers[0].Store;
        var now = TimeProvider.System.GetUtcNow().UtcDateTime;
        for (var n = 0; n < posts; n++)
        {
            store.Queue(new OutboxDocument { Id = $"bench-{instances}-{n}", Platform = "console", Server = "bench", Channel = "c" + (n % 20), Text = "post " + n, CreatedAt = now, NextAttempt = now });
        }

        var clock = Stopwatch.StartNew();
        await Task.WhenAll(pollers.Select(p => Task.Run(async () =>
        {
            while (p.Store.Pending().Count > 0)
            {
                await p.Poller.DeliverAsync(CancellationToken.None);
                // An instance that found the lease taken comes back later, as the bot's 5 s sweep does
                // (shortened here so that the run ends as soon as the posts are out).
                await Task.Delay(SweepPause);
            }
        })));
        return (posts / clock.Elapsed.TotalSeconds, publisher.Doubled);
    }

    private static (NewsPoller Poller, NewsStore Store) Poller(IHost host, IChatPublisher publisher)
    {
        var services = host.Services;
        var store = services.GetRequiredService<NewsStore>();
        var poller = new NewsPoller(store, services.GetRequiredService<FeedFetcher>(), publisher, services.GetRequiredService<ILeaseStore>(),
            services.GetRequiredService<BotInstance>(), TimeProvider.System, services.GetRequiredService<IOptions<NewsOptions>>(), NullLogger<NewsPoller>.Instance);
        return (poller, store);
    }

    private string ConnectionString()
    {
        var admin = Environment.GetEnvironmentVariable(AdminVariable)
            ?? throw new InvalidOperationException($"set {AdminVariable}: eval \"$(tests/postgres/server start)\"");
        if (_database is null)
        {
            _database = "bot_bench_" + Guid.NewGuid().ToString("N")[..12];
            using var connection = new NpgsqlConnection(admin);
            connection.Open();
            using var create = new NpgsqlCommand($"CREATE DATABASE {_database}", connection);
            create.ExecuteNonQuery();
        }

        return new NpgsqlConnectionStringBuilder(admin) { Database = _database }.ConnectionString;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var host in _hosts)
        {
            if (host.Services.GetRequiredService<IDocumentStore>() is IDisposable disposable)
            {
                disposable.Dispose();
            }

            host.Dispose();
        }

        NpgsqlConnection.ClearAllPools();
        if (_database is not null)
        {
            await using var connection = new NpgsqlConnection(Environment.GetEnvironmentVariable(AdminVariable));
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_database} WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }

        Directory.Delete(_data, recursive: true);
    }

    /// <summary>`--stores`: /about through the router on each backend, and the outbox with one and two instances.</summary>
    public static async Task PrintAsync()
    {
        await using var bench = new StoreBench();
        Console.WriteLine($"{"command",-8} {"backend",-9} {"in flight",9} {"commands/s",11} {"p50 ms",7} {"p99 ms",7}   (through the router: 4,000 after 1,000 warm-up)");
        foreach (var backend in new[] { StoreOptions.LiteDb, StoreOptions.Postgres })
        {
            var router = bench.Router(backend);
            foreach (var command in new[] { "answer", "about" })
            {
                foreach (var inFlight in new[] { 1, 8 })
                {
                    await CommandsAsync(router, command, 1000, inFlight);
                    var clock = Stopwatch.StartNew();
                    var latencies = await CommandsAsync(router, command, 4000, inFlight);
                    var rate = latencies.Count / clock.Elapsed.TotalSeconds;
                    latencies.Sort();
                    Console.WriteLine($"/{command,-7} {backend,-9} {inFlight,9} {rate,11:F0} {Percentile(latencies, 0.50),7:F2} {Percentile(latencies, 0.99),7:F2}");
                }
            }
        }

        Console.WriteLine();
        Console.WriteLine($"{"backend",-9} {"instances",9} {"posts/s",9} {"doubled",8}   (3,000 queued posts in 20 channels, delivered to a publisher that answers at once)");
        foreach (var (backend, instances) in new[] { (StoreOptions.LiteDb, 1), (StoreOptions.Postgres, 1), (StoreOptions.Postgres, 2) })
        {
            var (perSecond, doubled) = await bench.OutboxAsync(backend, instances, 3000);
            Console.WriteLine($"{backend,-9} {instances,9} {perSecond,9:F0} {doubled,8}");
        }
    }

    private static double Percentile(List<double> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)(p * sorted.Count))];

    /// <summary>Answers every post at once and counts the keys it saw twice.</summary>
    private sealed class CountingPublisher : IChatPublisher
    {
        private readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> _seen = new(StringComparer.Ordinal);

        public int Doubled => _seen.Values.Count(v => v > 1);

        public ValueTask<PublishResult> PublishAsync(ChatAddress to, Reply reply, string idempotencyKey, CancellationToken cancellationToken)
        {
            _seen.AddOrUpdate(idempotencyKey, 1, (_, n) => n + 1);
            return ValueTask.FromResult(PublishResult.Ok("m" + idempotencyKey));
        }
    }
}
