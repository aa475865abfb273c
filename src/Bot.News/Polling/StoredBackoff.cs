namespace Bot.News.Polling;

/// <summary>
/// A wait that doubles with each failure, from <paramref name="First"/> to <paramref name="Longest"/>,
/// and is stored with what failed (a post's next attempt, a feed's next poll) so that a restart keeps
/// it. It is a schedule, not a retry loop: Polly's retries (Bot.Core.Resilience) keep their count in
/// memory, and these waits must outlive the process.
/// </summary>
internal sealed record StoredBackoff(TimeSpan First, TimeSpan Longest)
{
    /// <summary>The wait after <paramref name="failures"/> failures in a row (none after none).</summary>
    public TimeSpan After(int failures) =>
        failures <= 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(Math.Min(Longest.TotalSeconds, First.TotalSeconds * Math.Pow(2, Math.Min(failures - 1, 62))));
}
