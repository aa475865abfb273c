using System.Globalization;
using Bot.Core.Storage;
using LiteDB;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Quartz;

namespace Bot.Host.Operations;

/// <summary>
/// Writes a consistent backup of the live store every <c>Host:BackupInterval</c> into
/// <c>Host:BackupDirectory</c> and keeps the newest <c>Host:BackupsKept</c>. It runs inside the bot
/// because only the process that writes the store can hold its checkpoints off while copying it;
/// the bot's one scheduler runs it, one backup at a time.
/// </summary>
[DisallowConcurrentExecution]
internal sealed partial class BackupJob(
    OnlineBackup backup,
    IOptions<HostRuntimeOptions> options,
    TimeProvider time,
    ILogger<BackupJob> logger) : IJob
{
    public static readonly JobKey Key = new("backup", "host");

    private const string FilePrefix = "bot-";
    private const string FileExtension = ".db";
    private const string StampFormat = "yyyyMMdd-HHmmss";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        // Copying the store is blocking file work; it stays off the scheduler's threads.
        await Task.Run(() => WriteOne(Path.GetFullPath(settings.BackupDirectory!), settings.BackupsKept), cancellationToken).ConfigureAwait(false);
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

/// <summary>At start: schedules the backups when <c>Host:BackupDirectory</c> is set, the first one interval away.</summary>
internal sealed partial class BackupSchedule(ISchedulerFactory schedulers, IDocumentStore store, IOptions<HostRuntimeOptions> options, TimeProvider time, ILogger<BackupSchedule> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (string.IsNullOrWhiteSpace(settings.BackupDirectory))
        {
            return;
        }

        if (store.Backend != LiteDocumentStore.Name)
        {
            // The online backup copies LiteDB's files; a shared database is backed up where it runs.
            LogNotLiteDb(logger, store.Backend);
            return;
        }

        var scheduler = await schedulers.GetScheduler(cancellationToken).ConfigureAwait(false);
        var job = JobBuilder.Create<BackupJob>().WithIdentity(BackupJob.Key).Build();
        var trigger = TriggerBuilder.Create(time).WithIdentity("backup", "host").StartAt(time.GetUtcNow() + settings.BackupInterval)
            .WithSimpleSchedule(s => s.WithInterval(settings.BackupInterval).RepeatForever()).Build();
        await scheduler.ScheduleJob(job, [trigger], ScheduleJobOptions.Replacing, cancellationToken).ConfigureAwait(false);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 1312, Level = LogLevel.Warning, Message = "Host:BackupDirectory backs up the LiteDB store only; the {Backend} store is backed up with its own tools (pg_dump)")]
    private static partial void LogNotLiteDb(ILogger logger, string backend);
}
