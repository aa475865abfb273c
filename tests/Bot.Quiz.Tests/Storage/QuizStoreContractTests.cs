using Bot.Core.Storage;
using Bot.Quiz.Storage;
using Bot.Testing;

namespace Bot.Quiz.Tests.Storage;

/// <summary>The quiz stores' promises, on LiteDB and on PostgreSQL.</summary>
public sealed class QuizStoreContractTests
{
    private static readonly DateTime Now = new(2026, 3, 1, 9, 0, 0, DateTimeKind.Utc);

    public static TheoryData<string> Backends => StoreBackends.All;

    private static OpenStore Open(string backend) => StoreBackends.Open(
        backend,
        [new QuizStoreMigration(), new QuizCollectionsMigration()],
        typeof(RoundDocument), typeof(AnswerDocument), typeof(ScheduleDocument), typeof(AskedDocument), typeof(FirstCorrectDocument));

    private static AnswerDocument Answer(string user, bool correct, int minute) => new()
    {
        Id = AnswerDocument.Key("r1", 0, user), RoundId = "r1", Index = 0, QuestionId = "q", Scope = "console/s",
        UserId = user, UserName = user, Letter = correct ? "A" : "B", Correct = correct, At = Now.AddMinutes(minute),
    };

    [Theory]
    [MemberData(nameof(Backends))]
    public void TryStart_SecondRoundInAChannel_IsRefused_AndEndKeepsANewerRound(string backend)
    {
        using var open = Open(backend);
        var rounds = new RoundStore(open.Store);
        var round = new RoundDocument { Id = "console/s/c", RoundId = "r1", QuestionIds = ["q1", "q2"], StartedAt = Now };

        Assert.True(rounds.TryStart(round));
        Assert.False(rounds.TryStart(new RoundDocument { Id = "console/s/c", RoundId = "r2" }));
        rounds.End("console/s/c", "other");
        Assert.Equal(["q1", "q2"], rounds.Find("console/s/c")!.QuestionIds);
        rounds.End("console/s/c", "r1");

        Assert.Null(rounds.Find("console/s/c"));
        Assert.Empty(rounds.All());
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public void WhileOpen_RunsOnlyForTheOpenQuestion_AndUpdateKeepsAStopAskedElsewhere(string backend)
    {
        using var open = Open(backend);
        var rounds = new RoundStore(open.Store);
        rounds.TryStart(new RoundDocument { Id = "console/s/c", RoundId = "r1", QuestionIds = ["q1", "q2"], Deadline = Now, StartedAt = Now });
        var owners = rounds.Find("console/s/c")!;

        var during = rounds.WhileOpen("console/s/c", "r1", 0, () => "recorded");
        Assert.True(rounds.RequestStop("console/s/c", "r1", "mod"));
        owners.Closed = true;
        rounds.Update(owners);

        Assert.Equal("recorded", during);
        Assert.Null(rounds.WhileOpen("console/s/c", "r1", 0, () => "recorded"));
        Assert.Null(rounds.WhileOpen("console/s/c", "r1", 1, () => "recorded"));
        Assert.Null(rounds.WhileOpen("console/s/c", "other", 0, () => "recorded"));
        // The owner's copy never saw the request; its update keeps it all the same.
        Assert.Equal("mod", rounds.Find("console/s/c")!.StopRequestedBy);
        Assert.False(rounds.RequestStop("console/s/c", "other", "mod"));
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public void Record_CountsOneAnswerAPerson_AndOneFirstCorrectBonus(string backend)
    {
        using var open = Open(backend);
        var answers = new AnswerStore(open.Store);

        var wrong = answers.Record(Answer("ann", correct: false, 0), bonus: 2);
        var first = answers.Record(Answer("bob", correct: true, 1), bonus: 2);
        var second = answers.Record(Answer("cyd", correct: true, 2), bonus: 2);
        var again = answers.Record(Answer("bob", correct: false, 3), bonus: 2);

        Assert.Equal(0, wrong!.Points);
        Assert.Equal(3, first!.Points);
        Assert.True(first.First);
        Assert.Equal(1, second!.Points);
        Assert.Null(again);
        Assert.Equal(["ann", "bob", "cyd"], answers.ForQuestion("r1", 0).Select(a => a.UserId));
        Assert.Equal(4, answers.ForRound("r1").Sum(a => a.Points));
        Assert.Equal(["cyd"], answers.InScopeSince("console/s", Now.AddMinutes(2)).Select(a => a.UserId));
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task Record_OneAnswerArrivingManyTimesAtOnce_CountsOnce(string backend)
    {
        using var open = Open(backend);
        var answers = new AnswerStore(open.Store);

        var recorded = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(() => answers.Record(Answer("bob", correct: true, 1), bonus: 2))));

        Assert.Single(recorded, r => r is not null);
        Assert.Equal(3, answers.ForRound("r1").Single().Points);
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public void HistoryAndSchedules_AreKeptAndPaused(string backend)
    {
        using var open = Open(backend);
        var history = new HistoryStore(open.Store);
        var schedules = new ScheduleStore(open.Store);
        history.Save("console/s/c", ["q1", "q2"]);
        schedules.Add(new ScheduleDocument { Id = "s1", Platform = "console", Server = "s", Channel = "c", Cron = "0 9 * * 1", Questions = 3, CreatedAt = Now });

        Assert.True(schedules.Pause("s1", "missing access", Now));

        Assert.Equal(["q1", "q2"], history.Asked("console/s/c").Order());
        Assert.Empty(history.Asked("elsewhere"));
        Assert.True(schedules.Find("s1")!.Paused);
        Assert.Equal(["s1"], schedules.InChannel("console", "s", "c").Select(s => s.Id));
        Assert.False(schedules.Pause("gone", "x", Now));
        Assert.True(schedules.Remove("s1"));
        Assert.Empty(schedules.All());
    }
}
