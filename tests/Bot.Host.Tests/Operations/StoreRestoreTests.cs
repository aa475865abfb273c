using Bot.Host.Operations;
using LiteDB;

namespace Bot.Host.Tests.Operations;

/// <summary>A restore keeps the whole store it replaces, the writes still only in its log included.</summary>
public sealed class StoreRestoreTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("bot-restore-");

    public void Dispose() => _folder.Delete(recursive: true);

    private string Data => Path.Combine(_folder.FullName, "data");

    [Fact]
    public void Restore_KeepsTheOldStore_WithTheWritesStillInItsLog_InBeforeRestore()
    {
        Directory.CreateDirectory(Data);
        var database = Path.Combine(Data, "bot.db");
        var log = Path.Combine(Data, "bot-log.db");
        using (var old = new LiteDatabase(new ConnectionString { Filename = database, Connection = ConnectionType.Direct }))
        {
            // No checkpoint, not even on close: the note stays in the log, as a bot's recent writes do.
            old.CheckpointSize = 0;
            old.GetCollection("notes").Insert(new BsonDocument { ["_id"] = "old", ["text"] = "written just before the restore" });
        }

        Assert.True(new FileInfo(log).Length > 0, "the old store's last write is still only in its log");
        var backup = Path.Combine(_folder.FullName, "backup.db");
        using (var copy = new LiteDatabase(new ConnectionString { Filename = backup, Connection = ConnectionType.Direct }))
        {
            copy.GetCollection("notes").Insert(new BsonDocument { ["_id"] = "backup" });
        }

        StoreBackup.Restore(backup, database);

        // The kept file is a whole store by itself: opened under a name of its own, without any log.
        var kept = Path.Combine(_folder.FullName, "kept.db");
        File.Copy(database + StoreBackup.KeptSuffix, kept);
        using (var before = new LiteDatabase(new ConnectionString { Filename = kept, ReadOnly = true }))
        {
            Assert.NotNull(before.GetCollection("notes").FindById("old"));
        }

        using var restored = new LiteDatabase(new ConnectionString { Filename = database, ReadOnly = true });
        Assert.NotNull(restored.GetCollection("notes").FindById("backup"));
        Assert.Null(restored.GetCollection("notes").FindById("old"));
    }
}
