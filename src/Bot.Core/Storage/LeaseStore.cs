namespace Bot.Core.Storage;

/// <summary>
/// Work that one instance at a time may do (delivering the outbox, running the Matrix sync loop):
/// whoever holds the named lease does it, renews it while working, and another instance takes it
/// over once it lapses. With LiteDB there is one instance, which always gets it.
/// </summary>
public interface ILeaseStore
{
    /// <summary>
    /// Takes or renews <paramref name="name"/> for <paramref name="holder"/> until now plus
    /// <paramref name="ttl"/>; false while another holder's lease runs.
    /// </summary>
    bool TryAcquire(string name, string holder, TimeSpan ttl);

    /// <summary>Gives the lease up at once if <paramref name="holder"/> has it, so another instance need not wait for it to lapse.</summary>
    void Release(string name, string holder);

    /// <summary>Who holds <paramref name="name"/> now, or null when nobody does.</summary>
    string? Holder(string name);
}

/// <summary>A lease as stored: who has it and until when.</summary>
public sealed class LeaseDocument : IStoredDocument
{
    /// <summary>The collection's name.</summary>
    public const string Collection = "leases";

    public string Id { get; set; } = "";

    public string Holder { get; set; } = "";

    public DateTime Until { get; set; }
}

/// <summary>
/// Leases kept in the store's collection <c>leases</c>. The times are the instances' own clocks (the
/// injected <see cref="TimeProvider"/>), as Quartz's cluster check-in uses them: instances of one
/// cluster need clocks in step, which NTP gives.
/// </summary>
public sealed class LeaseStore(IDocumentStore store, TimeProvider time) : ILeaseStore
{
    private readonly IDocumentCollection<LeaseDocument> _leases = store.Collection<LeaseDocument>(LeaseDocument.Collection);

    /// <inheritdoc />
    public bool TryAcquire(string name, string holder, TimeSpan ttl) => store.InTransaction(() =>
    {
        var now = time.GetUtcNow().UtcDateTime;
        var lease = new LeaseDocument { Id = name, Holder = holder, Until = now + ttl };
        // The read locks the lease row, so two instances renewing or taking over one lease take turns;
        // two taking a lease nobody ever held race on the insert, and one of them loses.
        return _leases.Find(name) switch
        {
            null => _leases.TryInsert(lease),
            { } current when current.Holder == holder || current.Until.ToUniversalTime() <= now => _leases.Update(lease),
            _ => false,
        };
    });

    /// <inheritdoc />
    public void Release(string name, string holder) => store.InTransaction(() =>
        _leases.Find(name) is { } current && current.Holder == holder && _leases.Delete(name));

    /// <inheritdoc />
    public string? Holder(string name) =>
        _leases.Find(name) is { } lease && lease.Until.ToUniversalTime() > time.GetUtcNow().UtcDateTime ? lease.Holder : null;
}

/// <summary>Version 2 of the core schema: the leases collection.</summary>
internal sealed class LeaseStoreMigration : IStoreMigration
{
    public string Module => "core";

    public int Version => 2;

    public string Description => "create the leases collection";

    public void Apply(IDocumentStore store) => store.CreateCollection(LeaseDocument.Collection);
}
