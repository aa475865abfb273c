using System.Collections.Concurrent;

namespace Bot.Discord.Rest;

/// <summary>
/// What the bot knows of Discord's rate limits: one bucket per route (learnt from
/// X-RateLimit-Bucket, keyed with the top-level ids), slots for the global limit, and the count of
/// invalid answers (401/403/429) in the last ten minutes. Requests of one bucket go
/// one at a time, so the bucket's Remaining is never spent twice.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "A SemaphoreSlim whose wait handle is never asked for holds nothing to dispose; slots come back on timers that may outlive a Dispose.")]
internal sealed class RateLimits(TimeProvider time, int globalPerSecond, int invalidLimit)
{
    private readonly TimeProvider _time = time;
    private static readonly TimeSpan GlobalWindow = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan InvalidWindow = TimeSpan.FromMinutes(10);

    private readonly ConcurrentDictionary<string, string> _hashes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Bucket> _buckets = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _globalSlots = new(globalPerSecond, globalPerSecond);
    private readonly Queue<DateTimeOffset> _invalid = new();
    private readonly Lock _globalLock = new();
    private DateTimeOffset _globalBlockedUntil;

    /// <summary>The bucket a request of <paramref name="routeKey"/> waits in.</summary>
    public Bucket BucketFor(string routeKey)
    {
        var id = _hashes.TryGetValue(routeKey, out var hash) ? hash + ":" + RouteKey.Major(routeKey) : routeKey;
        return _buckets.GetOrAdd(id, _ => new Bucket());
    }

    /// <summary>Remembers the bucket hash Discord named for a route; later requests share that bucket's state.</summary>
    public Bucket Learn(string routeKey, string hash, Bucket current)
    {
        if (_hashes.TryGetValue(routeKey, out var known) && known == hash)
        {
            return current;
        }

        _hashes[routeKey] = hash;
        return _buckets.GetOrAdd(hash + ":" + RouteKey.Major(routeKey), _ => current);
    }

    /// <summary>
    /// Takes one of the global limit's slots (interaction endpoints are exempt). A slot comes back one
    /// second after its request's answer arrived, which bounds the request's arrival at Discord: so no
    /// second of arrivals holds more than the limit, however long requests take in flight.
    /// </summary>
    public async Task<GlobalSlot> TakeGlobalAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            TimeSpan wait;
            lock (_globalLock)
            {
                wait = _globalBlockedUntil - _time.GetUtcNow();
            }

            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
                continue;
            }

            await _globalSlots.WaitAsync(cancellationToken).ConfigureAwait(false);
            return new GlobalSlot(this);
        }
    }

    /// <summary>A global 429: nobody sends until it passes.</summary>
    public void BlockGlobal(TimeSpan retryAfter)
    {
        lock (_globalLock)
        {
            var until = _time.GetUtcNow() + retryAfter;
            if (until > _globalBlockedUntil)
            {
                _globalBlockedUntil = until;
            }
        }
    }

    /// <summary>Counts a 401, 403 or 429 (not a shared-scope one); <see cref="TooManyInvalid"/> reads the count.</summary>
    public void CountInvalid()
    {
        lock (_invalid)
        {
            _invalid.Enqueue(_time.GetUtcNow());
        }
    }

    /// <summary>Whether the invalid answers of the last ten minutes reached the limit.</summary>
    public bool TooManyInvalid()
    {
        lock (_invalid)
        {
            var cutoff = _time.GetUtcNow() - InvalidWindow;
            while (_invalid.Count > 0 && _invalid.Peek() < cutoff)
            {
                _invalid.Dequeue();
            }

            return _invalid.Count >= invalidLimit;
        }
    }

    /// <summary>A held global slot; <see cref="Release"/> after the answer arrived.</summary>
    internal sealed class GlobalSlot(RateLimits owner)
    {
        private int _released;

        public void Release()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                _ = Task.Delay(GlobalWindow, owner._time).ContinueWith(_ => owner._globalSlots.Release(), TaskScheduler.Default);
            }
        }
    }

    /// <summary>One bucket: a gate (one request at a time) and what the last answer said.</summary>
    internal sealed class Bucket
    {
        public SemaphoreSlim Gate { get; } = new(1, 1);

        public int Remaining { get; set; } = 1;

        public DateTimeOffset ResetAt { get; set; }
    }
}
