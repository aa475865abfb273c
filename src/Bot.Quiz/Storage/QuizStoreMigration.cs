using Bot.Core.Storage;
using LiteDB;

namespace Bot.Quiz.Storage;

/// <summary>Version 1 of the quiz collections and their indexes.</summary>
internal sealed class QuizStoreMigration : IStoreMigration
{
    public string Module => "quiz";

    public int Version => 1;

    public string Description => "quiz rounds, answers, asked questions and schedules";

    public void Apply(ILiteDatabase database)
    {
        var answers = database.GetCollection<AnswerDocument>(AnswerStore.Collection);
        answers.EnsureIndex(a => a.Scope);
        answers.EnsureIndex(a => a.RoundId);
        answers.EnsureIndex(a => a.At);
        database.GetCollection<RoundDocument>(RoundStore.Collection).EnsureIndex(r => r.RoundId);
        database.GetCollection<ScheduleDocument>(ScheduleStore.Collection).EnsureIndex(s => s.Channel);
    }
}
