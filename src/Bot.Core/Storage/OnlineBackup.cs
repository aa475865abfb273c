using LiteDB;

namespace Bot.Core.Storage;

/// <summary>
/// A consistent copy of the live store, taken inside the process that writes it. LiteDB 5 writes
/// every commit to its log (<c>bot-log.db</c>) and changes the data file only when it checkpoints,
/// so with checkpoints held off the data file stands still, and data file plus a copy of the log
/// are the store as of some moment: opening that pair replays only the transactions whose confirm
/// page made it into the copy, each one whole or not at all. A copy read document by document would
/// not be: LiteDB takes each collection's snapshot when it is first read, so a transaction that
/// commits between two collections would be half in the copy.
/// </summary>
public sealed class OnlineBackup(ILiteDatabase database, StorageOptions storage)
{
    /// <summary>LiteDB's own default: checkpoint once the log holds this many pages.</summary>
    public const int DefaultCheckpointPages = 1000;

    /// <summary>LiteDB's page size; a log page cut short at the copy's end is left out.</summary>
    private const int PageSize = 8192;

    private readonly Lock _one = new();

    /// <summary>Writes the store to <paramref name="target"/> (a new file, 0600); returns how many documents it holds.</summary>
    public long Write(string target)
    {
        ArgumentException.ThrowIfNullOrEmpty(target);
        if (File.Exists(target))
        {
            throw new IOException($"{target} exists; choose a new file name");
        }

        // The pair is copied into a private folder next to the target, so the final move stays on one file system.
        var work = target + ".partial";
        lock (_one)
        {
            if (Directory.Exists(work))
            {
                Directory.Delete(work, recursive: true);
            }

            PrivateFiles.CreateDirectory(work);
            try
            {
                var copied = new StorageOptions { DataDirectory = work, DatabaseFile = storage.DatabaseFile };
                var checkpointPages = CopyPair(copied);
                var documents = Fold(copied, checkpointPages);
                File.Move(copied.DatabasePath, target);
                return documents;
            }
            finally
            {
                Directory.Delete(work, recursive: true);
            }
        }
    }

    private int CopyPair(StorageOptions copied)
    {
        var checkpointPages = database.CheckpointSize;
        // No automatic checkpoint from now until the copy is done: none may rewrite the data file under it.
        database.CheckpointSize = 0;
        try
        {
            // Folding the log first keeps the copy short, and LiteDB waits for its queued log writes here.
            database.Checkpoint();
            // A commit that decided on an automatic checkpoint just before the pragma changed may still
            // run it. A checkpoint needs LiteDB's exclusive lock, which no one gets while a transaction
            // is open: holding one keeps the data file still through the copy, while commits on other
            // threads go on into the log (a copy torn between two collections was seen under load).
            var holding = database.BeginTrans();
            try
            {
                PrivateFiles.Copy(storage.DatabasePath, copied.DatabasePath);
                CopyWholePages(storage.LogPath, copied.LogPath);
            }
            finally
            {
                // Only the transaction begun here: one the caller has open on this thread is theirs.
                if (holding)
                {
                    database.Rollback();
                }
            }
        }
        finally
        {
            database.CheckpointSize = checkpointPages;
        }

        return checkpointPages > 0 ? checkpointPages : DefaultCheckpointPages;
    }

    /// <summary>Opens the copied pair (which replays its log), folds the log into the data file and counts the documents.</summary>
    private static long Fold(StorageOptions copied, int checkpointPages)
    {
        using var copy = new LiteDatabase(new ConnectionString { Filename = copied.DatabasePath, Connection = ConnectionType.Direct });
        // The copy's header was written while checkpoints were held off; the backup gets the live setting.
        copy.CheckpointSize = checkpointPages;
        copy.Checkpoint();
        return copy.GetCollectionNames().Sum(name => (long)copy.GetCollection(name).LongCount());
    }

    private static void CopyWholePages(string source, string target)
    {
        if (!File.Exists(source))
        {
            return;
        }

        using var from = new FileStream(source, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var to = PrivateFiles.Open(target, FileMode.Create, FileAccess.Write, FileShare.None);
        var remaining = from.Length / PageSize * PageSize;
        var buffer = new byte[PageSize];
        while (remaining > 0)
        {
            from.ReadExactly(buffer);
            to.Write(buffer);
            remaining -= PageSize;
        }

        to.Flush(flushToDisk: true);
    }
}
