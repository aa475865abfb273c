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

    private static readonly StoredBackoff Plan = new(FirstRetry, MaxRetry);

    public static TimeSpan After(int attempts) => Plan.After(attempts);
}
