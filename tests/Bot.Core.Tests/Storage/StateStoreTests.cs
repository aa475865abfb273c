using Bot.Core.Storage;
using Bot.Core.Tests.Support;

namespace Bot.Core.Tests.Storage;

public sealed class StateStoreTests
{
    [Fact]
    public void SetThenGet_ReturnsTheValue_AndUnknownKeysAreNull()
    {
        using var stream = new MemoryStream();
        using var db = BotDatabase.Open(stream, new SchemaMigrator([], new ListLogger<SchemaMigrator>()), StoreMapper.Create([]));
        var store = new StateStore(new LiteDocumentStore(db));

        store.Set("discord.commandsHash", "abc");
        store.Set("discord.commandsHash", "def");

        Assert.Equal("def", store.Get("discord.commandsHash"));
        Assert.Null(store.Get("missing"));
    }

    [Fact]
    public async Task Increment_FromManyThreads_CountsEveryOne()
    {
        using var stream = new MemoryStream();
        using var db = BotDatabase.Open(stream, new SchemaMigrator([], new ListLogger<SchemaMigrator>()), StoreMapper.Create([]));
        var store = new StateStore(new LiteDocumentStore(db));

        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
        {
            for (var i = 0; i < 50; i++)
            {
                store.Increment("hits");
            }
        })));

        Assert.Equal(400, store.Counter("hits"));
        Assert.Equal(0, store.Counter("never"));
    }

    [Fact]
    public void Reopen_DataWrittenBeforeIsRead()
    {
        var dir = Directory.CreateTempSubdirectory("bot-store-");
        try
        {
            var options = new StorageOptions { DataDirectory = dir.FullName };
            var migrator = new SchemaMigrator([], new ListLogger<SchemaMigrator>());
            using (var first = BotDatabase.Open(options, migrator, StoreMapper.Create([])))
            {
                new StateStore(new LiteDocumentStore(first)).Set("k", "kept");
            }

            using var second = BotDatabase.Open(options, migrator, StoreMapper.Create([]));
            Assert.Equal("kept", new StateStore(new LiteDocumentStore(second)).Get("k"));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void Get_ValuesAndCountersWrittenByEarlierVersions_AreRead()
    {
        using var stream = new MemoryStream();
        using var db = BotDatabase.Open(stream, new SchemaMigrator([], new ListLogger<SchemaMigrator>()), StoreMapper.Create([]));
        // Versions before the document store kept plain BSON documents with lower-case fields.
        db.GetCollection("state").Insert(new LiteDB.BsonDocument { ["_id"] = "discord.commandsHash", ["v"] = "abc" });
        db.GetCollection("state").Insert(new LiteDB.BsonDocument { ["_id"] = "host.starts", ["n"] = 41L });
        var store = new StateStore(new LiteDocumentStore(db));

        Assert.Equal("abc", store.Get("discord.commandsHash"));
        Assert.Equal(42, store.Increment("host.starts"));
    }
}
