using Bot.Core.Resilience;
using Microsoft.Extensions.Time.Testing;

namespace Bot.Core.Tests.Resilience;

public sealed class RetriesTests
{
    private sealed class Busy(TimeSpan? wait) : Exception("busy"), IRetryAfter
    {
        public TimeSpan? RetryAfter { get; } = wait;
    }

    [Fact]
    public async Task Pipeline_RetryableFailures_AreTriedAgainUntilTheyPass()
    {
        var clock = new FakeTimeProvider();
        var attempts = 0;
        var pipeline = Retries.Pipeline(clock, new RetryPlan(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(8)), ex => ex is TimeoutException);

        var run = pipeline.ExecuteAsync(_ => ++attempts < 4 ? throw new TimeoutException() : ValueTask.FromResult(attempts)).AsTask();
        while (!run.IsCompleted)
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(1);
        }

        Assert.Equal(4, await run);
    }

    [Fact]
    public async Task Pipeline_OtherFailures_PropagateAtOnce()
    {
        var attempts = 0;
        var pipeline = Retries.Pipeline(new FakeTimeProvider(), new RetryPlan(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(8)), ex => ex is TimeoutException);

        await Assert.ThrowsAsync<InvalidOperationException>(async () =>
            await pipeline.ExecuteAsync(_ => { attempts++; throw new InvalidOperationException(); }));
        Assert.Equal(1, attempts);
    }

    [Fact]
    public async Task Pipeline_AFailureNamingItsWait_IsTriedAgainAfterThatWait_EvenBeyondTheLongest()
    {
        var clock = new FakeTimeProvider();
        var tried = new List<DateTimeOffset>();
        var waits = new List<TimeSpan>();
        var pipeline = Retries.Pipeline(clock, new RetryPlan(TimeSpan.FromMilliseconds(10), TimeSpan.FromSeconds(10), Retries: 1), _ => true, (_, wait, _) => waits.Add(wait));

        var run = pipeline.ExecuteAsync(_ =>
        {
            tried.Add(clock.GetUtcNow());
            return tried.Count == 1 ? throw new Busy(TimeSpan.FromSeconds(30)) : ValueTask.CompletedTask;
        }).AsTask();
        await Task.Delay(50);
        clock.Advance(TimeSpan.FromSeconds(29));
        await Task.Delay(50);
        Assert.Single(tried);
        clock.Advance(TimeSpan.FromSeconds(1));
        await run.WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Equal(TimeSpan.FromSeconds(30), Assert.Single(waits));
        Assert.Equal(TimeSpan.FromSeconds(30), tried[1] - tried[0]);
    }

    [Fact]
    public async Task Pipeline_Waits_GrowToTheLongestAndNoFurther()
    {
        var clock = new FakeTimeProvider();
        var waits = new List<TimeSpan>();
        var pipeline = Retries.Pipeline(clock, new RetryPlan(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(4), Retries: 12), _ => true, (_, wait, _) => waits.Add(wait));

        var run = pipeline.ExecuteAsync(_ => throw new TimeoutException()).AsTask();
        while (!run.IsCompleted)
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(1);
        }

        await Assert.ThrowsAsync<TimeoutException>(() => run);
        Assert.Equal(12, waits.Count);
        Assert.All(waits, w => Assert.InRange(w, TimeSpan.Zero, TimeSpan.FromSeconds(4)));
        Assert.Contains(waits.Skip(6), w => w > TimeSpan.FromSeconds(2));
    }
}
