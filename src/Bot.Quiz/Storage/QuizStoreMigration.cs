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

/// <summary>
/// Version 2: the two collections that were made on their first write are made at start instead.
/// LiteDB 5 is not safe for collections created from several threads at once, and hosted services
/// and commands write in parallel; the schema steps run on one thread before anything else.
/// </summary>
internal sealed class QuizCollectionsMigration : IStoreMigration
{
    public string Module => "quiz";

    public int Version => 2;

    public string Description => "asked questions and first correct answers made at start";

    public void Apply(ILiteDatabase database)
    {
        database.GetCollection(HistoryStore.Collection).EnsureIndex("_id");
        database.GetCollection(AnswerStore.FirstCollection).EnsureIndex("_id");
    }
}
