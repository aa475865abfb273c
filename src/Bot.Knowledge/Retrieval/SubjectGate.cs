using System.Text.RegularExpressions;
using Bot.Knowledge.Corpus;

namespace Bot.Knowledge.Retrieval;

/// <summary>
/// Judges whether an entry is about what a question asks, not only near it. A question near the
/// corpus ("how do I set a static IP on AlmaLinux 9?") scores well against some entry because it
/// shares the distribution's name and the style of the corpus's questions; answering it with that
/// entry is worse than declining. In order:
/// <list type="number">
/// <item>At any score, the entry holds the kind of fact asked for (<see cref="AskedFor"/>), and the
/// thing a "who's the / what's the X of …" question wants: X in the entry, the release named in its
/// answer, and for a role, the holder's name; an entry whose title is about other major releases
/// names the one asked about.</item>
/// <item>Below <see cref="SureScore"/>: another operating system the question names is in the entry;
/// the entry's title, tags or questions name one of the question's subjects; the corpus knows the
/// question's jargon (a technology it never mentions: nmcli, WireGuard) unless the question names two
/// of the entry's topic words, and always its hyphenated names (epel-next); a how-to's steps and its
/// verb are in the entry.</item>
/// <item>Below <see cref="CloseScore"/>: the question brings along few words the entry does not use
/// (everyday words are free, see <see cref="OrdinaryWords"/>), more for a longer question; two English
/// words run together ("username") count as an ordinary word here, though not for the jargon check.</item>
/// </list>
/// Chosen on the evaluation's near misses and paraphrases (tests/Bot.Knowledge.Tests/Evaluation).
/// </summary>
internal sealed partial class SubjectGate
{
    /// <summary>What the gate says of a question and an entry.</summary>
    /// <param name="Refusal">Why the entry does not answer the question, or null when it does.</param>
    /// <param name="ContextWords">
    /// When the only reason is ordinary words the entry does not use, those words (stems): the entry
    /// answers if they are context ("my boss is paranoid…"), not if they are what is asked about.
    /// </param>
    internal sealed record Verdict(string? Refusal, IReadOnlyList<string> ContextWords)
    {
        public static Verdict Admitted { get; } = new(null, []);
    }

    /// <summary>A score this high is a paraphrase of the entry's own questions: no further check.</summary>
    internal const double SureScore = 0.8;

    /// <summary>
    /// From this score the subjects, jargon and a how-to's words are still checked, but other words the
    /// entry does not use are not: a question this near an entry's own ways of asking it is long or
    /// chatty, not about more.
    /// </summary>
    internal const double CloseScore = 0.65;

    /// <summary>A term in this many entries or more is the domain's common vocabulary, not a subject.</summary>
    private const int CommonInEntries = 8;

    /// <summary>How many of other entries' rarer words a question may bring along ("...with kABI in mind").</summary>
    private const int RareForeignAllowed = 1;

    /// <summary>How many ordinary words that the entry does not use a question may bring along ("...for my RAID card").</summary>
    private const int OrdinaryForeignAllowed = 1;

    /// <summary>
    /// A long question carries context ("our rhel 8 fleet still boots legacy bios..."): it may bring one
    /// ordinary word the entry does not use for every two of its subjects the entry does use (at least
    /// <see cref="OrdinaryForeignAllowed"/>), and a how-to as many words of any kind.
    /// </summary>
    private const double ForeignPerCovered = 0.5;

    /// <summary>
    /// A question naming two or more of the entry's topic words is about that entry, and one word the
    /// corpus never uses is then a detail of it ("gtx 1080 stopped working after the nvidia update").
    /// </summary>
    private const int AnchorsForJargon = 2;

    /// <summary>
    /// Words that name no subject in these channels: the distributions everyone mentions, and chat
    /// filler. Kept short and general; a word only a few entries use is a subject by its rarity.
    /// </summary>
    private static readonly HashSet<string> Unspecific = new(
        TextAnalyzer.Terms(
            "alma almalinux rocky linux rhel red hat enterprise el distro distribution os server servers " +
            "system systems centos oracle ol use using install installed work working run running new old version versions " +
            "release releases box boxes people guy guys stuff like actually real ok okay anymore doesnt dont didnt isnt cant " +
            "wont hasnt havent wasnt arent werent shouldnt wouldnt couldnt youre theyre theres heres im ive whats thats " +
            "yet already ever even since well good bad best better help anyone someone something " +
            "general practice come going gone one two see find found look try tried said say heard hey hi thanks pls u " +
            "difference between vs versus only older newer latest current today exactly basically " +
            "lol lmao tbh btw imo imho afaik iirc fwiw ppl nah yeah yep gonna wanna gotta kinda sorta em ya w wo idk cmd pkg"),
        StringComparer.Ordinal);

    /// <summary>
    /// Nouns that frame a question rather than name the fact it wants: "what is the meaning of …",
    /// "what's the difference between …". Any entry on the subject answers them.
    /// </summary>
    private static readonly HashSet<string> FramingNouns = new(
        TextAnalyzer.Terms(
            "meaning point purpose difference differences deal story reason reasons status state situation idea plan plans " +
            "future history role relationship impact effect effects benefit benefits advantage advantages goal goals risk risks " +
            "catch problem issue issues alternative alternatives option options way ways thing best easiest right proper " +
            "recommended official current default actual real whole main"),
        StringComparer.Ordinal);

    /// <summary>Verbs that say nothing of the action itself ("how do I make …", "how do I turn on …").</summary>
    private static readonly HashSet<string> GeneralVerbs = new(
        TextAnalyzer.Terms("make go use let put find see add turn switch set", foldPhrases: false), StringComparer.Ordinal);

    /// <summary>Verbs that are stop words of <see cref="TextAnalyzer"/>, and as general as <see cref="GeneralVerbs"/>.</summary>
    private static readonly HashSet<string> StopWordVerbs = new(["get", "tell", "know", "do", "have", "be", "need", "want", "mean"], StringComparer.Ordinal);

    /// <summary>Words between "how do I" and its verb that are not the verb ("how do I even/safely/quickly …").</summary>
    private static readonly HashSet<string> Adverbs = new(
        TextAnalyzer.Terms("even ever actually really just quickly safely easily properly permanently correctly finally first still also then", foldPhrases: false),
        StringComparer.Ordinal);

    /// <summary>
    /// Other operating systems. A question about one of them is about it, however much else it shares
    /// with an entry: "does ubuntu pro include fips packages" is not answered by AlmaLinux's FIPS entry.
    /// </summary>
    private static readonly HashSet<string> OtherSystems = new(
        TextAnalyzer.Terms("ubuntu debian suse sles opensuse fedora openeuler anolis opencloudos gentoo freebsd macos", foldPhrases: false),
        StringComparer.Ordinal);

    /// <summary>Other operating systems named by a word that alone names something else ("amazon", "arch").</summary>
    private static readonly string[] OtherSystemNames = ["amazon linux", "arch linux", "linux mint", "kali linux"];

    private readonly string _corpusText;
    // The corpus's hyphenated names written run together: "risc-v" is "riscv", "sha-1" "sha1".
    private readonly HashSet<string> _hyphenatedRunTogether;
    private readonly Dictionary<string, int> _entriesWithTerm = new(StringComparer.Ordinal);
    // By reference: an entry is a record, and hashing its whole answer on every question is waste.
    private readonly Dictionary<FaqEntry, (HashSet<string> Topic, HashSet<string> All, HashSet<string> Body, string Text)> _entries = new(ReferenceEqualityComparer.Instance);
    // The major releases an entry's title is about, and those it names anywhere.
    private readonly Dictionary<FaqEntry, (HashSet<string> About, HashSet<string> Named)> _releases = new(ReferenceEqualityComparer.Instance);

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
            topic.RemoveWhere(IsUnspecific);
            _entries[entry] = (topic, all, TextAnalyzer.Terms(entry.Body, foldPhrases: false).ToHashSet(StringComparer.Ordinal), string.Join('\n', [entry.Title, .. entry.Questions, entry.Body]).ToLowerInvariant());
            _releases[entry] = (MajorReleases(entry.Title.ToLowerInvariant()), MajorReleases(_entries[entry].Text, versionsToo: true));
            foreach (var term in all)
            {
                _entriesWithTerm[term] = _entriesWithTerm.GetValueOrDefault(term) + 1;
            }
        }

        _corpusText = string.Join('\n', _entries.Values.Select(e => e.Text));
        _hyphenatedRunTogether = Compound().Matches(_corpusText).Select(m => m.Value.Replace("-", "", StringComparison.Ordinal)).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>
    /// Whether <paramref name="hit"/>'s entry answers what <paramref name="question"/> is about, as far
    /// as words can tell: a refusal only for ordinary English words the entry does not use names them
    /// (<see cref="Verdict.ContextWords"/>), since whether they are context or the subject is a question
    /// of meaning (see <see cref="KnowledgeIndex"/>).
    /// </summary>
    public Verdict Judge(string question, SearchHit hit)
    {
        ArgumentNullException.ThrowIfNull(hit);
        var context = new List<string>();
        var refusal = Refusal(question, hit, context);
        return refusal is not null ? new Verdict(refusal, [])
            : context.Count > 0 ? new Verdict($"the entry does not mention {string.Join(", ", context)}", context)
            : Verdict.Admitted;
    }

    /// <summary>
    /// Why the gate refuses, or null when it admits. A rule that would refuse only for whole English words
    /// the entry does not use adds them to <paramref name="context"/> and lets the later rules judge.
    /// </summary>
    private string? Refusal(string question, SearchHit hit, List<string> context)
    {
        var (topic, all, body, text) = _entries[hit.Entry];
        if (!AskedFor.IsIn(question, text))
        {
            return "the entry does not state the kind of fact asked for";
        }

        // The fact asked for ("who's the current chair of …", "what's the codename of 9.5") must be in
        // the entry, and about the release named.
        var lower = question.ToLowerInvariant();
        var focus = Focus().Match(lower);
        if (focus.Success && TextAnalyzer.Terms(focus.Groups["focus"].Value, foldPhrases: false) is [var wanted]
            && !FramingNouns.Contains(wanted) && !IsUnspecific(wanted)
            && ((!all.Contains(wanted) && !body.Contains(wanted)) || !AskedFor.NamedVersionsAreIn(lower, hit.Entry.Body.ToLowerInvariant())
                || (focus.Groups["who"].Success && !NamesSomeone(hit.Entry.Body, focus.Groups["focus"].Value))))
        {
            return $"the entry does not state the {focus.Groups["focus"].Value} asked for";
        }

        // An entry whose title is about some major releases does not answer a question about another
        // that it never names, however alike the rest reads: "rhel 10 els end date" is not answered
        // by RHEL 7's ELS, while CentOS 7's extended support entry, which names CentOS 6, may be.
        var asked = MajorReleases(lower);
        var releases = _releases[hit.Entry];
        if (asked.Count > 0 && releases.About.Count > 0 && !asked.Overlaps(releases.Named))
        {
            return $"the entry is about release {string.Join(", ", releases.About)}, not {string.Join(", ", asked)}";
        }

        if (hit.Score >= SureScore)
        {
            return null;
        }

        var subjects = TextAnalyzer.Terms(question).Where(t => !IsUnspecific(t) && !IsNumber(t)).ToHashSet(StringComparer.Ordinal);
        var otherSystems = subjects.Where(t => OtherSystems.Contains(t) && !body.Contains(t))
            .Concat(OtherSystemNames.Where(name => lower.Contains(name, StringComparison.Ordinal) && !text.Contains(name, StringComparison.Ordinal))).ToList();
        if (otherSystems.Count > 0)
        {
            return $"the entry is not about {string.Join(", ", otherSystems)}";
        }

        if (!subjects.Overlaps(topic) && !TextAnalyzer.Terms(question, foldPhrases: false).Any(t => !IsUnspecific(t) && topic.Contains(t)))
        {
            return "none of the question's subjects is the entry's topic";
        }

        // Jargon the corpus never mentions is a technology it does not cover; an ordinary word it never
        // uses is only another way of asking, and counts as one foreign word.
        var covered = subjects.Count(t => all.Contains(t) && !OrdinaryWords.Everyday.Contains(t));
        var anchors = subjects.Count(t => topic.Contains(t));
        // Run-together words are not excused here: "wireguard" is two English words and a technology.
        var jargon = subjects.Where(t => !_entriesWithTerm.ContainsKey(t) && !OrdinaryWords.Stems.Contains(t) && !IsCorpusPhraseRunTogether(t)).ToList();
        if (jargon.Count > (anchors >= AnchorsForJargon ? 1 : 0))
        {
            return $"the corpus never mentions {string.Join(", ", jargon)}";
        }

        // A hyphenated name is one tool or product ("epel-next", "podman-compose", "virt-manager"):
        // that the corpus mentions its parts does not make it mention the name, and however much else
        // of the entry the question names, a product the corpus never mentions is not a detail.
        var unknownNames = Compound().Matches(lower).Select(m => m.Value).Distinct(StringComparer.Ordinal)
            .Where(IsNamed).Where(name => !_corpusText.Contains(WithoutBuild(name), StringComparison.Ordinal)).ToList();
        if (unknownNames.Count > 0)
        {
            return $"the corpus never mentions {string.Join(", ", unknownNames)}";
        }

        var foreign = Foreign(subjects, all);
        // Steps are only given for what the entry names, however near it is: "how do I become a mirror"
        // is not answered by an entry about the images that mirrors carry.
        if (AskedFor.IsHowTo(question) && foreign.Count > (int)(covered * ForeignPerCovered))
        {
            if (!foreign.All(IsEnglishWord))
            {
                return $"the entry does not mention {string.Join(", ", foreign)}";
            }

            context.AddRange(foreign);
        }

        // ... and only for the action asked about: "how do I become a board member" is not answered by
        // an entry that says members elect the board.
        if (HowToVerb(lower) is { } verb && !body.Contains(verb.Term))
        {
            return $"the entry does not say how to {verb.Word}";
        }

        // Near enough, a question's ordinary extra words only say how it is asked ("... is that doable?").
        if (hit.Score < CloseScore)
        {
            if (foreign.Count(t => !OrdinaryWords.IsOrdinary(t)) > RareForeignAllowed)
            {
                return $"the entry does not mention {string.Join(", ", foreign)}";
            }

            var ordinary = foreign.Where(OrdinaryWords.IsOrdinary).ToList();
            if (ordinary.Count > Math.Max(OrdinaryForeignAllowed, (int)(covered * ForeignPerCovered)))
            {
                context.AddRange(foreign.Except(context, StringComparer.Ordinal));
            }
        }

        return null;
    }

    /// <summary>
    /// A whole word of the vocabulary: only such a word may be judged context by meaning, since a
    /// run-together one is as often a product ("rpmsign", "wireguard").
    /// </summary>
    private static bool IsEnglishWord(string term) => OrdinaryWords.Stems.Contains(term);

    private List<string> Foreign(HashSet<string> subjects, HashSet<string> all) =>
        subjects.Where(t => !all.Contains(t) && _entriesWithTerm.GetValueOrDefault(t) < CommonInEntries && !OrdinaryWords.Everyday.Contains(t)).ToList();

    /// <summary>
    /// The major releases a text names with a distribution: "rhel 10", "el9", "el9_4" and "rocky linux
    /// 8.10" name 10, 9, 9 and 8, "rhel 8 and 9" and "rhel 8/9" both. With <paramref name="versionsToo"/>,
    /// "version 10" counts as well: an entry that says so names the release, though a question's
    /// "python version 3" is no release of the system.
    /// </summary>
    private static HashSet<string> MajorReleases(string lower, bool versionsToo = false) =>
        DistributionRelease().Matches(lower).Where(m => versionsToo || !m.Groups["version"].Success)
            .SelectMany(m => m.Groups["major"].Captures.Select(c => c.Value)).ToHashSet(StringComparer.Ordinal);

    [GeneratedRegex(@"\b(?:rhel|el|alma(?:linux)?|rocky(?: ?linux)?|centos(?: ?(?:stream|linux))?|oracle ?linux|ol|(?<version>version))[ -]?(?<major>\d{1,2})(?:[._]\d+)?(?:\s*(?:,|/|and|or)\s*(?<major>\d{1,2})(?:[._]\d+)?)*\b")]
    private static partial Regex DistributionRelease();

    /// <summary>
    /// A word of <see cref="Unspecific"/>, or a distribution and its release run together ("el9",
    /// "ol9", "rhel8", "alma10"): as unspecific as the distribution's name, and the release check has
    /// judged the number.
    /// </summary>
    private static bool IsUnspecific(string term) => Unspecific.Contains(term) || RunTogetherRelease().IsMatch(term);

    [GeneratedRegex(@"^(?:rhel|el|ol|alma|almalinux|rocky|centos|oracle)\d{1,2}$")]
    private static partial Regex RunTogetherRelease();

    /// <summary>A number, or a time of day ("3am"): neither names a subject.</summary>
    private static bool IsNumber(string term) => term.All(char.IsDigit) || TimeOfDay().IsMatch(term);

    [GeneratedRegex(@"^\d{1,2}(?:am|pm)$")]
    private static partial Regex TimeOfDay();

    /// <summary>
    /// "secureboot" and "riscv" are how chat writes the corpus's "secure boot" and "risc-v", not
    /// technologies it never mentions: two words of the corpus, or one of its hyphenated names whole.
    /// </summary>
    private bool IsCorpusPhraseRunTogether(string term)
    {
        if (_hyphenatedRunTogether.Contains(term))
        {
            return true;
        }

        for (var cut = 2; cut <= term.Length - 2; cut++)
        {
            if (_corpusText.Contains(string.Concat(term.AsSpan(0, cut), " ", term.AsSpan(cut)), StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The name without its trailing version or architecture parts: "shim-x64" is shim built for x64,
    /// "kernel-5" a kernel; "python3-devel" keeps its parts.
    /// </summary>
    private static string WithoutBuild(string compound)
    {
        var parts = compound.Split('-').ToList();
        while (parts.Count > 1 && parts[^1].Any(char.IsDigit))
        {
            parts.RemoveAt(parts.Count - 1);
        }

        return string.Join('-', parts);
    }

    /// <summary>A compound names something of its own when one of its parts is jargon, not English, a distribution or a number.</summary>
    private static bool IsNamed(string compound) =>
        compound.Split('-').Any(part => TextAnalyzer.Terms(part, foldPhrases: false) is [var term]
            && !OrdinaryWords.Stems.Contains(term) && !IsUnspecific(term) && !term.Any(char.IsDigit));

    [GeneratedRegex(@"(?<![\w./-])[a-z][a-z0-9]*(?:-[a-z0-9]+)+(?![\w/-])")]
    private static partial Regex Compound();

    /// <summary>
    /// Whether <paramref name="body"/> names the holder of the role beside it ("President Jane Doe",
    /// "Jane Doe, its president"): an entry that only says the role exists does not say who holds it.
    /// </summary>
    private static bool NamesSomeone(string body, string role)
    {
        const string name = @"[A-Z][a-z]+ (?:[A-Z]\. )?[A-Z][a-z]+\b";
        // "founders" asks for the founder: the body names one at a time.
        var r = Regex.Escape(role.EndsWith('s') ? role[..^1] : role);
        return Regex.IsMatch(
            body,
            $@"\b(?i:{r})s?\b,?\s+(?:(?i:is|was|by)\s+)?{name}|\b{name},?\s+(?:(?i:is|as|was)\s+)?(?:(?i:the|its|their)\s+)?(?:[\w-]+\s+)?(?i:{r})s?\b",
            RegexOptions.None,
            TimeSpan.FromMilliseconds(100));
    }

    [GeneratedRegex(@"\b(?:(?<who>who)|what|which)(?:'s|\u2019s|\s+is|\s+are|\s+was|\s+were)\s+the\s+(?:(?:current|official|default|actual|present|new)\s+)*(?<focus>[a-z][a-z0-9]*)\s+(?:of|for|at|in|on|behind)\b")]
    private static partial Regex Focus();

    /// <summary>
    /// The action of a how-to: the first word after "how do I" / "how to" that is not filler ("how do
    /// you guys even install …" asks how to install), or null for a general verb or none.
    /// </summary>
    private static (string Word, string Term)? HowToVerb(string lowerQuestion)
    {
        var action = HowToAction().Match(lowerQuestion);
        if (!action.Success)
        {
            return null;
        }

        foreach (var word in action.Groups["rest"].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            // "how can I tell …", "how do I get …": a verb the analyzer drops as a stop word is general too.
            if (StopWordVerbs.Contains(word))
            {
                return null;
            }

            if (TextAnalyzer.Terms(word, foldPhrases: false) is [var term] && !IsUnspecific(term) && !Adverbs.Contains(term))
            {
                return GeneralVerbs.Contains(term) ? null : (word, term);
            }
        }

        return null;
    }

    [GeneratedRegex(@"\bhow (?:do|can|should|would|could) (?:i|we|you|one)\b(?<rest>(?: [a-z'-]+){1,4})|\bhow to\b(?<rest>(?: [a-z'-]+){1,4})")]
    private static partial Regex HowToAction();
}
