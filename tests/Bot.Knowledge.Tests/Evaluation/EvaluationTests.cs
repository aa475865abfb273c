using System.Globalization;
using System.Text;
using Bot.Knowledge.Answers;
using Bot.Knowledge.Retrieval;
using Bot.Knowledge.Tests.Support;
using Xunit.Abstractions;

namespace Bot.Knowledge.Tests.Evaluation;

/// <summary>
/// The retrieval floors of the Knowledge issues, on our own questions, through the same path /ask
/// takes, beside a plain BM25 over the same corpus in the same run, on every set of
/// <see cref="Sets"/>. The figures go to the test output and to TestResults/knowledge-evaluation.txt.
/// </summary>
[Collection(ShippedKnowledgeCollection.Name)]
public sealed class EvaluationTests(ShippedKnowledge knowledge, ITestOutputHelper output)
{
    [Fact]
    public async Task Evaluation_ParaphrasesNearMissesAndOffTopic_MeetTheFloors_BesideAPlainBm25()
    {
        var report = new StringBuilder();
        var sets = Sets().ToList();
        var offTopic = sets[0].Set.Offtopic;
        var measured = new List<(Figures Figures, double ParaphrasesFloor, int WrongCeiling, double NearMissesCeiling)>();
        foreach (var (name, set, paraphrasesFloor, wrongCeiling, nearMissesCeiling) in sets)
        {
            measured.Add((await MeasureAsync(name, set, offTopic, report), paraphrasesFloor, wrongCeiling, nearMissesCeiling));
        }

        output.WriteLine(report.ToString());
        var results = Path.Combine(RepoPaths.Root, "TestResults");
        Directory.CreateDirectory(results);
        await File.WriteAllTextAsync(Path.Combine(results, "knowledge-evaluation.txt"), report.ToString());

        var development = sets[0].Set;
        Assert.True(development.Answerable.Count >= 160 && development.Nearmiss.Count >= 80 && development.Offtopic.Count >= 15, "the evaluation set is smaller than the issues ask");
        Assert.All(sets.Skip(1), s => Assert.True(s.Set.Answerable.Count >= 59 && s.Set.Nearmiss.Count >= 60, $"{s.Name} is smaller than a held-out set should be"));
        Assert.All(measured, m =>
        {
            Assert.True(m.Figures.Paraphrases >= m.ParaphrasesFloor, m.Figures.Summary);
            Assert.True(m.Figures.Wrong <= m.WrongCeiling, m.Figures.Summary);
            Assert.True(m.Figures.NearMisses <= m.NearMissesCeiling, m.Figures.Summary);
            Assert.Equal(1.0, m.Figures.OffTopic);
        });
    }

    /// <summary>
    /// Every set, oldest first, each by another author, with floors of what the bot measures today
    /// (README "Knowledge", which says how each set was used), so that a change that answers more near
    /// misses, fewer paraphrases or more paraphrases with the wrong entry fails here. A set of 60 moves
    /// a figure by 1.7 points a question; each floor and ceiling leaves one question of slack.
    /// </summary>
    private static IEnumerable<(string Name, EvaluationSet Set, double ParaphrasesFloor, int WrongCeiling, double NearMissesCeiling)> Sets() =>
    [
        // The weights and rules were chosen on it.
        ("development set (questions.yaml)", EvaluationSet.Load(EvaluationSet.Development), 0.915, 11, 0.063),
        // Held out in the round that wrote it, development since.
        ("held-out set (heldout.yaml)", EvaluationSet.Load("heldout.yaml"), 0.91, 1, 0.04),
        // Held out until the next round's rules were half made.
        ("second held-out set (heldout2.yaml)", EvaluationSet.Load("heldout2.yaml"), 0.90, 1, 0.04),
        // Measured once with that round's rules, then read.
        ("third held-out set (heldout3.yaml)", EvaluationSet.Load("heldout3.yaml"), 0.71, 5, 0.051),
        // Measured once with the next round's rules, then read and tuned on.
        ("fourth held-out set (heldout4.yaml)", EvaluationSet.Load("heldout4.yaml"), 0.86, 3, 0.041),
        // Written last and measured once after every rule and weight was final (the honest figure),
        // then read: two rules came from its misses.
        ("fifth held-out set (heldout5.yaml)", EvaluationSet.Load("heldout5.yaml"), 0.91, 2, 0.026),
    ];

    [Fact]
    public void EvaluationQuestions_DifferFromTheCorpusOwnQuestions()
    {
        var own = knowledge.Corpus.Entries.SelectMany(e => e.Questions).Select(Normalize).ToHashSet(StringComparer.Ordinal);
        foreach (var set in Sets().Select(s => s.Set))
        {
            Assert.All(set.Answerable, a => Assert.DoesNotContain(Normalize(a.Q), own));
            Assert.All(set.Nearmiss, q => Assert.DoesNotContain(Normalize(q), own));
            Assert.All(set.Answerable, a => Assert.NotNull(knowledge.Corpus.Find(a.Expect)));
            Assert.All(set.Answerable.SelectMany(a => a.Also), id => Assert.NotNull(knowledge.Corpus.Find(id)));
        }
    }

    [Fact]
    public void HeldOutQuestions_AreNotQuestionsOfAnEarlierSet()
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var set in Sets().Select(s => s.Set))
        {
            var questions = set.Answerable.Select(a => a.Q).Concat(set.Nearmiss).Select(Normalize).ToList();
            Assert.All(questions, q => Assert.DoesNotContain(q, seen));
            seen.UnionWith(questions);
        }
    }

    private async Task<Figures> MeasureAsync(string name, EvaluationSet set, IReadOnlyList<string> developmentOffTopic, StringBuilder report)
    {
        var ask = knowledge.Ask();
        var misses = new StringBuilder();
        var (right, wrong, declined) = (0, 0, 0);
        foreach (var item in set.Answerable)
        {
            var answer = await ask.AskAsync(item.Q, default);
            if (answer.Answered && item.IsRight(answer.EntryId))
            {
                right++;
                continue;
            }

            (wrong, declined) = answer.Answered ? (wrong + 1, declined) : (wrong, declined + 1);
            misses.AppendLine(CultureInfo.InvariantCulture, $"paraphrase {(answer.Answered ? "WRONG" : "declined")}: \"{item.Q}\" -> {answer.EntryId ?? await WhyAsync(item.Q, answer)} ({answer.Score:F3}), want {item.Expect}");
        }

        var nearWrong = 0;
        foreach (var question in set.Nearmiss)
        {
            var answer = await ask.AskAsync(question, default);
            if (answer.Answered)
            {
                nearWrong++;
                misses.AppendLine(CultureInfo.InvariantCulture, $"near miss answered: \"{question}\" -> {answer.EntryId} ({answer.Score:F3})");
            }
        }

        var offDeclined = 0;
        foreach (var question in set.Offtopic)
        {
            var answer = await ask.AskAsync(question, default);
            offDeclined += answer.Answered ? 0 : 1;
            if (answer.Answered)
            {
                misses.AppendLine(CultureInfo.InvariantCulture, $"off-topic answered: \"{question}\" -> {answer.EntryId} ({answer.Score:F3})");
            }
        }

        var peer = PlainBm25(set, developmentOffTopic);
        var figures = new Figures(
            (double)right / set.Answerable.Count,
            wrong,
            (double)nearWrong / set.Nearmiss.Count,
            set.Offtopic.Count == 0 ? 1 : (double)offDeclined / set.Offtopic.Count,
            string.Create(CultureInfo.InvariantCulture,
                $"""
                knowledge evaluation, {name}: {knowledge.Corpus.Entries.Count} entries; {set.Answerable.Count} paraphrases, {set.Nearmiss.Count} near misses, {set.Offtopic.Count} far off-topic
                  bot:        paraphrases right {right} ({(double)right / set.Answerable.Count:P1}), wrong {wrong}, declined {declined}; near misses answered (wrong) {nearWrong} ({(double)nearWrong / set.Nearmiss.Count:P1}); far off-topic declined {offDeclined} of {set.Offtopic.Count}
                  plain BM25: paraphrases right {peer.Right} ({(double)peer.Right / set.Answerable.Count:P1}), wrong {peer.Wrong}, declined {set.Answerable.Count - peer.Right - peer.Wrong}; near misses answered (wrong) {peer.NearWrong} ({(double)peer.NearWrong / set.Nearmiss.Count:P1}) (threshold {peer.Threshold:F2}, the lowest that declines every far off-topic question)
                """));
        report.AppendLine(figures.Summary).Append(misses).AppendLine();
        return figures;
    }

    private async Task<string> WhyAsync(string question, KnowledgeAnswer answer) =>
        answer.Nearest.Count == 0 ? "-" : $"- ({answer.Nearest[0].Entry.Id}: {await knowledge.Index.WhyNotAboutAsync(question, answer.Nearest[0], default) ?? "below the threshold"})";

    /// <summary>
    /// The simplest peer: Okapi BM25 over each entry's title, questions, tags and answer, answering its
    /// best entry when the score reaches the lowest threshold that declines every far off-topic question.
    /// </summary>
    private (int Right, int Wrong, int NearWrong, double Threshold) PlainBm25(EvaluationSet set, IReadOnlyList<string> offTopic)
    {
        var bm25 = new Bm25Index();
        var entries = knowledge.Corpus.Entries;
        foreach (var entry in entries)
        {
            bm25.Add(TextAnalyzer.Terms(string.Join(' ', [entry.Title, .. entry.Questions, .. entry.Tags, entry.Body])));
        }

        (double Score, int Entry) Best(string question)
        {
            var scores = bm25.Score(TextAnalyzer.Terms(question));
            var best = Enumerable.Range(0, scores.Length).MaxBy(i => scores[i].Score);
            return (scores[best].Score, best);
        }

        var threshold = offTopic.Max(q => Best(q).Score) + 1e-9;
        var (right, wrong) = (0, 0);
        foreach (var item in set.Answerable)
        {
            var (score, entry) = Best(item.Q);
            if (score >= threshold)
            {
                (right, wrong) = item.IsRight(entries[entry].Id) ? (right + 1, wrong) : (right, wrong + 1);
            }
        }

        var nearWrong = set.Nearmiss.Count(q => Best(q).Score >= threshold);
        return (right, wrong, nearWrong, threshold);
    }

    private static string Normalize(string text) => new([.. text.ToLowerInvariant().Where(char.IsLetterOrDigit)]);

    private sealed record Figures(double Paraphrases, int Wrong, double NearMisses, double OffTopic, string Summary);
}
