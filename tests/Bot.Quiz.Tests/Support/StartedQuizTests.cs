using Microsoft.Extensions.Time.Testing;

namespace Bot.Quiz.Tests.Support;

/// <summary>Round tests' set-up: a started quiz on a fresh in-memory store and a fake clock, per test.</summary>
public abstract class StartedQuizTests : IAsyncLifetime
{
    private protected FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 20, 18, 0, 0, TimeSpan.Zero));

    private protected QuizHarness Quiz { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Quiz = new QuizHarness(new MemoryStream(), Clock);
        await Quiz.StartAsync();
    }

    public async Task DisposeAsync() => await Quiz.DisposeAsync();
}
