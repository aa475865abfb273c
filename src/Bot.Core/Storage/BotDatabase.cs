using LiteDB;

namespace Bot.Core.Storage;

/// <summary>Opens the one LiteDB database of the bot and migrates it.</summary>
public static class BotDatabase
{
    /// <summary>
    /// Opens <paramref name="options"/>' database file exclusively (a second bot on the same data
    /// directory fails here instead of corrupting it) and runs the schema steps.
    /// </summary>
    public static ILiteDatabase Open(StorageOptions options, SchemaMigrator migrator)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(migrator);
        Directory.CreateDirectory(options.DataDirectory);
        var connection = new ConnectionString
        {
            Filename = options.DatabasePath,
            Connection = ConnectionType.Direct,
        };
        var database = new LiteDatabase(connection);
        try
        {
            migrator.Migrate(database);
            return database;
        }
        catch
        {
            database.Dispose();
            throw;
        }
    }

    /// <summary>Opens an in-memory database over <paramref name="stream"/>, for tests and tools.</summary>
    public static ILiteDatabase Open(Stream stream, SchemaMigrator migrator)
    {
        ArgumentNullException.ThrowIfNull(migrator);
        var database = new LiteDatabase(stream);
        migrator.Migrate(database);
        return database;
    }
}
