using System.Text;
using System.Text.RegularExpressions;

namespace Bot.Knowledge.Retrieval;

/// <summary>Turns text into search terms: lower case, words, no stop words, plural and verb endings trimmed.</summary>
internal static class TextAnalyzer
{
    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "a", "an", "and", "are", "as", "at", "be", "been", "but", "by", "can", "could", "did", "do", "does", "doing", "for",
        "from", "had", "has", "have", "how", "i", "if", "in", "into", "is", "it", "its", "me", "my", "of", "on", "or", "our",
        "so", "still", "than", "that", "the", "their", "them", "then", "there", "these", "they", "this", "to", "us", "was",
        "we", "were", "what", "when", "where", "which", "who", "whom", "why", "will", "with", "would", "you", "your", "about",
        "any", "anything", "all", "also", "am", "get", "got", "just", "really", "should", "some", "tell", "please", "know",
        "does", "mean", "means", "meant", "thing", "things", "way", "want", "need", "s", "t", "now", "after", "before",
        "there", "here", "been", "being", "much", "many", "very", "too", "more", "most", "same", "other", "any", "yes", "no",
        "not", "out", "up", "down",
    };

    /// <summary>
    /// Contractions at a word's end, so that "isn't", "can't" and "i'm" leave no stray "isn", "ca" or
    /// "m" behind; a quote before a word ('sshd_config') is no contraction.
    /// </summary>
    private static readonly (Regex Ending, string Replacement)[] Contractions =
    [
        (new(@"\bcan't\b", RegexOptions.CultureInvariant), "can not"),
        (new(@"\bwon't\b", RegexOptions.CultureInvariant), "will not"),
        (new(@"(?<=[a-z])n't\b", RegexOptions.CultureInvariant), " not"),
        (new(@"(?<=[a-z])'(?:m|s|re|ve|ll|d)\b", RegexOptions.CultureInvariant), ""),
    ];

    /// <summary>
    /// Phrases that name one concept of this domain, folded into one term so that each wording
    /// of the concept matches the others ("1:1", "one to one"; "end of life", "EOL").
    /// </summary>
    private static readonly (string Phrase, string Term)[] Phrases =
    [
        ("1:1", "onetoone"), ("one-to-one", "onetoone"), ("one to one", "onetoone"),
        ("bug-for-bug", "bugforbug"), ("bug for bug", "bugforbug"), ("bug-to-bug", "bugforbug"),
        ("application binary interface", "abi"), ("binary interface", "abi"), ("binary compatible", "abi compatible"),
        ("binary compatibility", "abi compatibility"),
        ("application programming interface", "api"), ("source compatible", "api compatible"), ("source compatibility", "api compatibility"),
        ("end of life", "eol"), ("end-of-life", "eol"), ("end date", "eol"),
        ("kernel module", "kmod"), ("kernel modules", "kmod"), ("kernel abi", "kabi"),
        ("centos stream", "centosstream"), ("source rpms", "srpm"), ("source rpm", "srpm"), ("source packages", "srpm"),
    ];

    /// <param name="text">Any text.</param>
    /// <param name="foldPhrases">Whether the domain's phrases become one term each; without, their words stay apart.</param>
    public static List<string> Terms(string text, bool foldPhrases = true)
    {
        ArgumentNullException.ThrowIfNull(text);
        var normal = " " + text.ToLowerInvariant().Replace('\u2019', '\'') + " ";
        foreach (var (ending, replacement) in Contractions)
        {
            normal = ending.Replace(normal, replacement);
        }

        foreach (var (phrase, term) in foldPhrases ? Phrases : [])
        {
            normal = normal.Replace(phrase, " " + term + " ", StringComparison.Ordinal);
        }

        var terms = new List<string>();
        var word = new StringBuilder();
        foreach (var c in normal.Append(' '))
        {
            if (char.IsLetterOrDigit(c))
            {
                word.Append(c);
                continue;
            }

            if (word.Length > 0)
            {
                var w = word.ToString();
                word.Clear();
                if (!StopWords.Contains(w))
                {
                    terms.Add(Stem(w));
                }
            }
        }

        return terms;
    }

    private static string Stem(string w)
    {
        if (w.Length <= 3 || w.Any(char.IsDigit))
        {
            return w;
        }

        // A final e goes, so that "compile", "compiled" and "compiles" meet at "compil".
        var stem = StripEnding(w);
        return stem.Length > 3 && stem[^1] == 'e' ? stem[..^1] : stem;
    }

    private static string StripEnding(string w)
    {
        if (w.EndsWith("ies", StringComparison.Ordinal) && w.Length > 4)
        {
            return w[..^3] + "y";
        }

        // A stem needs a vowel: "string" is not "str" + "ing".
        if (w.EndsWith("ing", StringComparison.Ordinal) && w.Length > 5 && w[..^3].Any(IsVowel))
        {
            return Undouble(w[..^3]);
        }

        if (w.EndsWith("ed", StringComparison.Ordinal) && w.Length > 4 && w[..^2].Any(IsVowel))
        {
            return Undouble(w[..^2]);
        }

        if ((w.EndsWith("ses", StringComparison.Ordinal) || w.EndsWith("xes", StringComparison.Ordinal) || w.EndsWith("ches", StringComparison.Ordinal)) && w.Length > 4)
        {
            return w[..^2];
        }

        if (w.EndsWith('s') && !w.EndsWith("ss", StringComparison.Ordinal) && !w.EndsWith("us", StringComparison.Ordinal))
        {
            return w[..^1];
        }

        return w;
    }

    private static bool IsVowel(char c) => "aeiouy".Contains(c, StringComparison.Ordinal);

    /// <summary>"submitted" and "submit", "shipping" and "ship" are one term; "installed" keeps its double l.</summary>
    private static string Undouble(string stem) =>
        stem.Length > 3 && stem[^1] == stem[^2] && !"aeiouylsz".Contains(stem[^1], StringComparison.Ordinal) ? stem[..^1] : stem;
}
