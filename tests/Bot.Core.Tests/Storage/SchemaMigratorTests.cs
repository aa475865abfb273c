using Bot.Core.Storage;
using Bot.Core.Tests.Support;
using LiteDB;

namespace Bot.Core.Tests.Storage;

public sealed class SchemaMigratorTests
{
    private sealed class Step(string module, int version, Action<ILiteDatabase> apply) : IStoreMigration
    {
        public string Module => module;

        public int Version => version;

        public string Description => $"step {version}";

        public int Runs { get; private set; }

        public void Apply(ILiteDatabase database)
        {
            Runs++;
            apply(database);
        }
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

        migrator.Migrate(db);

        Assert.Equal([1, 2], order);
        Assert.Equal(2, SchemaMigrator.Versions(db)["quiz"]);
    }

    [Fact]
    public void Migrate_FailingStep_RollsBackAndKeepsTheOldVersion()
    {
        using var stream = new MemoryStream();
        var ok = new Step("news", 1, db => db.GetCollection("feeds").Insert(new BsonDocument { ["_id"] = 1 }));
        using var db = BotDatabase.Open(stream, new SchemaMigrator([ok], new ListLogger<SchemaMigrator>()), StoreMapper.Create([]));
        var bad = new Step("news", 2, d =>
        {
            d.GetCollection("feeds").Insert(new BsonDocument { ["_id"] = 2 });
            throw new InvalidOperationException("broken step");
        });

        Assert.Throws<InvalidOperationException>(() => new SchemaMigrator([ok, bad], new ListLogger<SchemaMigrator>()).Migrate(db));

        Assert.Equal(1, SchemaMigrator.Versions(db)["news"]);
        Assert.Equal(1, db.GetCollection("feeds").Count());
        Assert.Equal(1, ok.Runs);
    }
}
