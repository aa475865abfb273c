using LiteDB;

namespace Bot.Quiz.Storage;

/// <summary>The collection <c>quiz_answers</c>: every answer with its points, the source of every score.</summary>
internal sealed class AnswerStore(ILiteDatabase database)
{
    internal const string Collection = "quiz_answers";
    internal const string FirstCollection = "quiz_first_correct";

    private readonly ILiteCollection<AnswerDocument> _answers = database.GetCollection<AnswerDocument>(Collection);
    private readonly ILiteCollection<BsonDocument> _first = database.GetCollection(FirstCollection);
    private readonly Lock _write = new();

    /// <summary>
    /// Records an answer and its points in one transaction: 1 for a correct answer, plus the bonus
    /// when it is the first correct one. Returns null when this person already answered.
    /// </summary>
    public AnswerDocument? Record(AnswerDocument answer, int bonus)
    {
        // LiteDB transactions belong to a thread; the lock keeps this block on one and serialises answers.
        lock (_write)
        {
            if (_answers.FindById(answer.Id) is not null)
            {
                return null;
            }

            database.BeginTrans();
            try
            {
                answer.Points = answer.Correct ? 1 : 0;
                if (answer.Correct && _first.FindById($"{answer.RoundId}:{answer.Index}") is null)
                {
                    _first.Insert(new BsonDocument { ["_id"] = $"{answer.RoundId}:{answer.Index}", ["user"] = answer.UserId });
                    answer.First = true;
                    answer.Points += bonus;
                }

                _answers.Insert(answer);
                database.Commit();
                return answer;
            }
            catch
            {
                database.Rollback();
                throw;
            }
        }
    }

    public IReadOnlyList<AnswerDocument> ForQuestion(string roundId, int index) =>
        [.. _answers.Find(a => a.RoundId == roundId && a.Index == index).OrderBy(a => a.At)];

    public IReadOnlyList<AnswerDocument> ForRound(string roundId) => [.. _answers.Find(a => a.RoundId == roundId)];

    public IReadOnlyList<AnswerDocument> InScopeSince(string scope, DateTime since) =>
        [.. _answers.Find(a => a.Scope == scope && a.At >= since)];
}
