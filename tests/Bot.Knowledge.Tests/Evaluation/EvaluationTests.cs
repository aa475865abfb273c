using System.Globalization;
using System.Text;
using Bot.Knowledge.Tests.Support;
using Xunit.Abstractions;

namespace Bot.Knowledge.Tests.Evaluation;

/// <summary>
/// The retrieval floors of the Knowledge issue, on our own paraphrases (questions.yaml), through
/// the same path /ask takes. The figures go to the test output and to TestResults/knowledge-evaluation.txt.
/// </summary>
[Collection(ShippedKnowledgeCollection.Name)]
public sealed class EvaluationTests(ShippedKnowledge knowledge, ITestOutputHelper output)
{
    [Fact]
    public async Task Evaluation_TopOneAndDeclines_MeetTheFloors()
    {
        var set = EvaluationSet.Load();
        var ask = knowledge.Ask();
        var report = new StringBuilder();
        var correct = 0;
        foreach (var item in set.Answerable)
        {
            var answer = await ask.AskAsync(item.Q, default);
            var ok = answer.Answered && answer.EntryId == item.Expect;
            correct += ok ? 1 : 0;
            if (!ok)
            {
                report.AppendLine(CultureInfo.InvariantCulture, $"miss: \"{item.Q}\" -> {answer.EntryId ?? "declined"} ({answer.Score:F3}), want {item.Expect}");
            }
        }

        var declined = 0;
        foreach (var question in set.Offtopic)
        {
            var answer = await ask.AskAsync(question, default);
            declined += answer.Answered ? 0 : 1;
            if (answer.Answered)
            {
                report.AppendLine(CultureInfo.InvariantCulture, $"answered off-topic: \"{question}\" -> {answer.EntryId} ({answer.Score:F3})");
            }
        }

        var topOne = (double)correct / set.Answerable.Count;
        var declines = (double)declined / set.Offtopic.Count;
        var summary = string.Create(CultureInfo.InvariantCulture,
            $"knowledge evaluation: top-1 {correct}/{set.Answerable.Count} = {topOne:P1} (floor 90 %); declines {declined}/{set.Offtopic.Count} = {declines:P1} (floor 90 %)");
        report.Insert(0, summary + Environment.NewLine);
        output.WriteLine(report.ToString());
        var results = Path.Combine(RepoPaths.Root, "TestResults");
        Directory.CreateDirectory(results);
        await File.WriteAllTextAsync(Path.Combine(results, "knowledge-evaluation.txt"), report.ToString());

        Assert.True(set.Answerable.Count >= 60 && set.Offtopic.Count >= 15, "the evaluation set is smaller than the issue asks");
        Assert.True(topOne >= 0.90, summary);
        Assert.True(declines >= 0.90, summary);
    }

    [Fact]
    public void EvaluationQuestions_DifferFromTheCorpusOwnQuestions()
    {
        var own = knowledge.Corpus.Entries.SelectMany(e => e.Questions).Select(Normalize).ToHashSet(StringComparer.Ordinal);
        var set = EvaluationSet.Load();

        Assert.All(set.Answerable, a => Assert.DoesNotContain(Normalize(a.Q), own));
        Assert.All(set.Answerable, a => Assert.NotNull(knowledge.Corpus.Find(a.Expect)));
    }

    private static string Normalize(string text) => new([.. text.ToLowerInvariant().Where(char.IsLetterOrDigit)]);
}
