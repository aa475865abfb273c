using System.Globalization;
using Bot.Core.Storage;
using LiteDB;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Bot.Host.Operations;

/// <summary>
/// Writes a consistent backup of the live store every <c>Host:BackupInterval</c> into
/// <c>Host:BackupDirectory</c> and keeps the newest <c>Host:BackupsKept</c>. It runs inside the bot
/// because only the process that writes the store can hold its checkpoints off while copying it.
/// </summary>
internal sealed partial class ScheduledBackups(
    OnlineBackup backup,
    IOptions<HostRuntimeOptions> options,
    TimeProvider time,
    ILogger<ScheduledBackups> logger) : BackgroundService
{
    private const string FilePrefix = "bot-";
    private const string FileExtension = ".db";
    private const string StampFormat = "yyyyMMdd-HHmmss";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (string.IsNullOrWhiteSpace(settings.BackupDirectory))
        {
            return;
        }

        var directory = Path.GetFullPath(settings.BackupDirectory);
        while (!stoppingToken.IsCancellationRequested)
        {
            await Task.Delay(settings.BackupInterval, time, stoppingToken).ConfigureAwait(false);
            // Copying the store is blocking file work; it stays off the host's startup and timer threads.
            await Task.Run(() => WriteOne(directory, settings.BackupsKept), stoppingToken).ConfigureAwait(false);
        }
    }

    private void WriteOne(string directory, int kept)
    {
        var target = Path.Combine(directory, FilePrefix + time.GetUtcNow().ToString(StampFormat, CultureInfo.InvariantCulture) + FileExtension);
        try
        {
            PrivateFiles.CreateDirectory(directory);
            if (File.Exists(target))
            {
                return; // One backup a second at most; this second's is written.
            }

            var documents = backup.Write(target);
            LogWritten(logger, target, documents);
            Prune(directory, kept);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or LiteException)
        {
            LogFailed(logger, ex, target);
        }
    }

    /// <summary>The stamp in the names sorts them by time; everything past the newest <paramref name="kept"/> goes.</summary>
    private static void Prune(string directory, int kept)
    {
        var old = Directory.GetFiles(directory, FilePrefix + "*" + FileExtension)
            .Where(f => Path.GetExtension(f) == FileExtension)
            .OrderDescending(StringComparer.Ordinal)
            .Skip(kept);
        foreach (var file in old)
        {
            File.Delete(file);
        }
    }

    [LoggerMessage(EventId = 1310, Level = LogLevel.Information, Message = "Backup written to {Target} ({Documents} documents)")]
    private static partial void LogWritten(ILogger logger, string target, long documents);

    [LoggerMessage(EventId = 1311, Level = LogLevel.Warning, Message = "Backup to {Target} failed; the next one is tried at the next interval")]
    private static partial void LogFailed(ILogger logger, Exception exception, string target);
}
