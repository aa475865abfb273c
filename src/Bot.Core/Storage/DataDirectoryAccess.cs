using Microsoft.Extensions.Logging;

namespace Bot.Core.Storage;

/// <summary>
/// At start, before the store opens: the data directory 0700 and the store's files 0600, also for a
/// directory an older version or a careless copy left readable by others, and one log line saying so.
/// </summary>
public static partial class DataDirectoryAccess
{
    /// <summary>Narrows the directory and the store's files of <paramref name="options"/>; returns the paths that were too wide.</summary>
    public static IReadOnlyList<string> Secure(StorageOptions options, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        var narrowed = new List<string>();
        if (PrivateFiles.CreateDirectory(options.DataDirectory))
        {
            narrowed.Add(options.DataDirectory);
        }

        narrowed.AddRange(new[] { options.DatabasePath, options.LogPath, options.LockPath }.Where(PrivateFiles.Tighten));
        if (narrowed.Count > 0)
        {
            LogNarrowed(logger, narrowed);
        }

        return narrowed;
    }

    [LoggerMessage(EventId = 1110, Level = LogLevel.Information, Message = "The data directory was readable by others; narrowed to owner-only access: {Paths}")]
    private static partial void LogNarrowed(ILogger logger, IReadOnlyList<string> paths);
}
