using Bot.Core.Storage;
using LiteDB;

namespace Bot.Host.Operations;

/// <summary>
/// Backup and restore of the LiteDB store of a stopped bot. Both refuse while a bot holds the data
/// directory: from another process a copy can catch the bot mid-checkpoint, so a running bot backs
/// itself up (<c>Host:BackupDirectory</c>, see <see cref="BackupJob"/>).
/// </summary>
internal static class StoreBackup
{
    /// <summary>The suffix of the files a restore keeps of the store it replaces.</summary>
    public const string KeptSuffix = ".before-restore";

    public static int Backup(string databasePath, string target)
    {
        if (!File.Exists(databasePath))
        {
            throw new FileNotFoundException($"there is no store at {databasePath}");
        }

        if (StoreLock.IsHeld(Path.GetDirectoryName(databasePath)!))
        {
            throw new IOException($"a running bot holds {databasePath}, and a copy taken from outside it can catch it mid-write; " +
                "set Host:BackupDirectory (and Host:BackupInterval) so that the bot writes consistent backups itself, or stop it first");
        }

        if (File.Exists(target))
        {
            throw new IOException($"{target} exists; choose a new file name");
        }

        using var source = new LiteDatabase(new ConnectionString { Filename = databasePath, ReadOnly = true, Connection = ConnectionType.Direct });
        // The copy holds the same secrets as the store: its file is created 0600, and LiteDB writes it
        // through this stream (its log stays in memory), so no file of it is ever readable by others.
        using var file = PrivateFiles.Open(target, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None);
        using var copy = new LiteDatabase(file);
        var documents = 0;
        foreach (var name in source.GetCollectionNames())
        {
            var from = source.GetCollection(name);
            var to = copy.GetCollection(name);
            foreach (var batch in from.FindAll().Chunk(1000))
            {
                documents += to.InsertBulk(batch);
            }

            foreach (var index in source.GetCollection("$indexes").Find(Query.EQ("collection", name)))
            {
                var field = index["name"].AsString;
                if (field != "_id")
                {
                    to.EnsureIndex(field, index["expression"].AsString, index["unique"].AsBoolean);
                }
            }
        }

        copy.UserVersion = source.UserVersion;
        copy.Checkpoint();
        return documents;
    }

    public static void Restore(string backup, string databasePath)
    {
        if (!File.Exists(backup))
        {
            throw new FileNotFoundException($"there is no backup at {backup}");
        }

        // A quick open proves the backup is a LiteDB file before anything is replaced.
        using (var check = new LiteDatabase(new ConnectionString { Filename = backup, ReadOnly = true }))
        {
            _ = check.GetCollectionNames().ToList();
        }

        if (StoreLock.IsHeld(Path.GetDirectoryName(databasePath)!))
        {
            throw new IOException($"a running bot holds {databasePath}; stop it before restoring");
        }

        var directory = Path.GetDirectoryName(databasePath)!;
        PrivateFiles.CreateDirectory(directory);
        var storage = new StorageOptions { DataDirectory = directory, DatabaseFile = Path.GetFileName(databasePath) };
        if (File.Exists(databasePath))
        {
            KeepOld(storage);
        }

        // File.Copy would carry the backup's own mode over; whatever restore puts in place is 0600.
        PrivateFiles.Copy(backup, databasePath);
        // The old log belongs to the old store (kept above); next to the restored file it would be replayed into it.
        if (File.Exists(storage.LogPath))
        {
            File.Delete(storage.LogPath);
        }
    }

    /// <summary>
    /// Keeps the store a restore replaces, whole: its log holds the writes since the last checkpoint,
    /// so it is folded into the data file first and <c>bot.db.before-restore</c> alone is that store.
    /// When the old store cannot even be opened to fold it, its log is kept beside it as it is
    /// (<c>bot-log.db.before-restore</c>; rename the pair to bot.db and bot-log.db to open them).
    /// </summary>
    private static void KeepOld(StorageOptions storage)
    {
        var keptLog = storage.LogPath + KeptSuffix;
        try
        {
            using var old = new LiteDatabase(new ConnectionString { Filename = storage.DatabasePath, Connection = ConnectionType.Direct });
            old.Checkpoint();
        }
        catch (Exception ex) when (ex is LiteException or IOException or InvalidCastException or IndexOutOfRangeException)
        {
            // A damaged store is the usual reason for a restore; it is kept as it is, log and all.
        }

        PrivateFiles.Copy(storage.DatabasePath, storage.DatabasePath + KeptSuffix);
        if (File.Exists(storage.LogPath) && new FileInfo(storage.LogPath).Length > 0)
        {
            PrivateFiles.Copy(storage.LogPath, keptLog);
        }
        else if (File.Exists(keptLog))
        {
            // A log kept by an earlier restore does not belong to this older store.
            File.Delete(keptLog);
        }
    }
}
