using Bot.Core.Storage;

namespace Bot.Quiz.Storage;

/// <summary>Version 1 of the quiz collections and their indexes.</summary>
internal sealed class QuizStoreMigration : IStoreMigration
{
    public string Module => "quiz";

    public int Version => 1;

    public string Description => "quiz rounds, answers, asked questions and schedules";

    public void Apply(IDocumentStore store)
    {
        store.CreateCollection(AnswerStore.Collection);
        store.CreateCollection(RoundStore.Collection);
        store.CreateCollection(ScheduleStore.Collection);
        var answers = store.Collection<AnswerDocument>(AnswerStore.Collection);
        answers.EnsureIndex(nameof(AnswerDocument.Scope));
        answers.EnsureIndex(nameof(AnswerDocument.RoundId));
        answers.EnsureIndex(nameof(AnswerDocument.At));
        store.Collection<RoundDocument>(RoundStore.Collection).EnsureIndex(nameof(RoundDocument.RoundId));
        store.Collection<ScheduleDocument>(ScheduleStore.Collection).EnsureIndex(nameof(ScheduleDocument.Channel));
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

    public void Apply(IDocumentStore store)
    {
        store.CreateCollection(HistoryStore.Collection);
        store.CreateCollection(AnswerStore.FirstCollection);
    }
}
