using System.Text.RegularExpressions;

namespace Bot.Knowledge.Retrieval;

/// <summary>
/// What kind of fact a question asks for, beyond its subjects (the "expected answer type" of
/// question answering). "How much does CIQ support cost?" is about CIQ, and the CIQ entry is about
/// CIQ, but unless that entry states a price it does not answer the question. Each kind names what
/// an entry's text must contain to answer it: an amount of money, a count of the thing asked
/// about, the version whose release is asked about, or a version number beside the component.
/// </summary>
internal static partial class AskedFor
{
    /// <summary>Whether <paramref name="entryText"/> (lower case) holds the kind of fact <paramref name="question"/> asks for.</summary>
    public static bool IsIn(string question, string entryText)
    {
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(entryText);
        var q = question.ToLowerInvariant();
        return PriceIsStated(q, entryText) && CountIsStated(q, entryText) && ReleaseIsNamed(q, entryText) && VersionIsStated(q, entryText);
    }

    /// <summary>"How do I …", "how to …": steps, which an entry gives only if it names everything the question does.</summary>
    public static bool IsHowTo(string question) => HowTo().IsMatch(question.ToLowerInvariant());

    private static bool PriceIsStated(string q, string text) =>
        !Price().IsMatch(q) || NoCost().IsMatch(q) || Amount().IsMatch(text);

    private static bool CountIsStated(string q, string text)
    {
        var asked = HowMany().Match(q);
        if (!asked.Success)
        {
            return true;
        }

        // "how many years" is answered by "ten years" as much as by "10 years", and "how many
        // repositories" by "12 repositories": the counted word is compared as a term, stem to stem.
        var noun = TextAnalyzer.Terms(asked.Groups[1].Value, foldPhrases: false).FirstOrDefault();
        return noun is null || Counted().Matches(text).Any(m => TextAnalyzer.Terms(m.Groups["what"].Value, foldPhrases: false).Contains(noun));
    }

    private static bool ReleaseIsNamed(string q, string text) =>
        !When().IsMatch(q) || !Released().IsMatch(q) || NamedVersionsAreIn(q, text);

    /// <summary>Whether every point release <paramref name="q"/> names ("9.5") is in <paramref name="text"/>.</summary>
    internal static bool NamedVersionsAreIn(string q, string text) =>
        NamedVersion().Matches(q).All(v => Regex.IsMatch(text, $@"(?<![\d.]){Regex.Escape(v.Value)}(?![\d]|\.\d)", RegexOptions.None, MatchTimeout));

    private static bool VersionIsStated(string q, string text)
    {
        var asked = VersionOf().Matches(q);
        if (asked.Count > 0 && !NamedVersionsAreIn(q, text))
        {
            // "What podman version is in 9.6?" needs a statement about 9.6, not about podman in general.
            return false;
        }

        foreach (Match component in asked)
        {
            var name = component.Groups.Values.Skip(1).First(g => g.Success).Value;
            if (!Regex.IsMatch(text, $@"\b{Regex.Escape(name)}[\w-]*\s*(?:version\s*)?v?\d", RegexOptions.None, MatchTimeout))
            {
                return false;
            }
        }

        return true;
    }

    private const string NumberWords = "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|fifty|hundreds?|thousands?|millions?|dozens?";

    private static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(100);

    /// <summary>Money asked about; "how much does rocky differ" is not a price.</summary>
    [GeneratedRegex(@"\b(?:cost|costs|price|prices|pricing|priced|charge|charges|fee|fees)\b|\bhow much\b.{0,80}?\b(?:pay|paid|money|dollars?|euros?|subscription|license|licence)\b")]
    private static partial Regex Price();

    [GeneratedRegex(@"\b(?:no|zero|without)[- ]cost\b|\bfree\b")]
    private static partial Regex NoCost();

    [GeneratedRegex(@"[$€£]\s?\d|\b\d[\d,.]*\s?(?:usd|eur|dollars?|euros?)\b|\bper (?:year|month|server|system|node|socket|instance)\b")]
    private static partial Regex Amount();

    [GeneratedRegex(@"\bhow many ([a-z][\w-]*)")]
    private static partial Regex HowMany();

    /// <summary>A number and the up to three words after it ("over 10,000 packages", "ten years of support").</summary>
    [GeneratedRegex(@"\b(?:\d[\d,.]*|" + NumberWords + @")\s+(?<what>(?:[\w-]+\s+){0,2}[\w-]+)")]
    private static partial Regex Counted();

    [GeneratedRegex(@"\bwhen\b")]
    private static partial Regex When();

    [GeneratedRegex(@"\b(?:release|released|releases|out|coming|come|ship|ships|shipping|available|arrive|arrives|launch|launched|drop|drops)\b")]
    private static partial Regex Released();

    /// <summary>A point release ("9.8") or a two-digit major ("43"); a lone "8" is too common to require.</summary>
    [GeneratedRegex(@"(?<![\d.])(?:\d+\.\d+(?:\.\d+)?|\d{2})(?![\d]|\.\d)")]
    private static partial Regex NamedVersion();

    [GeneratedRegex(@"\b(?:what|which)\s+(?!minor\b|major\b|exact\b|new\b|old\b|latest\b)([a-z][\w-]*)\s+version\b|\bversion of (?:the\s+)?([a-z][\w-]*)\b|\bship(?:s|ped|ping)?\s+([a-z][\w-]*)\s+\d")]
    private static partial Regex VersionOf();

    [GeneratedRegex(@"\bhow (?:do|can|should|would|could) (?:i|we|you|one)\b|\bhow to\b|\bsteps to\b")]
    private static partial Regex HowTo();
}
