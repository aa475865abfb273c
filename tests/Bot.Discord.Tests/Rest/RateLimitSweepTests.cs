using Bot.Discord.Rest;
using Microsoft.Extensions.Time.Testing;

namespace Bot.Discord.Tests.Rest;

/// <summary>Buckets of routes nobody uses any more (interaction and webhook tokens) are forgotten.</summary>
public sealed class RateLimitSweepTests
{
    private const int Interactions = 10_000;

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 20, 18, 0, 0, TimeSpan.Zero));

    private static string Callback(int interaction) => RouteKey.Of(HttpMethod.Post, $"interactions/{interaction}/token-{interaction}/callback");

    private static string Followup(int interaction) => RouteKey.Of(HttpMethod.Post, $"webhooks/42/token-{interaction}");

    [Fact]
    public void TenThousandAnsweredInteractions_LeaveFewBucketsOnceIdle()
    {
        var limits = new RateLimits(_clock, 50, 1000);
        for (var i = 0; i < Interactions; i++)
        {
            var bucket = limits.Enter(Callback(i));
            limits.Leave(bucket);
            // Follow-ups learn a bucket hash, as Discord names one for every webhook route.
            var followup = limits.Enter(Followup(i));
            limits.Leave(limits.Learn(Followup(i), "webhook-hash", followup));
            _clock.Advance(TimeSpan.FromMilliseconds(10));
        }

        Assert.True(limits.BucketCount > Interactions, "every token has buckets of its own while it may be used");

        _clock.Advance(RateLimits.IdleLimit + TimeSpan.FromMinutes(1));
        limits.Leave(limits.Enter(Callback(Interactions)));

        Assert.InRange(limits.BucketCount, 1, 2);
        Assert.InRange(limits.LearntRouteCount, 0, 1);
    }

    [Fact]
    public void BucketInFlightOrStillLimited_IsKeptAndStaysTheSameGate()
    {
        var limits = new RateLimits(_clock, 50, 1000);
        var inFlight = limits.Enter(Callback(1));
        var limited = limits.Enter(Callback(2));
        limited.Remaining = 0;
        limited.ResetAt = _clock.GetUtcNow() + RateLimits.IdleLimit + TimeSpan.FromMinutes(5);
        limits.Leave(limited);
        limits.Leave(limits.Enter(Callback(3)));

        _clock.Advance(RateLimits.IdleLimit + TimeSpan.FromMinutes(1));
        limits.Leave(limits.Enter(Callback(4)));

        Assert.Equal(3, limits.BucketCount);
        Assert.Same(inFlight, limits.Enter(Callback(1)));
        Assert.Same(limited, limits.Enter(Callback(2)));
    }

    [Fact]
    public void BucketUsedWithinTheIdleLimit_IsKept()
    {
        var limits = new RateLimits(_clock, 50, 1000);
        var channel = RouteKey.Of(HttpMethod.Post, "channels/7/messages");
        var first = limits.Enter(channel);
        limits.Leave(first);

        _clock.Advance(RateLimits.IdleLimit - TimeSpan.FromMinutes(1));
        limits.Leave(limits.Enter(channel));
        _clock.Advance(TimeSpan.FromMinutes(2));
        var again = limits.Enter(channel);

        Assert.Same(first, again);
    }
}
