namespace Bot.Discord.Rest;

/// <summary>
/// What the bot knows of Discord's rate limits: one bucket per route (learnt from
/// X-RateLimit-Bucket, keyed with the top-level ids), slots for the global limit, and the count of
/// invalid answers (401/403/429) in the last ten minutes. Requests of one bucket go
/// one at a time, so the bucket's Remaining is never spent twice. Idle buckets are swept on the
/// request path (no timer), so per-token buckets do not pile up.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "A SemaphoreSlim whose wait handle is never asked for holds nothing to dispose; slots come back on timers that may outlive a Dispose.")]
internal sealed class RateLimits(TimeProvider time, int globalPerSecond, int invalidLimit)
{
    private readonly TimeProvider _time = time;
    private static readonly TimeSpan GlobalWindow = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Added to the global window before a slot comes back. Timers tick in whole milliseconds and
    /// may fire up to one early against the wall clock Discord counts by; on a fast link the next
    /// request then lands inside the second it was meant to follow, a global 429 (seen in CI). 20 ms
    /// rather than 1 leaves room for timer and scheduling jitter on a loaded machine too, and costs
    /// 2 % of the global rate.
    /// </summary>
    private static readonly TimeSpan TimerSlack = TimeSpan.FromMilliseconds(20);
    private static readonly TimeSpan InvalidWindow = TimeSpan.FromMinutes(10);

    /// <summary>
    /// A bucket unused this long, with nothing in flight and its reset passed, is forgotten: interaction
    /// and webhook tokens live 15 minutes and each has buckets of its own, so keeping them would grow
    /// the bot's memory with every interaction. A forgotten bucket is learnt again if ever needed.
    /// </summary>
    internal static readonly TimeSpan IdleLimit = TimeSpan.FromMinutes(15);

    /// <summary>How often a request looks for idle buckets; the sweep walks every bucket, so not at every request.</summary>
    private static readonly TimeSpan SweepEvery = TimeSpan.FromMinutes(1);

    // Buckets and hashes change under one lock: a bucket being swept and handed to a request at the
    // same moment would let two requests of one route run at once, each in its own copy.
    private readonly Lock _bucketsLock = new();
    private readonly Dictionary<string, string> _hashes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Bucket> _buckets = new(StringComparer.Ordinal);
    private DateTimeOffset _nextSweep = time.GetUtcNow() + SweepEvery;
    private readonly SemaphoreSlim _globalSlots = new(globalPerSecond, globalPerSecond);
    private readonly Queue<DateTimeOffset> _invalid = new();
    private readonly Lock _globalLock = new();
    private DateTimeOffset _globalBlockedUntil;

    /// <summary>How many buckets are remembered (for tests of the sweep).</summary>
    internal int BucketCount
    {
        get
        {
            lock (_bucketsLock)
            {
                return _buckets.Count;
            }
        }
    }

    /// <summary>How many learnt route-to-bucket hashes are remembered (for tests of the sweep).</summary>
    internal int LearntRouteCount
    {
        get
        {
            lock (_bucketsLock)
            {
                return _hashes.Count;
            }
        }
    }

    /// <summary>
    /// The bucket a request of <paramref name="routeKey"/> waits in, counted in flight until
    /// <see cref="Leave"/>: a bucket in flight is never swept.
    /// </summary>
    public Bucket Enter(string routeKey)
    {
        var now = _time.GetUtcNow();
        lock (_bucketsLock)
        {
            if (now >= _nextSweep)
            {
                Sweep(now);
            }

            var id = _hashes.TryGetValue(routeKey, out var hash) ? hash + ":" + RouteKey.Major(routeKey) : routeKey;
            if (!_buckets.TryGetValue(id, out var bucket))
            {
                bucket = new Bucket();
                _buckets[id] = bucket;
            }

            bucket.InFlight++;
            bucket.LastUsed = now;
            return bucket;
        }
    }

    /// <summary>Ends what <see cref="Enter"/> began; the bucket may be swept once idle.</summary>
    public void Leave(Bucket bucket)
    {
        ArgumentNullException.ThrowIfNull(bucket);
        var now = _time.GetUtcNow();
        lock (_bucketsLock)
        {
            bucket.InFlight--;
            bucket.LastUsed = now;
        }
    }

    /// <summary>Remembers the bucket hash Discord named for a route; later requests share that bucket's state.</summary>
    public Bucket Learn(string routeKey, string hash, Bucket current)
    {
        ArgumentNullException.ThrowIfNull(current);
        var now = _time.GetUtcNow();
        lock (_bucketsLock)
        {
            if (_hashes.TryGetValue(routeKey, out var known) && known == hash)
            {
                return current;
            }

            _hashes[routeKey] = hash;
            var id = hash + ":" + RouteKey.Major(routeKey);
            if (!_buckets.TryGetValue(id, out var learnt))
            {
                learnt = current;
                _buckets[id] = learnt;
            }

            learnt.LastUsed = now;
            return learnt;
        }
    }

    /// <summary>Forgets idle buckets, then the learnt hashes that pointed at them. Called under the lock.</summary>
    private void Sweep(DateTimeOffset now)
    {
        _nextSweep = now + SweepEvery;
        var idle = _buckets.Where(b => b.Value.IsIdle(now)).Select(b => b.Key).ToList();
        foreach (var id in idle)
        {
            _buckets.Remove(id);
        }

        var orphaned = _hashes.Where(h => !_buckets.ContainsKey(h.Value + ":" + RouteKey.Major(h.Key))).Select(h => h.Key).ToList();
        foreach (var route in orphaned)
        {
            _hashes.Remove(route);
        }
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
                _ = Task.Delay(GlobalWindow + TimerSlack, owner._time).ContinueWith(_ => owner._globalSlots.Release(), TaskScheduler.Default);
            }
        }
    }

    /// <summary>One bucket: a gate (one request at a time), what the last answer said, and its use (guarded by the owner's lock).</summary>
    internal sealed class Bucket
    {
        public SemaphoreSlim Gate { get; } = new(1, 1);

        public int Remaining { get; set; } = 1;

        public DateTimeOffset ResetAt { get; set; }

        /// <summary>Requests between <see cref="Enter"/> and <see cref="Leave"/>.</summary>
        public int InFlight { get; set; }

        public DateTimeOffset LastUsed { get; set; }

        /// <summary>Nothing waits in it, nothing it said still holds, and nobody used it for <see cref="IdleLimit"/>.</summary>
        public bool IsIdle(DateTimeOffset now) => InFlight <= 0 && ResetAt <= now && now - LastUsed >= IdleLimit;
    }
}
