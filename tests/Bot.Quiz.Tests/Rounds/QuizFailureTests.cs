using Bot.Quiz.Storage;
using Bot.Quiz.Tests.Support;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Bot.Quiz.Tests.Rounds;

public sealed class QuizFailureTests : IAsyncLifetime
{
    private static readonly Bot.Core.Chat.Caller Alice = QuizHarness.Person("alice");

    private readonly MemoryStream _database = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 20, 18, 0, 0, TimeSpan.Zero));
    private QuizHarness _quiz = null!;

    public async Task InitializeAsync()
    {
        _quiz = new QuizHarness(_database, _clock);
        await _quiz.StartAsync();
    }

    public async Task DisposeAsync() => await _quiz.DisposeAsync();

    [Fact]
    public async Task Round_WhosePublisherThrowsOnTheFirstQuestion_IsEndedInTheStore_AndTheChannelCanStartAgain()
    {
        _quiz.Publisher.ThrowingPosts = 1;

        await _quiz.SayAsync(Alice, "quiz", new() { ["questions"] = "2" }, "start");
        static bool Ended((LogLevel Level, string Message) entry) => entry.Message.Contains("failed and was ended", StringComparison.Ordinal);
        await WaitUntilAsync(() => _quiz.Logs.Entries.Any(Ended));

        Assert.Equal(LogLevel.Warning, Assert.Single(_quiz.Logs.Entries, Ended).Level);
        Assert.Equal(0, _quiz.Engine.RunningCount);
        Assert.Empty(_quiz.Get<QuizStores>().Rounds.All());
        Assert.Equal("No quiz round is running here.", (await _quiz.SayAsync(Alice, "quiz", null, "stop")).Text);

        var again = await _quiz.SayAsync(Alice, "quiz", new() { ["questions"] = "2" }, "start");
        Assert.StartsWith("Quiz round started by alice: 2 questions", again.Text, StringComparison.Ordinal);
        await _quiz.Publisher.WaitForTitleAsync("Quiz · question 1 of 2");
        var stopped = await _quiz.SayAsync(Alice, "quiz", null, "stop");
        Assert.Equal("Quiz round stopped by alice", stopped.Title);
        Assert.Empty(_quiz.Get<QuizStores>().Rounds.All());
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (!condition())
        {
            await Task.Delay(10, timeout.Token);
        }
    }
}
