using Bot.Core.Storage;
using LiteDB;

namespace Bot.Core.Tests.Storage;

public sealed class OnlineBackupTests : IDisposable
{
    private const int Backups = 5;

    /// <summary>A tiny checkpoint size makes LiteDB checkpoint all the time, as a busy bot's store does now and then.</summary>
    private const int BusyCheckpointPages = 4;

    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("bot-online-backup-");

    public void Dispose() => _folder.Delete(recursive: true);

    [Fact]
    public async Task Backup_WhileAnotherThreadCommitsTwoCollectionTransactions_HoldsEachTransactionWholeOrNotAtAll()
    {
        var storage = new StorageOptions { DataDirectory = Path.Combine(_folder.FullName, "data") };
        Directory.CreateDirectory(storage.DataDirectory);
        using var database = new LiteDatabase(new ConnectionString { Filename = storage.DatabasePath, Connection = ConnectionType.Direct });
        database.CheckpointSize = BusyCheckpointPages;
        var backup = new OnlineBackup(database, storage);
        using var stop = new CancellationTokenSource();
        var committed = 0;
        var writer = Task.Run(() =>
        {
            // Every transaction puts one document in each collection: a consistent copy has as many in both.
            while (!stop.IsCancellationRequested)
            {
                database.BeginTrans();
                database.GetCollection("left").Insert(new BsonDocument { ["n"] = committed, ["pad"] = new string('x', 500) });
                database.GetCollection("right").Insert(new BsonDocument { ["n"] = committed });
                database.Commit();
                Interlocked.Increment(ref committed);
            }
        });

        var results = new List<(long Documents, int Left, int Right, int CheckpointPages)>();
        for (var i = 0; i < Backups; i++)
        {
            while (Volatile.Read(ref committed) < (i + 1) * 50)
            {
                await Task.Delay(5);
            }

            var target = Path.Combine(_folder.FullName, $"backup-{i}.db");
            var documents = backup.Write(target);
            using var copy = new LiteDatabase(new ConnectionString { Filename = target, ReadOnly = true });
            results.Add((documents, copy.GetCollection("left").Count(), copy.GetCollection("right").Count(), copy.CheckpointSize));
        }

        await stop.CancelAsync();
        await writer;

        Assert.All(results, r =>
        {
            Assert.True(r.Left > 0, "the backup holds the transactions committed before it");
            Assert.Equal(r.Left, r.Right);
            Assert.Equal(r.Left + r.Right, r.Documents);
            Assert.Equal(BusyCheckpointPages, r.CheckpointPages);
        });
        Assert.Equal(BusyCheckpointPages, database.CheckpointSize);
        Assert.Empty(Directory.GetDirectories(_folder.FullName, "*.partial"));
    }

    [Fact]
    public void Backup_IsOwnerOnly_AndNeverOverwritesAFile()
    {
        var storage = new StorageOptions { DataDirectory = Path.Combine(_folder.FullName, "data") };
        Directory.CreateDirectory(storage.DataDirectory);
        using var database = new LiteDatabase(new ConnectionString { Filename = storage.DatabasePath, Connection = ConnectionType.Direct });
        database.GetCollection("state").Insert(new BsonDocument { ["_id"] = "token", ["value"] = "secret" });
        var target = Path.Combine(_folder.FullName, "backup.db");

        Assert.Equal(1, new OnlineBackup(database, storage).Write(target));

        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(PrivateFiles.OwnerOnlyFile, File.GetUnixFileMode(target));
        }

        Assert.Throws<IOException>(() => new OnlineBackup(database, storage).Write(target));
    }
}
