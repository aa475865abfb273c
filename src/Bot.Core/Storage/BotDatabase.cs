using LiteDB;

namespace Bot.Core.Storage;

/// <summary>Opens the one LiteDB database of the bot and migrates it.</summary>
public static class BotDatabase
{
    /// <summary>
    /// Opens <paramref name="options"/>' database file exclusively (a second bot on the same data
    /// directory fails here instead of corrupting it) and runs the schema steps. The mapper is the
    /// bot's own, never LiteDB's process-wide one (see <see cref="StoreMapper"/>).
    /// </summary>
    public static ILiteDatabase Open(StorageOptions options, SchemaMigrator migrator, StoreMapper mapper)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(migrator);
        PrivateFiles.CreateDirectory(options.DataDirectory);
        // LiteDB creates its log file on the first write with the process's umask (0644 as a rule) and
        // keeps that inode until it closes; one created here first is private for the whole run.
        using (PrivateFiles.Open(options.LogPath, FileMode.OpenOrCreate, FileAccess.Write, FileShare.ReadWrite))
        {
        }

        var connection = new ConnectionString
        {
            Filename = options.DatabasePath,
            Connection = ConnectionType.Direct,
        };
        var database = new LiteDatabase(connection, mapper);
        try
        {
            // Reading the version makes LiteDB create a new file (a bare header, nothing secret yet),
            // which is narrowed before the first document is written.
            _ = database.UserVersion;
            PrivateFiles.Tighten(options.DatabasePath);
            if (database.CheckpointSize == 0)
            {
                // Only an online backup cut short by a crash leaves checkpoints held off (see OnlineBackup).
                database.CheckpointSize = OnlineBackup.DefaultCheckpointPages;
            }

            migrator.Migrate(new LiteDocumentStore(database));
            ForgetLeases(database);
            return database;
        }
        catch
        {
            database.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Opens a database over <paramref name="stream"/>, for tests and tools. The stream stays open when
    /// the database is disposed, so a second database over it plays the next run of the bot.
    /// </summary>
    public static ILiteDatabase Open(Stream stream, SchemaMigrator migrator, StoreMapper mapper)
    {
        ArgumentNullException.ThrowIfNull(migrator);
        var database = new LiteDatabase(new KeepOpenStream(stream), mapper);
        migrator.Migrate(new LiteDocumentStore(database));
        ForgetLeases(database);
        return database;
    }

    /// <summary>
    /// One process owns a LiteDB file (<see cref="StoreLock"/>), so every lease found in it at open was
    /// held by a process that has ended: its work (a round, the outbox) is this process's at once.
    /// </summary>
    private static void ForgetLeases(ILiteDatabase database) => database.GetCollection(LeaseDocument.Collection).DeleteAll();

    /// <summary>Passes everything through but Dispose, which only flushes.</summary>
    private sealed class KeepOpenStream(Stream inner) : Stream
    {
        public override bool CanRead => inner.CanRead;

        public override bool CanSeek => inner.CanSeek;

        public override bool CanWrite => inner.CanWrite;

        public override long Length => inner.Length;

        public override long Position { get => inner.Position; set => inner.Position = value; }

        public override void Flush() => inner.Flush();

        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);

        public override long Seek(long offset, SeekOrigin origin) => inner.Seek(offset, origin);

        public override void SetLength(long value) => inner.SetLength(value);

        public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);

        protected override void Dispose(bool disposing)
        {
            inner.Flush();
            base.Dispose(disposing);
        }
    }
}
