using Bot.Core.Chat;
using Bot.Core.Replies;
using Bot.Host.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Moq;

namespace Bot.Host.Tests.Hosting;

public sealed class PlatformPublisherTests
{
    private static readonly ChatAddress Room = new("matrix", "example.org", "!room:example.org");

    [Fact]
    public async Task Post_ThroughAnAdapterThatThrows_IsAFailedPostForNow_NotAnException()
    {
        var publisher = Publisher(new InvalidOperationException("no base address yet"));

        var result = await publisher.PublishAsync(Room, Reply.Say("hello"), "key-1", default);

        Assert.False(result.Posted);
        Assert.False(result.Permanent);
        Assert.Contains("no base address yet", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_CancelledByItsCaller_StillEndsInCancellation()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        var publisher = Publisher(new OperationCanceledException(cancelled.Token));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => publisher.PublishAsync(Room, Reply.Say("hello"), "key-1", cancelled.Token).AsTask());
    }

    private static PlatformPublisher Publisher(Exception fault)
    {
        var platform = new Mock<IChatPlatform>();
        platform.SetupGet(p => p.Name).Returns("matrix");
        platform.Setup(p => p.PostAsync(It.IsAny<ChatAddress>(), It.IsAny<Reply>(), It.IsAny<string>(), It.IsAny<CancellationToken>())).ThrowsAsync(fault);
        var services = new ServiceCollection().AddSingleton(platform.Object).BuildServiceProvider();
        return new PlatformPublisher(services);
    }
}
