using System.ComponentModel.DataAnnotations;

namespace Bot.Host.Operations;

/// <summary>Section <c>Host</c>: how long a stop may take, and how little free disk is too little.</summary>
internal sealed class HostRuntimeOptions : IValidatableObject
{
    public const string Section = "Host";

    /// <summary>In-flight commands, Quartz jobs and the store flush get this long on SIGTERM.</summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Below this much free space on the data directory's disk, /readyz reports not ready.</summary>
    [Range(0, 1_000_000)]
    public long MinFreeDiskMegabytes { get; set; } = 64;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (ShutdownTimeout < TimeSpan.FromSeconds(1) || ShutdownTimeout > TimeSpan.FromMinutes(10))
        {
            yield return new ValidationResult("must be between 00:00:01 and 00:10:00", [nameof(ShutdownTimeout)]);
        }
    }
}
