namespace Bot.Testing;

/// <summary>Waits for something another thread does (a fake server receiving a request, an adapter connecting).</summary>
public static class Eventually
{
    /// <summary>Returns once <paramref name="condition"/> holds; fails the test with a timeout after <paramref name="seconds"/>.</summary>
    public static async Task UntilAsync(Func<bool> condition, int seconds = 15)
    {
        ArgumentNullException.ThrowIfNull(condition);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        while (!condition())
        {
            await Task.Delay(10, timeout.Token).ConfigureAwait(false);
        }
    }
}
