using System.ComponentModel.DataAnnotations;

namespace Bot.Host.Operations;

/// <summary>Section <c>Host</c>: how long a stop may take, how little free disk is too little, and the running bot's backups.</summary>
internal sealed class HostRuntimeOptions : IValidatableObject
{
    public const string Section = "Host";

    /// <summary>In-flight commands, Quartz jobs and the store flush get this long on SIGTERM.</summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Below this much free space on the data directory's disk, /readyz reports not ready.</summary>
    [Range(0, 1_000_000)]
    public long MinFreeDiskMegabytes { get; set; } = 64;

    /// <summary>
    /// Where the running bot writes its own backups (<c>bot-yyyyMMdd-HHmmss.db</c>); none when unset.
    /// Only the bot itself can copy its store consistently while it writes, so this is the way to
    /// back up a running bot; <c>bot data backup</c> is for a stopped one.
    /// </summary>
    public string? BackupDirectory { get; set; }

    /// <summary>How often the running bot writes a backup into <see cref="BackupDirectory"/>.</summary>
    public TimeSpan BackupInterval { get; set; } = TimeSpan.FromDays(1);

    /// <summary>How many backups <see cref="BackupDirectory"/> keeps; the oldest go.</summary>
    [Range(1, 10_000)]
    public int BackupsKept { get; set; } = 7;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (BackupInterval < TimeSpan.FromSeconds(1))
        {
            yield return new ValidationResult("must be at least 00:00:01", [nameof(BackupInterval)]);
        }

        if (ShutdownTimeout < TimeSpan.FromSeconds(1) || ShutdownTimeout > TimeSpan.FromMinutes(10))
        {
            yield return new ValidationResult("must be between 00:00:01 and 00:10:00", [nameof(ShutdownTimeout)]);
        }
    }
}
