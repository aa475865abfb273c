namespace Bot.Core.Storage;

/// <summary>Where the bot keeps what it writes. The host fills it from <c>--data-dir</c> or <c>BOT_DATA_DIR</c>.</summary>
public sealed class StorageOptions
{
    /// <summary>The data directory; everything the bot writes goes below it.</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>The LiteDB file name inside the data directory.</summary>
    public string DatabaseFile { get; set; } = "bot.db";

    /// <summary>The full path of the database file.</summary>
    public string DatabasePath => Path.Combine(DataDirectory, DatabaseFile);

    /// <summary>LiteDB's write-ahead log next to the database (<c>bot-log.db</c>); it holds recent writes, secrets included.</summary>
    public string LogPath => Path.Combine(DataDirectory, Path.GetFileNameWithoutExtension(DatabaseFile) + "-log" + Path.GetExtension(DatabaseFile));

    /// <summary>The lock file that keeps a second bot off the data directory (see <see cref="StoreLock"/>).</summary>
    public string LockPath => StoreLock.PathIn(DataDirectory);
}
