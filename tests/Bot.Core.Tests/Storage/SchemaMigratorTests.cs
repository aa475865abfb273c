using Bot.Core.Storage;
using Bot.Core.Tests.Support;

namespace Bot.Core.Tests.Storage;

public sealed class SchemaMigratorTests
{
    private sealed class Step(string module, int version, Action<IDocumentStore> apply) : IStoreMigration
    {
        public string Module => module;

        public int Version => version;

        public string Description => $"step {version}";

        public int Runs { get; private set; }

        public void Apply(IDocumentStore store)
        {
            Runs++;
            apply(store);
        }
    }

    public sealed class Feed : IStoredDocument
    {
        public string Id { get; set; } = "";
    }

    [Fact]
    public void Migrate_RunsStepsInVersionOrderOnce()
    {
        var order = new List<int>();
        var two = new Step("quiz", 2, _ => order.Add(2));
        var one = new Step("quiz", 1, _ => order.Add(1));
        using var stream = new MemoryStream();
        var migrator = new SchemaMigrator([two, one], new ListLogger<SchemaMigrator>());
        using var db = BotDatabase.Open(stream, migrator, StoreMapper.Create([]));

        migrator.Migrate(new LiteDocumentStore(db));

        Assert.Equal([1, 2], order);
        Assert.Equal(2, SchemaMigrator.Versions(new LiteDocumentStore(db))["quiz"]);
    }

    [Fact]
    public void Migrate_FailingStep_RollsBackAndKeepsTheOldVersion()
    {
        using var stream = new MemoryStream();
        var ok = new Step("news", 1, store => store.Collection<Feed>("feeds").TryInsert(new Feed { Id = "1" }));
        using var db = BotDatabase.Open(stream, new SchemaMigrator([ok], new ListLogger<SchemaMigrator>()), StoreMapper.Create([new StoreDocument(typeof(Feed))]));
        var bad = new Step("news", 2, d =>
        {
            d.Collection<Feed>("feeds").TryInsert(new Feed { Id = "2" });
            throw new InvalidOperationException("broken step");
        });

        Assert.Throws<InvalidOperationException>(() => new SchemaMigrator([ok, bad], new ListLogger<SchemaMigrator>()).Migrate(new LiteDocumentStore(db)));

        Assert.Equal(1, SchemaMigrator.Versions(new LiteDocumentStore(db))["news"]);
        Assert.Equal(1, db.GetCollection("feeds").Count());
        Assert.Equal(1, ok.Runs);
    }
}
