namespace Bot.News.Polling;

/// <summary>
/// How long a post waits after a transient failure. Stored on the post as its next attempt, so a
/// restart keeps the wait; the posts behind it in the same channel wait with it, to keep their order.
/// </summary>
internal static class DeliveryBackoff
{
    /// <summary>The wait after the first failure; each further failure doubles it.</summary>
    public static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(30);

    /// <summary>The longest wait: a channel back after an outage gets its news within the hour.</summary>
    public static readonly TimeSpan MaxRetry = TimeSpan.FromHours(1);

    /// <summary>Doublings after which the wait is at its cap anyway (keeps the shift in range).</summary>
    private const int MaxDoublings = 16;

    public static TimeSpan After(int attempts) =>
        TimeSpan.FromTicks(Math.Min(MaxRetry.Ticks, FirstRetry.Ticks * (1L << Math.Clamp(attempts - 1, 0, MaxDoublings))));
}
