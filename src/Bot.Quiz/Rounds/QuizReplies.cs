using System.Globalization;
using System.Text;
using Bot.Core.Rendering;
using Bot.Core.Replies;
using Bot.Quiz.Bank;
using Bot.Quiz.Storage;

namespace Bot.Quiz.Rounds;

/// <summary>The posts of a round: question, reveal and summary.</summary>
internal static class QuizReplies
{
    public static Reply Question(RoundDocument round, QuizQuestion question, TimeSpan window)
    {
        var text = new StringBuilder(question.Question).AppendLine().AppendLine();
        for (var i = 0; i < question.Choices.Count; i++)
        {
            text.Append("**").Append(QuizQuestion.Letter(i)).Append(")** ").AppendLine(question.Choices[i]);
        }

        return new Reply
        {
            Title = $"Quiz · question {round.Index + 1} of {round.QuestionIds.Count} · {question.Category} ({question.Difficulty})",
            Text = text.ToString().TrimEnd(),
            Buttons = [.. question.Choices.Select((_, i) => new ReplyButton(new QuizButton(round.RoundId, round.Index, QuizQuestion.Letter(i)).Id, QuizQuestion.Letter(i)))],
            Footer = $"{window.TotalSeconds:0} s to answer · one answer per person · /answer {QuizQuestion.Letter(0)}",
        };
    }

    /// <summary>The question as it stands once closed: the same text, no buttons to press any more.</summary>
    public static Reply Closed(RoundDocument round, QuizQuestion question, TimeSpan window) =>
        Question(round, question, window) with { Buttons = [], Footer = "Closed · the answer follows" };

    public static Reply Reveal(RoundDocument round, QuizQuestion question, IReadOnlyList<AnswerDocument> answers)
    {
        var right = answers.Where(a => a.Correct).OrderBy(a => a.First ? 0 : 1).ThenBy(a => a.At)
            .Select(a => a.First ? $"{Name(a)} (first, +{a.Points})" : $"{Name(a)} (+{a.Points})").ToList();
        return new Reply
        {
            Title = $"Answer to question {round.Index + 1}: {question.AnswerLetter}) {question.Choices[question.AnswerIndex]}",
            Text = question.Explanation,
            Fields =
            [
                new ReplyField("Right", right.Count == 0 ? "nobody" : string.Join(", ", right)),
                new ReplyField("Answers", answers.Count.ToString(CultureInfo.InvariantCulture), Inline: true),
                new ReplyField("Source", question.Source.OriginalString),
            ],
            Tone = Tone.Info,
        };
    }

    public static Reply Summary(RoundDocument round, IReadOnlyList<AnswerDocument> answers, string how)
    {
        var ranking = answers.GroupBy(a => a.UserId, StringComparer.Ordinal)
            .Select(g => (Name: Name(g.First()), Points: g.Sum(a => a.Points), Right: g.Count(a => a.Correct)))
            .OrderByDescending(r => r.Points).ThenBy(r => r.Name, StringComparer.Ordinal).ToList();
        var text = new StringBuilder();
        for (var i = 0; i < ranking.Count; i++)
        {
            var (name, points, right) = ranking[i];
            text.Append(CultureInfo.InvariantCulture, $"{i + 1}. {name}: {points} point{(points == 1 ? "" : "s")} ({right} right)").AppendLine();
        }

        return new Reply
        {
            Title = how,
            Text = ranking.Count == 0 ? "Nobody answered this round." : text.ToString().TrimEnd(),
            Footer = "/quiz leaderboard shows the totals",
            Tone = Tone.Success,
        };
    }

    private static string Name(AnswerDocument answer) => MarkdownText.Literal(answer.UserName);
}
