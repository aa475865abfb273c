using Bot.Core.Storage;
using Bot.Postgres;
using Bot.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace Bot.Core.Tests.Storage;

/// <summary>What every store promises the modules, run against LiteDB and PostgreSQL alike.</summary>
public sealed class DocumentStoreContractTests
{
    private const string Things = "things";

    public static TheoryData<string> Backends => StoreBackends.All;

    public sealed class Thing : IStoredDocument
    {
        public string Id { get; set; } = "";

        public string Channel { get; set; } = "";

        public bool Sent { get; set; }

        public int Index { get; set; }

        public string? Note { get; set; }

        public List<string> Tags { get; set; } = [];

        public DateTime At { get; set; }
    }

    private sealed class ThingsMigration : IStoreMigration
    {
        public string Module => "contract";

        public int Version => 1;

        public string Description => "things";

        public void Apply(IDocumentStore store)
        {
            store.CreateCollection(Things);
            store.Collection<Thing>(Things).EnsureIndex(nameof(Thing.Note), unique: true);
        }
    }

    private static OpenStore Open(string backend) =>
        StoreBackends.Open(backend, [new ThingsMigration()], typeof(Thing));

    [Theory]
    [MemberData(nameof(Backends))]
    public void TryInsert_TakenId_ReturnsFalseAndKeepsTheFirst(string backend)
    {
        using var open = Open(backend);
        var things = open.Store.Collection<Thing>(Things);

        Assert.True(things.TryInsert(new Thing { Id = "a", Channel = "first", Note = "1" }));
        Assert.False(things.TryInsert(new Thing { Id = "a", Channel = "second", Note = "2" }));

        Assert.Equal("first", things.Find("a")!.Channel);
        Assert.Equal(1, things.Count());
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public void Where_MatchesEveryFieldGiven_StringsBooleansNumbersAndNull(string backend)
    {
        using var open = Open(backend);
        var things = open.Store.Collection<Thing>(Things);
        things.Upsert(new Thing { Id = "1", Channel = "c1", Sent = false, Index = 1 });
        // (Note is unique; LiteDB's unique index counts null as a value, so only one thing has none.)
        things.Upsert(new Thing { Id = "2", Channel = "c1", Sent = true, Index = 1, Note = "n2" });
        things.Upsert(new Thing { Id = "3", Channel = "c2", Sent = false, Index = 2, Note = "n3" });

        Assert.Equal(["1"], things.Where(new("Channel", "c1"), new("Sent", false)).Select(t => t.Id));
        Assert.Equal(["1", "2"], things.Where(new FieldMatch("Index", 1)).Select(t => t.Id));
        Assert.Equal(["1"], things.Where(new FieldMatch("Note", null)).Select(t => t.Id));
        Assert.Equal(["3"], things.Where(new(FieldMatch.IdField, "3"), new("Channel", "c2")).Select(t => t.Id));
        Assert.Empty(things.Where(new FieldMatch("Channel", "c3")));
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public void Documents_RoundTrip_ListsTimesAndNulls(string backend)
    {
        using var open = Open(backend);
        var things = open.Store.Collection<Thing>(Things);
        var at = new DateTime(2026, 7, 1, 12, 30, 15, DateTimeKind.Utc);
        things.Upsert(new Thing { Id = "x", Tags = ["a", "b"], At = at });
        things.Upsert(new Thing { Id = "y", Note = "y" });

        var read = things.Find("x")!;

        Assert.Equal(["a", "b"], read.Tags);
        Assert.Equal(at, read.At.ToUniversalTime());
        Assert.Null(read.Note);
        Assert.Null(things.Find("missing"));
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public void All_ListsByIdInOrdinalOrder(string backend)
    {
        // Ids that differ only in case are one id to LiteDB and two to PostgreSQL: no module makes such.
        using var open = Open(backend);
        var things = open.Store.Collection<Thing>(Things);
        foreach (var id in new[] { "b", "C", "a", "10", "9" })
        {
            things.Upsert(new Thing { Id = id, Note = "note " + id });
        }

        Assert.Equal(["10", "9", "C", "a", "b"], things.All().Select(t => t.Id));
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public void UpdateAndDelete_OfMissingDocuments_ReturnFalse_DeleteWhereCounts(string backend)
    {
        using var open = Open(backend);
        var things = open.Store.Collection<Thing>(Things);
        things.Upsert(new Thing { Id = "1", Channel = "c" });
        things.Upsert(new Thing { Id = "2", Channel = "c", Note = "two" });
        things.Upsert(new Thing { Id = "4", Channel = "c", Note = "four" });
        things.Upsert(new Thing { Id = "3", Channel = "d", Note = "three" });

        Assert.False(things.Update(new Thing { Id = "missing" }));
        Assert.True(things.Update(new Thing { Id = "1", Channel = "c", Sent = true }));
        Assert.False(things.Delete("missing"));
        Assert.Equal(3, things.DeleteWhere(new FieldMatch("Channel", "c")));

        Assert.Equal(["3"], things.All().Select(t => t.Id));
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public void InTransaction_Throwing_LeavesNoneOfItsWrites(string backend)
    {
        using var open = Open(backend);
        var things = open.Store.Collection<Thing>(Things);
        things.Upsert(new Thing { Id = "kept", Channel = "before", Note = "kept" });

        Assert.Throws<InvalidOperationException>(() => open.Store.InTransaction<bool>(() =>
        {
            things.Upsert(new Thing { Id = "kept", Channel = "changed", Note = "kept" });
            open.Store.InTransaction(() => things.TryInsert(new Thing { Id = "new", Note = "new" }));
            throw new InvalidOperationException("fails half way");
        }));

        Assert.Equal("before", things.Find("kept")!.Channel);
        Assert.Null(things.Find("new"));
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public void UniqueIndex_SecondDocumentWithTheValue_IsRefused(string backend)
    {
        using var open = Open(backend);
        var things = open.Store.Collection<Thing>(Things);
        things.Upsert(new Thing { Id = "1", Note = "same" });

        Assert.ThrowsAny<Exception>(() => things.Upsert(new Thing { Id = "2", Note = "same" }));
        Assert.Null(things.Find("2"));
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task StateIncrement_FromManyThreads_CountsEveryOne(string backend)
    {
        using var open = Open(backend);
        var state = new StateStore(open.Store);

        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
        {
            for (var i = 0; i < 25; i++)
            {
                state.Increment("hits");
            }
        })));

        Assert.Equal(100, state.Counter("hits"));
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public void Lease_HeldByAnother_IsRefusedUntilItLapses_AndRenewsForItsHolder(string backend)
    {
        using var open = Open(backend);
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var leases = new LeaseStore(open.Store, time);
        var ttl = TimeSpan.FromSeconds(20);

        Assert.True(leases.TryAcquire("outbox", "a", ttl));
        Assert.False(leases.TryAcquire("outbox", "b", ttl));
        time.Advance(TimeSpan.FromSeconds(15));
        Assert.True(leases.TryAcquire("outbox", "a", ttl));
        time.Advance(TimeSpan.FromSeconds(15));
        Assert.False(leases.TryAcquire("outbox", "b", ttl));
        Assert.Equal("a", leases.Holder("outbox"));

        time.Advance(TimeSpan.FromSeconds(6));

        Assert.Null(leases.Holder("outbox"));
        Assert.True(leases.TryAcquire("outbox", "b", ttl));
        leases.Release("outbox", "a");
        Assert.Equal("b", leases.Holder("outbox"));
        leases.Release("outbox", "b");
        Assert.True(leases.TryAcquire("outbox", "a", ttl));
    }

    [PostgresFact]
    public async Task PostgresInstances_IncrementingOneCounter_LoseNoUpdate()
    {
        using var first = Open(StoreOptions.Postgres);
        using var second = Second(first);
        var states = new[] { new StateStore(first.Store), new StateStore(second) };

        await Task.WhenAll(Enumerable.Range(0, 6).Select(i => Task.Run(() =>
        {
            for (var n = 0; n < 20; n++)
            {
                states[i % 2].Increment("shared");
            }
        })));

        Assert.Equal(120, states[0].Counter("shared"));
    }

    [PostgresFact]
    public async Task PostgresInstances_RacingForOneLease_OneWins()
    {
        using var first = Open(StoreOptions.Postgres);
        using var second = Second(first);
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var stores = new[] { first.Store, second };

        var won = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() =>
            new LeaseStore(stores[i % 2], time).TryAcquire("matrix.sync", "holder" + i, TimeSpan.FromSeconds(30)))));

        Assert.Single(won, w => w);
    }

    [PostgresFact]
    public async Task PostgresInstances_MigratingAtOnce_ApplyEachStepOnce()
    {
        using var database = TestPostgres.CreateDatabase();
        var runs = 0;
        var step = new CountingMigration(() => Interlocked.Increment(ref runs));
        var stores = Enumerable.Range(0, 3).Select(_ => new PostgresDocumentStore(
            NpgsqlDataSource.Create(database.ConnectionString), new SchemaMigrator([new StateStoreMigration(), step], NullLogger<SchemaMigrator>.Instance))).ToList();
        try
        {
            await Task.WhenAll(stores.Select(s => Task.Run(s.Open)));

            Assert.Equal(1, runs);
            Assert.Equal(1, SchemaMigrator.Versions(stores[2])["counting"]);
            Assert.Equal(1, SchemaMigrator.Versions(stores[2])["core"]);
        }
        finally
        {
            stores.ForEach(s => s.Dispose());
        }
    }

    /// <summary>A second instance's store on the first one's database.</summary>
    private static PostgresDocumentStore Second(OpenStore first)
    {
        var store = new PostgresDocumentStore(NpgsqlDataSource.Create(first.ConnectionString!), new SchemaMigrator([], NullLogger<SchemaMigrator>.Instance));
        store.Open();
        return store;
    }

    private sealed class CountingMigration(Action ran) : IStoreMigration
    {
        public string Module => "counting";

        public int Version => 1;

        public string Description => "counts its runs";

        public void Apply(IDocumentStore store)
        {
            ran();
            // Slow enough that the other instances arrive while it runs.
            Thread.Sleep(200);
            store.CreateCollection("counted");
        }
    }
}
