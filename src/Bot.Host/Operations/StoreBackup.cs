using Bot.Core.Storage;
using LiteDB;

namespace Bot.Host.Operations;

/// <summary>
/// Backup and restore of the LiteDB store. A backup opens the store read-only, which a running
/// bot allows, and copies every collection with its indexes into a new file: a consistent copy of
/// what was committed. A restore needs the store to itself and refuses while a bot holds it.
/// </summary>
internal static class StoreBackup
{
    public static int Backup(string databasePath, string target)
    {
        if (!File.Exists(databasePath))
        {
            throw new FileNotFoundException($"there is no store at {databasePath}");
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

        PrivateFiles.CreateDirectory(Path.GetDirectoryName(databasePath)!);
        var log = Path.Combine(Path.GetDirectoryName(databasePath)!, Path.GetFileNameWithoutExtension(databasePath) + "-log" + Path.GetExtension(databasePath));
        if (File.Exists(databasePath))
        {
            PrivateFiles.Copy(databasePath, databasePath + ".before-restore");
        }

        // File.Copy would carry the backup's own mode over; whatever restore puts in place is 0600.
        PrivateFiles.Copy(backup, databasePath);
        if (File.Exists(log))
        {
            File.Delete(log);
        }
    }
}
