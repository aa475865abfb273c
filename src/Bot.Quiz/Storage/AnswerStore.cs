using Bot.Core.Storage;

namespace Bot.Quiz.Storage;

/// <summary>The collection <c>quiz_answers</c>: every answer with its points, the source of every score.</summary>
internal sealed class AnswerStore(IDocumentStore store)
{
    internal const string Collection = "quiz_answers";
    internal const string FirstCollection = "quiz_first_correct";

    private readonly IDocumentCollection<AnswerDocument> _answers = store.Collection<AnswerDocument>(Collection);
    private readonly IDocumentCollection<FirstCorrectDocument> _first = store.Collection<FirstCorrectDocument>(FirstCollection);

    /// <summary>
    /// Records an answer and its points in one transaction: 1 for a correct answer, plus the bonus
    /// when it is the first correct one. Returns null when this person already answered. The ids
    /// make both checks hold across instances: an answer that reaches two at once is inserted once,
    /// and one question has one first correct answer.
    /// </summary>
    public AnswerDocument? Record(AnswerDocument answer, int bonus) => store.InTransaction(() =>
    {
        answer.Points = answer.Correct ? 1 : 0;
        answer.First = false;
        if (!_answers.TryInsert(answer))
        {
            return null;
        }

        if (answer.Correct && _first.TryInsert(new FirstCorrectDocument { Id = $"{answer.RoundId}:{answer.Index}", User = answer.UserId }))
        {
            answer.First = true;
            answer.Points += bonus;
            _answers.Update(answer);
        }

        return answer;
    });

    public IReadOnlyList<AnswerDocument> ForQuestion(string roundId, int index) =>
        [.. _answers.Where(new(nameof(AnswerDocument.RoundId), roundId), new(nameof(AnswerDocument.Index), index)).OrderBy(a => a.At)];

    public IReadOnlyList<AnswerDocument> ForRound(string roundId) => _answers.Where(new FieldMatch(nameof(AnswerDocument.RoundId), roundId));

    public IReadOnlyList<AnswerDocument> InScopeSince(string scope, DateTime since) =>
        [.. _answers.Where(new FieldMatch(nameof(AnswerDocument.Scope), scope)).Where(a => a.At.ToUniversalTime() >= since.ToUniversalTime())];
}

/// <summary>Who gave the first correct answer to a question, under <c>round:index</c>.</summary>
internal sealed class FirstCorrectDocument : IStoredDocument
{
    public string Id { get; set; } = "";

    public string User { get; set; } = "";
}
