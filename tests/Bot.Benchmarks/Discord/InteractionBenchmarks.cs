using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;

namespace Bot.Benchmarks.Discord;

/// <summary>
/// Signed Discord interactions (/about) through the whole bot on 127.0.0.1, against a bare Kestrel
/// endpoint in the same run. One operation is one request; each invocation sends 5,000 with 32 in
/// flight, so Mean is the time per request under load and 1/Mean the rate (target: at least 2,000/s).
/// The p99 under that load is printed by `--load` (see README).
/// </summary>
[Config(typeof(ThroughputConfig))]
public class InteractionBenchmarks
{
    private const int Batch = 5000;
    private const int InFlight = 32;
    private InteractionServer _server = null!;

    [GlobalSetup]
    public void Setup()
    {
        _server = new InteractionServer();
        _server.StartAsync().GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup() => _server.DisposeAsync().AsTask().GetAwaiter().GetResult();

    [Benchmark(Baseline = true, OperationsPerInvoke = Batch, Description = "bare Kestrel POST")]
    public Task Bare() => LoadAsync(_server.BareAsync, Batch, InFlight, null);

    [Benchmark(OperationsPerInvoke = Batch, Description = "signed /interactions /about")]
    public Task About() => LoadAsync(_server.AboutAsync, Batch, InFlight, null);

    /// <summary>Sends <paramref name="count"/> requests, <paramref name="inFlight"/> at a time; each one's latency goes to <paramref name="latencies"/>.</summary>
    internal static async Task LoadAsync(Func<Task<HttpResponseMessage>> send, int count, int inFlight, List<double>? latencies)
    {
        var next = -1;
        var workers = Enumerable.Range(0, inFlight).Select(async _ =>
        {
            var own = new List<double>();
            while (Interlocked.Increment(ref next) < count)
            {
                var started = Stopwatch.GetTimestamp();
                using var response = await send();
                await response.Content.ReadAsByteArrayAsync();
                if (!response.IsSuccessStatusCode)
                {
                    throw new InvalidOperationException($"HTTP {(int)response.StatusCode}");
                }

                own.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }

            return own;
        }).ToList();
        foreach (var worker in workers)
        {
            var own = await worker;
            latencies?.AddRange(own);
        }
    }

    /// <summary>`--load`: rate and latency percentiles of each endpoint at 8, 16 and 32 requests in flight, after a warm-up.</summary>
    internal static async Task PrintLoadAsync()
    {
        await using var server = new InteractionServer();
        await server.StartAsync();
        Console.WriteLine($"{"endpoint",-30} {"in flight",9} {"requests/s",11} {"p50 ms",7} {"p99 ms",7}   (20,000 requests after 5,000 warm-up)");
        foreach (var (name, send) in new (string, Func<Task<HttpResponseMessage>>)[] { ("bare Kestrel POST", server.BareAsync), ("signed PING", server.PingAsync), ("signed /interactions /about", server.AboutAsync) })
        {
            foreach (var inFlight in new[] { 8, 16, 32 })
            {
                await LoadAsync(send, 5000, inFlight, null);
                var latencies = new List<double>();
                var clock = Stopwatch.StartNew();
                await LoadAsync(send, 20_000, inFlight, latencies);
                var rate = 20_000 / clock.Elapsed.TotalSeconds;
                latencies.Sort();
                Console.WriteLine($"{name,-30} {inFlight,9} {rate,11:0} {latencies[latencies.Count / 2],7:0.00} {latencies[(int)(latencies.Count * 0.99)],7:0.00}");
            }
        }
    }

    private sealed class ThroughputConfig : ManualConfig
    {
        public ThroughputConfig() =>
            AddJob(Job.Default.WithStrategy(RunStrategy.Monitoring).WithWarmupCount(8).WithIterationCount(15).WithInvocationCount(1).WithUnrollFactor(1));
    }
}
