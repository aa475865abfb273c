using Bot.Core.Storage;
using Microsoft.Extensions.Time.Testing;
using Moq;

namespace Bot.Core.Tests.Storage;

public sealed class HeldLeaseTests
{
    private static readonly BotInstance Instance = new("bot-1");

    [Fact]
    public async Task Lost_RenewalsFailingForNearlyTheLeasesLife_FiresBeforeAnotherInstanceCouldTakeIt()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var leases = new Mock<ILeaseStore>();
        var calls = 0;
        leases.Setup(l => l.TryAcquire("outbox", It.IsAny<string>(), HeldLease.DefaultTtl))
            .Returns(() => ++calls == 1 ? true : throw new IOException("the store is out of reach"));
        await using var lease = HeldLease.TryTake(leases.Object, "outbox", Instance, time)!;

        time.Advance(TimeSpan.FromSeconds(5));
        time.Advance(TimeSpan.FromSeconds(5));
        var before = lease.Lost.IsCancellationRequested;
        time.Advance(TimeSpan.FromSeconds(5));

        Assert.False(before);
        Assert.True(lease.Lost.IsCancellationRequested);
        Assert.StartsWith("bot-1/", lease.Holder, StringComparison.Ordinal);
        Assert.Equal("bot-1", HeldLease.InstanceOf(lease.Holder));
    }

    [Fact]
    public async Task Lost_ARenewalRefused_FiresAtOnce_AndIsReadableAfterDisposal()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var leases = new Mock<ILeaseStore>();
        var calls = 0;
        leases.Setup(l => l.TryAcquire("matrix.sync", It.IsAny<string>(), HeldLease.DefaultTtl)).Returns(() => ++calls == 1);
        var lease = HeldLease.TryTake(leases.Object, "matrix.sync", Instance, time)!;

        time.Advance(TimeSpan.FromSeconds(5));
        await lease.DisposeAsync();

        Assert.True(lease.Lost.IsCancellationRequested);
        // A lost lease is not released: it is another holder's now.
        leases.Verify(l => l.Release(It.IsAny<string>(), It.IsAny<string>()), Times.Never);
    }

    [Fact]
    public async Task TakeAsync_StoreOutOfReach_KeepsAskingUntilItHasTheLease()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var leases = new Mock<ILeaseStore>();
        var calls = 0;
        leases.Setup(l => l.TryAcquire("matrix.sync", It.IsAny<string>(), HeldLease.DefaultTtl))
            .Returns(() => ++calls switch { 1 => throw new IOException("connection refused"), 2 => false, _ => true });

        var taking = HeldLease.TakeAsync(leases.Object, "matrix.sync", Instance, time, TimeSpan.FromSeconds(5), CancellationToken.None);
        // Each wait is let pass once the loop has registered it (its continuation runs on the pool).
        for (var i = 0; i < 200 && !taking.IsCompleted; i++)
        {
            time.Advance(TimeSpan.FromSeconds(5));
            await Task.Delay(10);
        }

        await using var lease = await taking.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(3, calls);
    }
}
