using Bot.Core.Chat;
using Bot.Quiz.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Bot.Quiz.Tests.Rounds;

/// <summary>Display names are chosen by anyone: in a quiz reply they make no link and ping nobody.</summary>
public sealed class QuizNameEscapingTests : IAsyncLifetime
{
    private const string LinkName = "[x](https://evil.example)";
    private const string EscapedLinkName = @"\[x\]\(https://evil.example\)";
    private const string PingName = "@everyone";

    private static readonly Caller Linker = new("u-linker", LinkName, IsModerator: false);
    private static readonly Caller Pinger = new("u-pinger", PingName, IsModerator: false);

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
    public async Task LinkAndMentionNames_AreEscapedInStartAnswerRevealSummaryAndLeaderboard()
    {
        var started = await _quiz.SayAsync(Linker, "quiz", new() { ["questions"] = "1" }, "start");
        var question = await _quiz.Publisher.WaitForTitleAsync("Quiz · question 1 of 1");
        var right = _quiz.Letters(question).Right;
        var linkerAnswer = await _quiz.SayAsync(Linker, "answer", new() { ["letter"] = right });
        var pingerAnswer = await _quiz.SayAsync(Pinger, "answer", new() { ["letter"] = right });
        _clock.Advance(TimeSpan.FromSeconds(21));
        var reveal = await _quiz.Publisher.WaitForTitleAsync("Answer to question 1");
        var summary = await _quiz.Publisher.WaitForTitleAsync("Quiz round");
        var board = await _quiz.SayAsync(Linker, "quiz", new() { ["period"] = "all" }, "leaderboard");

        var right1 = reveal.Fields.Single(f => f.Name == "Right").Value;
        foreach (var text in new[] { started.Text, linkerAnswer.Text, right1, summary.Text, board.Text })
        {
            Assert.DoesNotContain(LinkName, text, StringComparison.Ordinal);
            Assert.DoesNotContain(PingName, text, StringComparison.Ordinal);
        }

        Assert.Contains(EscapedLinkName, started.Text, StringComparison.Ordinal);
        Assert.Contains(EscapedLinkName, right1, StringComparison.Ordinal);
        Assert.Contains("@\u200Beveryone", right1, StringComparison.Ordinal);
        Assert.Contains("@\u200Beveryone", pingerAnswer.Text, StringComparison.Ordinal);
        Assert.Contains("@\u200Beveryone", board.Text, StringComparison.Ordinal);
        Assert.Contains(EscapedLinkName, board.Text, StringComparison.Ordinal);
    }
}
