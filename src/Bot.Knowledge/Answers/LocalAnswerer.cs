using System.Text;
using Bot.Knowledge.Retrieval;

namespace Bot.Knowledge.Answers;

/// <summary>
/// Answers from the corpus alone: the best entry when it is confident enough, else an honest
/// "I don't know" with the nearest topics. Never composes text that is not in an entry.
/// </summary>
internal static class LocalAnswerer
{
    /// <param name="hits">The search's hits, best first.</param>
    /// <param name="threshold">The lowest score answered.</param>
    /// <param name="maxLength">The longest answer.</param>
    /// <param name="isAbout">Whether a hit's entry is about what was asked; near is not enough.</param>
    public static KnowledgeAnswer Compose(IReadOnlyList<SearchHit> hits, double threshold, int maxLength, Func<SearchHit, bool> isAbout)
    {
        ArgumentNullException.ThrowIfNull(hits);
        ArgumentNullException.ThrowIfNull(isAbout);
        if (hits.Count == 0 || hits[0].Score < threshold || !isAbout(hits[0]))
        {
            return Decline(hits);
        }

        var best = hits[0];
        var entry = best.Entry;
        var sourcesLength = entry.Sources.Sum(s => s.OriginalString.Length + 4) + 10;
        var relatedLength = entry.Related.Sum(r => r.Length + 4) + 10;
        var budget = Math.Max(200, maxLength - entry.Title.Length - sourcesLength - relatedLength);
        return new KnowledgeAnswer(true, entry.Title, Fit(entry.Paragraphs, budget), entry.Sources, entry.Id, best.Score)
        {
            Related = entry.Related,
        };
    }

    /// <summary>Said with every decline, so that the asker knows what is worth asking.</summary>
    internal const string Covered = "The FAQ covers Enterprise Linux compatibility: the 2023 source changes, lifecycles, migrations, " +
        "repositories, architectures, Secure Boot and FIPS, images and kernels, errata, and who builds what from which sources.";

    public static KnowledgeAnswer Decline(IReadOnlyList<SearchHit> hits)
    {
        var nearest = hits.Take(3).ToList();
        var topics = string.Join("; ", nearest.Select(h => $"{h.Entry.Title} (`/faq {h.Entry.Id}`)"));
        var text = nearest.Count == 0
            ? "I don't know that one, and the FAQ corpus is empty."
            : $"I don't know that one; nearest topics: {topics}. {Covered}";
        return new KnowledgeAnswer(false, null, text, [], null, hits.Count == 0 ? 0 : hits[0].Score) { Nearest = nearest };
    }

    /// <summary>Whole paragraphs while they fit; a first paragraph that does not fit is cut at a sentence end.</summary>
    internal static string Fit(IReadOnlyList<string> paragraphs, int budget)
    {
        var text = new StringBuilder();
        foreach (var paragraph in paragraphs)
        {
            var separator = text.Length == 0 ? 0 : 2;
            if (text.Length + separator + paragraph.Length <= budget)
            {
                text.Append(separator == 0 ? "" : "\n\n").Append(paragraph);
                continue;
            }

            if (text.Length == 0)
            {
                text.Append(CutAtSentence(paragraph, budget));
            }

            break;
        }

        return text.ToString();
    }

    private static string CutAtSentence(string paragraph, int budget)
    {
        var limit = Math.Max(0, budget - 1);
        var cut = paragraph[..Math.Min(paragraph.Length, limit)];
        var end = cut.LastIndexOfAny(['.', '!', '?']);
        return (end > limit / 3 ? cut[..(end + 1)] : cut.TrimEnd()) + "…";
    }
}
