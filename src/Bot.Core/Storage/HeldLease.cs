namespace Bot.Core.Storage;

/// <summary>
/// A lease held while its work runs: renewed in the background every third of its time to live, given
/// up when disposed. <see cref="Lost"/> fires when a renewal fails (the store was out of reach longer
/// than the lease lives, and another instance may have taken it over): the work stops there.
/// </summary>
public sealed class HeldLease : IAsyncDisposable
{
    /// <summary>How long a lease lives unrenewed: an instance that dies hands its work over within about this long.</summary>
    public static readonly TimeSpan DefaultTtl = TimeSpan.FromSeconds(15);

    private readonly ILeaseStore _leases;
    private readonly string _name;
    private readonly string _holder;
    private readonly TimeSpan _ttl;
    private readonly CancellationTokenSource _lost = new();
    private readonly ITimer _renewal;
    private readonly Lock _renewing = new();
    private bool _disposed;

    private HeldLease(ILeaseStore leases, string name, string holder, TimeSpan ttl, TimeProvider time)
    {
        (_leases, _name, _holder, _ttl) = (leases, name, holder, ttl);
        var every = ttl / 3;
        // The renewals run on their own: nothing of the taker's flow (a store transaction's ambient
        // connection, say) may reach the timer's callbacks.
        using (ExecutionContext.SuppressFlow())
        {
            _renewal = time.CreateTimer(_ => Renew(), null, every, every);
        }
    }

    /// <summary>Cancelled once the lease is no longer this holder's.</summary>
    public CancellationToken Lost => _lost.Token;

    /// <summary>Takes <paramref name="name"/> now if nobody else holds it; null when another holder does.</summary>
    public static HeldLease? TryTake(ILeaseStore leases, string name, string holder, TimeProvider time, TimeSpan? ttl = null)
    {
        ArgumentNullException.ThrowIfNull(leases);
        var lifetime = ttl ?? DefaultTtl;
        return leases.TryAcquire(name, holder, lifetime) ? new HeldLease(leases, name, holder, lifetime, time) : null;
    }

    /// <summary>Waits, trying every <paramref name="retry"/>, until <paramref name="name"/> is this holder's.</summary>
    public static async Task<HeldLease> TakeAsync(ILeaseStore leases, string name, string holder, TimeProvider time, TimeSpan retry, CancellationToken cancellationToken)
    {
        while (true)
        {
            if (TryTake(leases, name, holder, time) is { } lease)
            {
                return lease;
            }

            await Task.Delay(retry, time, cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        lock (_renewing)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
        }

        await _renewal.DisposeAsync().ConfigureAwait(false);
        if (!_lost.IsCancellationRequested)
        {
            try
            {
                _leases.Release(_name, _holder);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // Unreleased, it lapses by itself within its time to live.
            }
        }

        _lost.Dispose();
    }

    private void Renew()
    {
        lock (_renewing)
        {
            if (_disposed || _lost.IsCancellationRequested)
            {
                return;
            }

            bool renewed;
            try
            {
                renewed = _leases.TryAcquire(_name, _holder, _ttl);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // The store is out of reach: the next renewal tries again while the lease still runs.
                return;
            }

            if (!renewed)
            {
                _lost.Cancel();
            }
        }
    }
}
