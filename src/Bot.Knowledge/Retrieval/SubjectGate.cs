using Bot.Knowledge.Corpus;

namespace Bot.Knowledge.Retrieval;

/// <summary>
/// Judges whether an entry is about what a question asks, not only near it. A question near the
/// corpus ("how do I set a static IP on AlmaLinux 9?") scores well against some entry because it
/// shares the distribution's name and the style of the corpus's questions; answering it with that
/// entry is worse than declining. The entry must name one of the question's subjects in its title,
/// tags or questions, and the question may not bring more than one subject of another entry or any
/// word the corpus has never seen (a technology the corpus does not cover: nmcli, WireGuard, Samba).
/// Chosen on the evaluation's near misses and paraphrases (tests/Bot.Knowledge.Tests/Evaluation).
/// </summary>
internal sealed class SubjectGate
{
    /// <summary>A score this high is a paraphrase of the entry's own questions: no further check.</summary>
    internal const double SureScore = 0.8;

    /// <summary>A term in this many entries or more is the domain's common vocabulary, not a subject.</summary>
    private const int CommonInEntries = 8;

    /// <summary>How many subjects of other entries a question may bring along ("...for my RAID card").</summary>
    private const int ForeignSubjectsAllowed = 1;

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
    private readonly Dictionary<FaqEntry, (HashSet<string> Topic, HashSet<string> All)> _entries = new(ReferenceEqualityComparer.Instance);

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
            _entries[entry] = (topic, all);
            foreach (var term in all)
            {
                _entriesWithTerm[term] = _entriesWithTerm.GetValueOrDefault(term) + 1;
            }
        }
    }

    /// <summary>Whether <paramref name="hit"/>'s entry answers what <paramref name="question"/> is about.</summary>
    public bool Admits(string question, SearchHit hit)
    {
        ArgumentNullException.ThrowIfNull(hit);
        if (hit.Score >= SureScore)
        {
            return true;
        }

        var (topic, all) = _entries[hit.Entry];
        var subjects = TextAnalyzer.Terms(question).Where(t => !Unspecific.Contains(t) && !IsNumber(t)).ToHashSet(StringComparer.Ordinal);
        if (!subjects.Overlaps(topic) && !TextAnalyzer.Terms(question, foldPhrases: false).Any(t => !Unspecific.Contains(t) && topic.Contains(t)))
        {
            return false;
        }

        if (subjects.Any(t => !_entriesWithTerm.ContainsKey(t)))
        {
            return false;
        }

        var foreign = subjects.Count(t => !all.Contains(t) && _entriesWithTerm[t] < CommonInEntries);
        return foreign <= ForeignSubjectsAllowed;
    }

    private static bool IsNumber(string term) => term.All(char.IsDigit);
}
