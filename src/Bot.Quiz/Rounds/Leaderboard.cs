using System.Globalization;
using System.Text;
using Bot.Core.Chat;
using Bot.Core.Rendering;
using Bot.Core.Replies;
using Bot.Quiz.Storage;

namespace Bot.Quiz.Rounds;

/// <summary>Totals per person on a server (a Matrix homeserver or the console), over the last week, month or all time.</summary>
internal sealed class Leaderboard(AnswerStore answers, TimeProvider time)
{
    public static readonly string[] Periods = ["week", "month", "all"];

    public Reply Show(ChatAddress place, Caller caller, string period)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var (since, label) = period switch
        {
            "week" => (now.AddDays(-7), "the last 7 days"),
            "month" => (now.AddDays(-30), "the last 30 days"),
            _ => (DateTime.MinValue, "all time"),
        };
        var ranking = answers.InScopeSince($"{place.Platform}/{place.Server}", since)
            .GroupBy(a => a.UserId, StringComparer.Ordinal)
            .Select(g => (Id: g.Key, Name: g.OrderBy(a => a.At).Last().UserName, Points: g.Sum(a => a.Points), Right: g.Count(a => a.Correct), Answers: g.Count()))
            .OrderByDescending(r => r.Points).ThenByDescending(r => r.Right).ThenBy(r => r.Name, StringComparer.Ordinal)
            .ToList();
        if (ranking.Count == 0)
        {
            return Reply.Say($"No quiz points here in {label} yet. `/quiz start` begins a round.");
        }

        var text = new StringBuilder();
        foreach (var (row, rank) in ranking.Take(10).Select((r, i) => (r, i + 1)))
        {
            text.Append(CultureInfo.InvariantCulture, $"{rank}. {MarkdownText.Literal(row.Name)}: {row.Points} point{(row.Points == 1 ? "" : "s")} ({row.Right}/{row.Answers} right)").AppendLine();
        }

        var mine = ranking.FindIndex(r => r.Id == caller.Id);
        var footer = mine >= 10 ? $"you: #{mine + 1} with {ranking[mine].Points} points" : $"{ranking.Count} player{(ranking.Count == 1 ? "" : "s")}";
        return new Reply { Title = $"Quiz leaderboard · {label}", Text = text.ToString().TrimEnd(), Footer = footer };
    }
}
