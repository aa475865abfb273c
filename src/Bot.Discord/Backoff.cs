namespace Bot.Discord;

/// <summary>The adapter's one rule for waiting longer after each failure.</summary>
internal static class Backoff
{
    /// <summary><paramref name="delay"/> doubled, but never above <paramref name="max"/>.</summary>
    public static TimeSpan Double(TimeSpan delay, TimeSpan max) => TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, max.Ticks));
}
