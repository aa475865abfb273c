using Bot.Core.Storage;

namespace Bot.Quiz.Storage;

/// <summary>A moderator's schedule of rounds in one channel.</summary>
internal sealed class ScheduleDocument : IStoredDocument
{
    /// <summary>A short id to name it in /quiz unschedule.</summary>
    public string Id { get; set; } = "";

    public string Platform { get; set; } = "";

    public string Server { get; set; } = "";

    public string Channel { get; set; } = "";

    /// <summary>The 5-field cron expression as the moderator wrote it.</summary>
    public string Cron { get; set; } = "";

    public string TimeZone { get; set; } = "UTC";

    public int Questions { get; set; }

    public string? Category { get; set; }

    public string CreatedBy { get; set; } = "";

    public DateTime CreatedAt { get; set; }

    /// <summary>
    /// Why the schedule no longer starts rounds: the channel refused a round's post for good (the
    /// bot lost access, the channel is gone). Null while it runs. A new schedule starts afresh.
    /// </summary>
    public string? PausedReason { get; set; }

    public DateTime? PausedAt { get; set; }

    public bool Paused => PausedReason is not null;
}
