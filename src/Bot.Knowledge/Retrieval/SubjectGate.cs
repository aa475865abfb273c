using Bot.Knowledge.Corpus;

namespace Bot.Knowledge.Retrieval;

/// <summary>
/// Judges whether an entry is about what a question asks, not only near it. A question near the
/// corpus ("how do I set a static IP on AlmaLinux 9?") scores well against some entry because it
/// shares the distribution's name and the style of the corpus's questions; answering it with that
/// entry is worse than declining. The entry must name one of the question's subjects in its title,
/// tags or questions; the question may bring along at most one rarer word of other entries and one
/// ordinary word the entry does not use (everyday words are free, see <see cref="OrdinaryWords"/>),
/// and no jargon the corpus has never seen (a technology it does not cover: nmcli, WireGuard, XFS).
/// Whatever its score, the entry must also hold the kind of fact asked for (<see cref="AskedFor"/>).
/// Chosen on the evaluation's near misses and paraphrases (tests/Bot.Knowledge.Tests/Evaluation).
/// </summary>
internal sealed class SubjectGate
{
    /// <summary>A score this high is a paraphrase of the entry's own questions: no further check.</summary>
    internal const double SureScore = 0.8;

    /// <summary>A term in this many entries or more is the domain's common vocabulary, not a subject.</summary>
    private const int CommonInEntries = 8;

    /// <summary>How many of other entries' rarer words a question may bring along ("...with kABI in mind").</summary>
    private const int RareForeignAllowed = 1;

    /// <summary>How many ordinary words that the entry does not use a question may bring along ("...for my RAID card").</summary>
    private const int OrdinaryForeignAllowed = 1;

    /// <summary>
    /// Words that name no subject in these channels: the distributions everyone mentions, and chat
    /// filler. Kept short and general; a word only a few entries use is a subject by its rarity.
    /// </summary>
    private static readonly HashSet<string> Unspecific = new(
        TextAnalyzer.Terms(
            "alma almalinux rocky linux rhel red hat enterprise el el7 el8 el9 el10 distro distribution os server servers " +
            "system systems centos oracle ol use using install installed work working run running new old version versions " +
            "release releases box boxes people guy guys stuff like actually real ok okay anymore doesnt dont didnt isnt cant " +
            "wont im ive whats thats yet already ever even since well good bad best better help anyone someone something " +
            "general practice come going gone one two see find found look try tried said say heard hey hi thanks pls u " +
            "difference between vs versus only older newer latest current today exactly basically"),
        StringComparer.Ordinal);

    private readonly Dictionary<string, int> _entriesWithTerm = new(StringComparer.Ordinal);
    // By reference: an entry is a record, and hashing its whole answer on every question is waste.
    private readonly Dictionary<FaqEntry, (HashSet<string> Topic, HashSet<string> All, string Text)> _entries = new(ReferenceEqualityComparer.Instance);

    public SubjectGate(FaqCorpus corpus)
    {
        ArgumentNullException.ThrowIfNull(corpus);
        foreach (var entry in corpus.Entries)
        {
            // Folded and plain: "bug-for-bug" in a title is about a question's "bugs" too.
            var heading = string.Join(' ', [entry.Title, .. entry.Tags, .. entry.Questions]);
            var topic = TextAnalyzer.Terms(heading).Concat(TextAnalyzer.Terms(heading, foldPhrases: false)).ToHashSet(StringComparer.Ordinal);
            var all = new HashSet<string>(topic, StringComparer.Ordinal);
            all.UnionWith(TextAnalyzer.Terms(entry.Body));
            topic.ExceptWith(Unspecific);
            _entries[entry] = (topic, all, string.Join('\n', [entry.Title, .. entry.Questions, entry.Body]).ToLowerInvariant());
            foreach (var term in all)
            {
                _entriesWithTerm[term] = _entriesWithTerm.GetValueOrDefault(term) + 1;
            }
        }
    }

    /// <summary>Whether <paramref name="hit"/>'s entry answers what <paramref name="question"/> is about.</summary>
    public bool Admits(string question, SearchHit hit) => Refusal(question, hit) is null;

    /// <summary>Why <paramref name="hit"/>'s entry does not answer <paramref name="question"/>, or null when it does.</summary>
    public string? Refusal(string question, SearchHit hit)
    {
        ArgumentNullException.ThrowIfNull(hit);
        var (topic, all, text) = _entries[hit.Entry];
        if (!AskedFor.IsIn(question, text))
        {
            return "the entry does not state the kind of fact asked for";
        }

        if (hit.Score >= SureScore)
        {
            return null;
        }

        var subjects = TextAnalyzer.Terms(question).Where(t => !Unspecific.Contains(t) && !IsNumber(t)).ToHashSet(StringComparer.Ordinal);
        if (!subjects.Overlaps(topic) && !TextAnalyzer.Terms(question, foldPhrases: false).Any(t => !Unspecific.Contains(t) && topic.Contains(t)))
        {
            return "none of the question's subjects is the entry's topic";
        }

        // Jargon the corpus never mentions is a technology it does not cover; an ordinary word it never
        // uses is only another way of asking, and counts as one foreign word.
        var jargon = subjects.Where(t => !_entriesWithTerm.ContainsKey(t) && !OrdinaryWords.Stems.Contains(t)).ToList();
        if (jargon.Count > 0)
        {
            return $"the corpus never mentions {string.Join(", ", jargon)}";
        }

        var foreign = Foreign(subjects, all);
        // Steps are only given for what the entry names: "how do I become a mirror" is not answered
        // by an entry about the images that mirrors carry.
        if (AskedFor.IsHowTo(question) ? foreign.Count > 0
            : foreign.Count(OrdinaryWords.Stems.Contains) > OrdinaryForeignAllowed || foreign.Count(t => !OrdinaryWords.Stems.Contains(t)) > RareForeignAllowed)
        {
            return $"the entry does not mention {string.Join(", ", foreign)}";
        }

        return null;
    }

    private List<string> Foreign(HashSet<string> subjects, HashSet<string> all) =>
        subjects.Where(t => !all.Contains(t) && _entriesWithTerm.GetValueOrDefault(t) < CommonInEntries && !OrdinaryWords.Everyday.Contains(t)).ToList();

    private static bool IsNumber(string term) => term.All(char.IsDigit);
}
