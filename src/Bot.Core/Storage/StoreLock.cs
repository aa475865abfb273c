namespace Bot.Core.Storage;

/// <summary>
/// One bot per data directory: a lock file held open exclusively for the process's lifetime. LiteDB's
/// own file sharing does not stop a second process from writing the same file.
/// </summary>
public sealed class StoreLock : IDisposable
{
    private const string FileName = "bot.lock";

    private FileStream? _file;

    /// <summary>The lock file's path in <paramref name="dataDirectory"/>.</summary>
    public static string PathIn(string dataDirectory) => Path.Combine(dataDirectory, FileName);

    /// <summary>Takes the lock of <paramref name="dataDirectory"/>; throws <see cref="IOException"/> when another process holds it.</summary>
    public void Acquire(string dataDirectory)
    {
        if (_file is not null)
        {
            return;
        }

        PrivateFiles.CreateDirectory(dataDirectory);
        var path = PathIn(dataDirectory);
        try
        {
            _file = PrivateFiles.Open(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            _file.SetLength(0);
            using var writer = new StreamWriter(_file, leaveOpen: true);
            writer.Write(Environment.ProcessId);
        }
        catch (IOException ex)
        {
            throw new IOException($"another bot (process {ReadOwner(path)}) is using {dataDirectory}", ex);
        }
    }

    /// <summary>
    /// What every opening of the store does first: narrows the data directory's access (see
    /// <see cref="DataDirectoryAccess"/>), then takes its lock. A verb that only locks the directory
    /// and opens the store when first needed calls it too.
    /// </summary>
    /// <param name="options">The data directory and the store's files.</param>
    /// <param name="logger">Where the narrowing is reported.</param>
    public void AcquireSecured(StorageOptions options, Microsoft.Extensions.Logging.ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        DataDirectoryAccess.Secure(options, logger);
        Acquire(options.DataDirectory);
    }

    /// <summary>Whether a running bot holds <paramref name="dataDirectory"/>.</summary>
    public static bool IsHeld(string dataDirectory)
    {
        var path = PathIn(dataDirectory);
        if (!File.Exists(path))
        {
            return false;
        }

        try
        {
            using var probe = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
            return false;
        }
        catch (IOException)
        {
            return true;
        }
    }

    public void Dispose()
    {
        _file?.Dispose();
        _file = null;
    }

    private static string ReadOwner(string path)
    {
        try
        {
            using var reader = new StreamReader(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite));
            return reader.ReadToEnd().Trim();
        }
        catch (IOException)
        {
            return "?";
        }
    }
}
