using System.Text.RegularExpressions;
using Bot.Knowledge.Retrieval;

namespace Bot.Knowledge.Llm;

/// <summary>
/// Decides whether a model's answer may be shown as sourced: it must cite only passages it was
/// given, cite at least one, and its words must come from those passages. A model that strays
/// (or was talked into ignoring its rules) fails here and the bot answers from the corpus instead.
/// </summary>
internal static partial class GroundingCheck
{
    /// <summary>The share of the answer's content words that must appear in the cited passages.</summary>
    internal const double MinimumSupport = 0.6;

    public const string NotCovered = "NOT_COVERED";

    public static (bool Grounded, IReadOnlyList<string> Cited, string Reason) Verify(string answer, IReadOnlyList<SearchHit> passages) =>
        Verify(answer, [.. passages.Select(p => (p.Entry.Id, p.Entry.Title + " " + p.Entry.Body + " " + string.Join(' ', p.Entry.Questions)))]);

    /// <summary>Checks an answer against named sources: corpus passages, and results of the functions the model called.</summary>
    public static (bool Grounded, IReadOnlyList<string> Cited, string Reason) Verify(string answer, IReadOnlyList<(string Id, string Text)> sources)
    {
        ArgumentNullException.ThrowIfNull(answer);
        ArgumentNullException.ThrowIfNull(sources);
        var given = sources.Select(p => p.Id).ToHashSet(StringComparer.Ordinal);
        var cited = Citation().Matches(answer).Select(m => m.Groups[1].Value).Distinct(StringComparer.Ordinal).ToList();
        if (cited.Count == 0)
        {
            return (false, cited, "no passage cited");
        }

        var unknown = cited.Where(c => !given.Contains(c)).ToList();
        if (unknown.Count > 0)
        {
            return (false, cited, "cites passages it was not given: " + string.Join(", ", unknown));
        }

        var support = sources.Where(p => cited.Contains(p.Id))
            .SelectMany(p => TextAnalyzer.Terms(p.Text))
            .ToHashSet(StringComparer.Ordinal);
        var words = TextAnalyzer.Terms(Citation().Replace(answer, " "));
        if (words.Count == 0)
        {
            return (false, cited, "empty answer");
        }

        var share = words.Count(support.Contains) / (double)words.Count;
        return share >= MinimumSupport
            ? (true, cited, "")
            : (false, cited, $"only {share:P0} of its words are in the cited passages");
    }

    public static string WithoutCitations(string answer) => Citation().Replace(answer, "").Replace("  ", " ", StringComparison.Ordinal).Trim();

    [GeneratedRegex(@"\[([a-z0-9][a-z0-9-]{1,60})\]")]
    private static partial Regex Citation();
}
