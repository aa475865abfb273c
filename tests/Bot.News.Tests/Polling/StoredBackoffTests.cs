using Bot.News.Polling;

namespace Bot.News.Tests.Polling;

public sealed class StoredBackoffTests
{
    private static readonly StoredBackoff Backoff = new(TimeSpan.FromSeconds(30), TimeSpan.FromHours(1));

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 30)]
    [InlineData(2, 60)]
    [InlineData(5, 480)]
    [InlineData(8, 3600)]
    [InlineData(int.MaxValue, 3600)]
    public void After_Failures_DoublesFromTheFirstToTheLongest(int failures, int seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), Backoff.After(failures));
}
