using System.Globalization;
using System.Text;
using Bot.Knowledge.Retrieval;
using Bot.Knowledge.Tests.Support;
using Xunit.Abstractions;

namespace Bot.Knowledge.Tests.Evaluation;

/// <summary>
/// The retrieval floors of the Knowledge issues, on our own questions (questions.yaml), through the
/// same path /ask takes, beside a plain BM25 over the same corpus in the same run. The figures go to
/// the test output and to TestResults/knowledge-evaluation.txt.
/// </summary>
[Collection(ShippedKnowledgeCollection.Name)]
public sealed class EvaluationTests(ShippedKnowledge knowledge, ITestOutputHelper output)
{
    // Floors of what the bot measures today (README "Knowledge"), so that a change that makes it
    // answer more near misses, or fewer paraphrases, fails here.
    private const double ParaphrasesRightFloor = 0.75;
    private const double NearMissesWrongCeiling = 0.16;

    [Fact]
    public async Task Evaluation_ParaphrasesNearMissesAndOffTopic_MeetTheFloors_BesideAPlainBm25()
    {
        var set = EvaluationSet.Load();
        var ask = knowledge.Ask();
        var report = new StringBuilder();
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
            report.AppendLine(CultureInfo.InvariantCulture, $"paraphrase {(answer.Answered ? "WRONG" : "declined")}: \"{item.Q}\" -> {answer.EntryId ?? "-"} ({answer.Score:F3}), want {item.Expect}");
        }

        var nearWrong = 0;
        foreach (var question in set.Nearmiss)
        {
            var answer = await ask.AskAsync(question, default);
            if (answer.Answered)
            {
                nearWrong++;
                report.AppendLine(CultureInfo.InvariantCulture, $"near miss answered: \"{question}\" -> {answer.EntryId} ({answer.Score:F3})");
            }
        }

        var offDeclined = 0;
        foreach (var question in set.Offtopic)
        {
            var answer = await ask.AskAsync(question, default);
            offDeclined += answer.Answered ? 0 : 1;
            if (answer.Answered)
            {
                report.AppendLine(CultureInfo.InvariantCulture, $"off-topic answered: \"{question}\" -> {answer.EntryId} ({answer.Score:F3})");
            }
        }

        var peer = PlainBm25(set);
        var paraphrases = (double)right / set.Answerable.Count;
        var nearMisses = (double)nearWrong / set.Nearmiss.Count;
        var offTopic = (double)offDeclined / set.Offtopic.Count;
        var summary = string.Create(CultureInfo.InvariantCulture,
            $"""
            knowledge evaluation ({knowledge.Corpus.Entries.Count} entries; {set.Answerable.Count} paraphrases, {set.Nearmiss.Count} near misses, {set.Offtopic.Count} far off-topic)
              bot:        paraphrases right {right} ({paraphrases:P1}), wrong {wrong}, declined {declined}; near misses answered (wrong) {nearWrong} ({nearMisses:P1}); far off-topic declined {offDeclined} ({offTopic:P1})
              plain BM25: paraphrases right {peer.Right} ({(double)peer.Right / set.Answerable.Count:P1}), wrong {peer.Wrong}, declined {set.Answerable.Count - peer.Right - peer.Wrong}; near misses answered (wrong) {peer.NearWrong} ({(double)peer.NearWrong / set.Nearmiss.Count:P1}); far off-topic declined 100 % (threshold {peer.Threshold:F2}, the lowest that declines them all)
            """);
        report.Insert(0, summary + Environment.NewLine);
        output.WriteLine(report.ToString());
        var results = Path.Combine(RepoPaths.Root, "TestResults");
        Directory.CreateDirectory(results);
        await File.WriteAllTextAsync(Path.Combine(results, "knowledge-evaluation.txt"), report.ToString());

        Assert.True(set.Answerable.Count >= 160 && set.Nearmiss.Count >= 80 && set.Offtopic.Count >= 15, "the evaluation set is smaller than the issues ask");
        Assert.True(paraphrases >= ParaphrasesRightFloor, summary);
        Assert.True(nearMisses <= NearMissesWrongCeiling, summary);
        Assert.Equal(set.Offtopic.Count, offDeclined);
    }

    [Fact]
    public void EvaluationQuestions_DifferFromTheCorpusOwnQuestions()
    {
        var own = knowledge.Corpus.Entries.SelectMany(e => e.Questions).Select(Normalize).ToHashSet(StringComparer.Ordinal);
        var set = EvaluationSet.Load();

        Assert.All(set.Answerable, a => Assert.DoesNotContain(Normalize(a.Q), own));
        Assert.All(set.Nearmiss, q => Assert.DoesNotContain(Normalize(q), own));
        Assert.All(set.Answerable, a => Assert.NotNull(knowledge.Corpus.Find(a.Expect)));
    }

    /// <summary>
    /// The simplest peer: Okapi BM25 over each entry's title, questions, tags and answer, answering its
    /// best entry when the score reaches the lowest threshold that declines every far off-topic question.
    /// </summary>
    private (int Right, int Wrong, int NearWrong, double Threshold) PlainBm25(EvaluationSet set)
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

        var threshold = set.Offtopic.Max(q => Best(q).Score) + 1e-9;
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
}
