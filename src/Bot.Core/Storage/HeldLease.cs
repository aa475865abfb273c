namespace Bot.Core.Storage;

/// <summary>
/// A lease held while its work runs: renewed in the background every third of its time to live, given
/// up when disposed. <see cref="Lost"/> fires when a renewal is refused (another holder has it) or
/// when no renewal has reached the store for nearly the lease's whole life (another instance may take
/// it over any moment): the work stops there.
/// </summary>
/// <remarks>
/// Each held lease is a holder of its own (the instance's id and a random suffix), so two pieces of
/// work in one process (a round being started and the adoption sweep) can never both hold one lease,
/// and giving up an old lease never deletes a newer one of the same name.
/// </remarks>
public sealed class HeldLease : IAsyncDisposable
{
    /// <summary>How long a lease lives unrenewed: an instance that dies hands its work over within about this long.</summary>
    public static readonly TimeSpan DefaultTtl = TimeSpan.FromSeconds(15);

    /// <summary>The part of a lease's life kept back: the work stops this long before another instance could take it.</summary>
    private const int SafetyDivisor = 5;

    private readonly ILeaseStore _leases;
    private readonly string _name;
    private readonly TimeSpan _ttl;
    private readonly TimeProvider _time;
    private readonly CancellationTokenSource _lost = new();
    private readonly ITimer _renewal;
    private readonly Lock _renewing = new();
    private DateTimeOffset _renewedAt;
    private bool _disposed;

    private HeldLease(ILeaseStore leases, string name, string holder, TimeSpan ttl, TimeProvider time)
    {
        (_leases, _name, Holder, _ttl, _time) = (leases, name, holder, ttl, time);
        _renewedAt = time.GetUtcNow();
        Lost = _lost.Token;
        var every = ttl / 3;
        // The renewals run on their own: nothing of the taker's flow (a store transaction's ambient
        // connection, say) may reach the timer's callbacks.
        using (ExecutionContext.SuppressFlow())
        {
            _renewal = time.CreateTimer(_ => Renew(), null, every, every);
        }
    }

    /// <summary>Cancelled once the lease may no longer be this holder's; readable after disposal too.</summary>
    public CancellationToken Lost { get; }

    /// <summary>The holder this lease is stored under: <c>INSTANCE/suffix</c>.</summary>
    public string Holder { get; }

    /// <summary>The instance part of a stored holder (<see cref="Holder"/>), for operators and tests.</summary>
    public static string InstanceOf(string holder)
    {
        ArgumentNullException.ThrowIfNull(holder);
        var slash = holder.LastIndexOf('/');
        return slash < 0 ? holder : holder[..slash];
    }

    /// <summary>Takes <paramref name="name"/> now if nobody holds it; null when somebody does.</summary>
    public static HeldLease? TryTake(ILeaseStore leases, string name, BotInstance instance, TimeProvider time, TimeSpan? ttl = null)
    {
        ArgumentNullException.ThrowIfNull(leases);
        ArgumentNullException.ThrowIfNull(instance);
        var lifetime = ttl ?? DefaultTtl;
        var holder = instance.Id + "/" + Guid.NewGuid().ToString("N")[..8];
        return leases.TryAcquire(name, holder, lifetime) ? new HeldLease(leases, name, holder, lifetime, time) : null;
    }

    /// <summary>
    /// Waits, trying every <paramref name="retry"/>, until <paramref name="name"/> is this instance's.
    /// A store out of reach is one more wait, never a failure: the caller's loop must outlive it.
    /// </summary>
    public static async Task<HeldLease> TakeAsync(ILeaseStore leases, string name, BotInstance instance, TimeProvider time, TimeSpan retry, CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                if (TryTake(leases, name, instance, time) is { } lease)
                {
                    return lease;
                }
            }
            catch (Exception ex) when (ex is not (OperationCanceledException or OutOfMemoryException))
            {
                // The store is out of reach: asked again after the wait.
            }

            await Task.Delay(retry, time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Gives the lease up without waiting, from code that cannot await (a round that is ending).</summary>
    public void GiveUp() => _ = DisposeAsync().AsTask();

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
                _leases.Release(_name, Holder);
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
                renewed = _leases.TryAcquire(_name, Holder, _ttl);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // The store is out of reach. While the lease surely still runs the work goes on; once
                // another instance could take it over, the work here stops.
                if (_time.GetUtcNow() - _renewedAt >= _ttl - (_ttl / SafetyDivisor))
                {
                    _lost.Cancel();
                }

                return;
            }

            if (renewed)
            {
                _renewedAt = _time.GetUtcNow();
            }
            else
            {
                _lost.Cancel();
            }
        }
    }
}
