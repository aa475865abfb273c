using Bot.Core.Chat;
using Bot.Quiz.Tests.Support;

namespace Bot.Quiz.Tests.Rounds;

/// <summary>Display names are chosen by anyone: in a quiz reply they make no link and ping nobody.</summary>
public sealed class QuizNameEscapingTests : StartedQuizTests
{
    private const string LinkName = "[x](https://evil.example)";
    private const string EscapedLinkName = @"\[x\]\(https://evil.example\)";
    private const string PingName = "@everyone";

    private static readonly Caller Linker = new("u-linker", LinkName, IsModerator: false);
    private static readonly Caller Pinger = new("u-pinger", PingName, IsModerator: false);

    [Fact]
    public async Task LinkAndMentionNames_AreEscapedInStartAnswerRevealSummaryAndLeaderboard()
    {
        var started = await Quiz.SayAsync(Linker, "quiz", new() { ["questions"] = "1" }, "start");
        var question = await Quiz.Publisher.WaitForTitleAsync("Quiz · question 1 of 1");
        var right = Quiz.Letters(question).Right;
        var linkerAnswer = await Quiz.SayAsync(Linker, "answer", new() { ["letter"] = right });
        var pingerAnswer = await Quiz.SayAsync(Pinger, "answer", new() { ["letter"] = right });
        Clock.Advance(TimeSpan.FromSeconds(21));
        var reveal = await Quiz.Publisher.WaitForTitleAsync("Answer to question 1");
        var summary = await Quiz.Publisher.WaitForTitleAsync("Quiz round");
        var board = await Quiz.SayAsync(Linker, "quiz", new() { ["period"] = "all" }, "leaderboard");

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
